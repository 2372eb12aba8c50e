package fr.maillage.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.platform.problem.Databases;
import fr.maillage.platform.tracing.RequestIds;
import fr.maillage.platform.tracing.TraceHeaders;
import fr.maillage.platform.tracing.Traced;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

/**
 * The one way a service applies an event it consumes, from an {@code @Incoming} + {@code @Blocking} method (without
 * {@code @Transactional}: each try runs in a transaction of its own):
 * <ol>
 * <li>parse and check against the consumed contract (META-INF/events/consumed/&lt;topic&gt;.schema.json) — a message
 * that is not JSON or breaks the contract is poison: {@link PoisonEventException} at once, parked on the DLQ;</li>
 * <li>in one transaction with the effect: record the event id in {@code processed_event} (a redelivery has no second
 * effect) and, unless disabled, the version in {@code consumed_version} (an event older than the last one applied
 * for the same aggregate on that topic is skipped);</li>
 * <li>a transient failure (database down or restarting, deadlock, serialization failure, broker hiccup) is retried
 * with backoff for up to {@link ConsumerConfig#transientRetryFor()}; any other failure gets
 * {@link ConsumerConfig#attempts()} tries; then the event is parked with the reason.</li>
 * </ol>
 * Each parked event counts in {@code maillage_events_dead_lettered_total{topic}} (the consumed topic).
 */
@io.quarkus.runtime.Startup // its dead-letter counters exist from the start
@ApplicationScoped
public class IdempotentConsumer {
    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final ObjectMapper mapper;
    private final EntityManager em;
    private final ConsumerConfig config;
    private final TraceHeaders traceHeaders;
    private final Tracer tracer;
    private final MeterRegistry registry;
    private volatile boolean stopping;

    IdempotentConsumer(ObjectMapper mapper, EntityManager em, ConsumerConfig config, TraceHeaders traceHeaders,
            OpenTelemetry openTelemetry, MeterRegistry registry, org.eclipse.microprofile.config.Config settings) {
        this.mapper = mapper;
        this.em = em;
        this.config = config;
        this.traceHeaders = traceHeaders;
        this.tracer = openTelemetry.getTracer("fr.maillage.platform");
        this.registry = registry;
        // every consumed topic's counter from the start (mp.messaging.incoming.<channel>.topic): 0, not absent
        for (String property : settings.getPropertyNames()) {
            if (property.startsWith("mp.messaging.incoming.") && property.endsWith(".topic")) {
                settings.getOptionalValue(property, String.class).ifPresent(this::deadLettered);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Applies {@code effect} once per event id, in order of versions; see the class comment. */
    public void consume(String topic, String payload, Consumer<ConsumedEvent> effect) {
        consume(topic, payload, effect, config.versionGuard());
    }

    /** As {@link #consume(String, String, Consumer)}, choosing whether older versions are skipped for this topic. */
    public void consume(String topic, String payload, Consumer<ConsumedEvent> effect, boolean versionGuard) {
        consume(topic, payload, null, effect, versionGuard);
    }

    /**
     * As {@link #consume(String, String, Consumer)}, within the trace and with the request id the event carries (its
     * Kafka headers, see {@link TraceHeaders}): the {@code @Incoming} method takes the record's metadata beside the
     * payload, {@code consume(String payload, IncomingKafkaRecordMetadata<?, ?> record)}.
     */
    public void consume(String topic, String payload, IncomingKafkaRecordMetadata<?, ?> record, Consumer<ConsumedEvent> effect) {
        consume(topic, payload, record, effect, config.versionGuard());
    }

    /** As {@link #consume(String, String, IncomingKafkaRecordMetadata, Consumer)}, choosing the version guard. */
    public void consume(String topic, String payload, IncomingKafkaRecordMetadata<?, ?> record, Consumer<ConsumedEvent> effect,
            boolean versionGuard) {
        Map<String, String> carried = carried(record);
        String requestId = RequestIds.acceptOrNull(carried.get(RequestIds.HEADER));
        // The Kafka connector's own span (when its tracing is on) is already current; otherwise continue the producer's.
        boolean connectorSpan = Span.current().getSpanContext().isValid();
        Span span = tracer.spanBuilder(topic + " process")
                .setSpanKind(connectorSpan ? SpanKind.INTERNAL : SpanKind.CONSUMER)
                .setParent(connectorSpan ? Context.current() : traceHeaders.extract(carried))
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.operation.type", "process").startSpan();
        try {
            Traced.run(span, requestId, () -> applyWithRetries(topic, payload, effect, versionGuard, span));
        } catch (PoisonEventException e) {
            deadLettered(topic).increment();
            throw e;
        }
    }

    /** The headers an event carries that {@link TraceHeaders} knows (trace context, request id); the last of each. */
    private Map<String, String> carried(IncomingKafkaRecordMetadata<?, ?> record) {
        if (record == null || record.getHeaders() == null) {
            return Map.of();
        }
        Map<String, String> carried = new HashMap<>();
        for (String name : traceHeaders.names()) {
            Header header = record.getHeaders().lastHeader(name);
            if (header != null && header.value() != null) {
                carried.put(name, new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return carried;
    }

    /** The counter of events of {@code topic} parked on the dead-letter topic. */
    private Counter deadLettered(String topic) {
        return Counter.builder("maillage.events.dead.lettered").tag("topic", topic)
                .description("Events parked on the dead-letter topic, by consumed topic").register(registry);
    }

    private void applyWithRetries(String topic, String payload, Consumer<ConsumedEvent> effect, boolean versionGuard, Span span) {
        ConsumedEvent event = parse(topic, payload);
        span.setAttribute("messaging.message.id", event.eventId().toString()).setAttribute("maillage.event.type", event.type());
        long started = System.nanoTime();
        long backoff = config.initialBackoff().toMillis();
        for (int attempt = 1;; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> apply(event, effect, versionGuard));
                return;
            } catch (RuntimeException e) {
                boolean transientFailure = isTransient(e);
                // A transient failure is retried even while stopping: unacknowledged, the event comes back after a
                // restart, whereas parking it would take a valid event away from the read model.
                boolean retry = transientFailure
                        ? System.nanoTime() - started < config.transientRetryFor().toNanos()
                        : !stopping && attempt < config.attempts();
                if (!retry) {
                    throw new PoisonEventException("Event " + event.eventId() + " (" + event.type() + ") on " + topic
                            + " not applied after " + attempt + " attempt(s): " + e.getClass().getName(), e);
                }
                LOG.warnf("Event %s on %s not applied (attempt %d, %s), retrying in %d ms", event.eventId(), topic,
                        attempt, transientFailure ? "transient " + e.getClass().getSimpleName() : e.getClass().getSimpleName(),
                        backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
            }
        }
    }

    /** Parses and checks an event against its consumed contract; poison when it cannot be read or breaks it. */
    public ConsumedEvent parse(String topic, String payload) {
        JsonNode node;
        try {
            node = payload == null ? null : mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("Event on " + topic + " is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new PoisonEventException("Event on " + topic + " is not a JSON object");
        }
        String schema = EventSchemas.consumedResource(topic);
        List<String> violations = EventSchemas.exists(schema) ? EventSchemas.validate(schema, node) : envelopeViolations(node);
        if (!violations.isEmpty()) {
            throw new PoisonEventException("Event on " + topic + " breaks the contract: " + violations);
        }
        try {
            JsonNode occurred = node.get("occurredAt");
            return new ConsumedEvent(topic, UUID.fromString(node.get("eventId").asText()), node.get("type").asText(),
                    occurred == null || occurred.isNull() ? null : OffsetDateTime.parse(occurred.asText()),
                    node.get("aggregateId").asText(), node.get("version").asLong(), node.get("data"));
        } catch (RuntimeException e) {
            throw new PoisonEventException("Event on " + topic + " has an unreadable envelope: " + e.getMessage());
        }
    }

    private static List<String> envelopeViolations(JsonNode node) {
        List<String> missing = new java.util.ArrayList<>();
        for (String member : List.of("eventId", "type", "aggregateId", "version", "data")) {
            if (!node.hasNonNull(member)) {
                missing.add("$." + member + ": is missing");
            }
        }
        return missing;
    }

    private void apply(ConsumedEvent event, Consumer<ConsumedEvent> effect, boolean versionGuard) {
        boolean first = em.createNativeQuery(
                "INSERT INTO processed_event (event_id, topic) VALUES (:id, :topic) ON CONFLICT DO NOTHING")
                .setParameter("id", event.eventId()).setParameter("topic", event.topic()).executeUpdate() == 1;
        if (!first) {
            LOG.debugf("Event %s already applied, skipped", event.eventId());
            return;
        }
        if (versionGuard && !newest(event)) {
            LOG.debugf("Event %s of %s is older (v%d) than the last applied, skipped", event.eventId(),
                    event.aggregateId(), event.version());
            return;
        }
        effect.accept(event);
    }

    /** Records the version when it is not lower than the last one applied for the aggregate on this topic. */
    private boolean newest(ConsumedEvent event) {
        return !em.createNativeQuery("""
                INSERT INTO consumed_version (topic, aggregate_id, version) VALUES (:topic, :aggregate, :version)
                ON CONFLICT (topic, aggregate_id) DO UPDATE SET version = EXCLUDED.version, updated_at = now()
                WHERE consumed_version.version <= EXCLUDED.version
                RETURNING version""")
                .setParameter("topic", event.topic()).setParameter("aggregate", event.aggregateId())
                .setParameter("version", event.version()).getResultList().isEmpty();
    }

    static boolean isTransient(Throwable e) {
        if (Databases.isTransient(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoisonEventException("Interrupted while retrying", e);
        }
    }
}
