package fr.maillage.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import fr.maillage.platform.tracing.RequestIdFilter;
import fr.maillage.platform.tracing.RequestIds;
import fr.maillage.platform.tracing.TraceHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

/**
 * Publishes committed outbox rows to Kafka in commit order, keyed by aggregate id so one aggregate's events stay in
 * one partition, then purges them after {@link OutboxConfig#retention()}.
 * <ul>
 * <li>Several replicas may run it: a transaction-scoped advisory lock lets one publish a batch at a time, in seq order
 * (two relays taking alternate rows could reorder an aggregate's events).</li>
 * <li>Rows are marked published up to the first one the broker did not acknowledge: the rest are sent again later
 * with the same event ids, which consumers deduplicate (at-least-once, nothing skipped).</li>
 * <li>It wakes on commit: a trigger NOTIFYs {@value #CHANNEL}; the poll every {@link OutboxConfig#interval()} only
 * covers a lost notification.</li>
 * </ul>
 * A plain KafkaProducer rather than a SmallRye emitter: the relay needs a bounded, synchronous "acknowledged or not"
 * per batch, and works before the messaging channels are wired.
 */
@ApplicationScoped
public class OutboxRelay {
    static final String CHANNEL = "outbox_event";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final EntityManager em;
    private final OutboxConfig config;
    private final PgNotifications notifications;
    private final Housekeeping housekeeping;
    private final TraceHeaders traceHeaders;
    private final Tracer tracer;
    private final String clientId;
    /** The broker's security settings every Kafka client of the service shares (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*, KAFKA_SSL_*). */
    private final Map<String, Object> brokerSecurity = new HashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile KafkaProducer<String, String> producer;
    private Thread thread;

    OutboxRelay(EntityManager em, OutboxConfig config, PgNotifications notifications, Housekeeping housekeeping,
            TraceHeaders traceHeaders, OpenTelemetry openTelemetry, @ConfigProperty(name = "quarkus.application.name", defaultValue = "maillage") String application,
            @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafkaDefaults) {
        this.em = em;
        if (kafkaDefaults.isResolvable()) {
            kafkaDefaults.get().forEach((key, value) -> {
                if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                    brokerSecurity.put(key, value);
                }
            });
        }
        this.config = config;
        this.notifications = notifications;
        this.housekeeping = housekeeping;
        this.traceHeaders = traceHeaders;
        this.tracer = openTelemetry.getTracer("fr.maillage.platform");
        this.clientId = application + "-outbox-relay";
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Outbox relay disabled (maillage.outbox.enabled=false)");
            return;
        }
        running = true;
        if (config.wakeOnCommit()) {
            notifications.listen(CHANNEL, this::wake);
        }
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the relay to look now (after a commit); cheap and safe from any thread. */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void loop() {
        long nextPurge = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (running) {
            relay();
            if (System.nanoTime() - nextPurge > 0) {
                housekeeping.purge(config.retention());
                nextPurge = System.nanoTime() + config.purgeEvery().toNanos();
            }
            try {
                wake.tryAcquire(config.interval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Publishes everything pending; a failure leaves rows pending for the next wake-up or poll. */
    public void relay() {
        try {
            int n;
            do {
                n = QuarkusTransaction.requiringNew().call(this::relayBatch);
            } while (n == config.batchSize() && running);
        } catch (RuntimeException e) {
            // e.g. the database is unreachable: nothing was marked, everything is retried later
            LOG.warnf("Outbox relay paused, will retry: %s", e.getClass().getSimpleName());
        }
    }

    @SuppressWarnings("unchecked")
    int relayBatch() {
        if (!(Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtext('outbox-relay'))").getSingleResult()) {
            return 0;
        }
        List<Object[]> batch = em.createNativeQuery("""
                SELECT seq, topic, aggregate_id, payload, CAST(headers AS text) FROM outbox_event WHERE published_at IS NULL
                ORDER BY seq LIMIT :n FOR UPDATE SKIP LOCKED""").setParameter("n", config.batchSize()).getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        KafkaProducer<String, String> kafka = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        List<Span> spans = new ArrayList<>(batch.size());
        for (Object[] row : batch) {
            ProducerRecord<String, String> record = new ProducerRecord<>((String) row[1], (String) row[2], (String) row[3]);
            spans.add(traced(record, traceHeaders.fromJson((String) row[4])));
            acks.add(kafka.send(record));
        }
        long deadline = System.nanoTime() + config.ackTimeout().toNanos();
        int acknowledged = 0;
        Exception failure = null;
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                spans.get(acknowledged).end();
                acknowledged++;
            } catch (Exception e) {
                failure = e;
                break;
            }
        }
        for (Span span : spans.subList(acknowledged, spans.size())) {
            span.setStatus(StatusCode.ERROR, "not acknowledged, sent again later").end();
        }
        if (acknowledged > 0) {
            List<Long> seqs = new ArrayList<>(acknowledged);
            for (Object[] row : batch.subList(0, acknowledged)) {
                seqs.add(((Number) row[0]).longValue());
            }
            em.createNativeQuery("UPDATE outbox_event SET published_at = now() WHERE seq IN (:seqs)")
                    .setParameter("seqs", seqs).executeUpdate();
        }
        if (failure != null) {
            LOG.warnf("Outbox relay paused after %d/%d events, will retry: %s", acknowledged, batch.size(),
                    failure.getClass().getSimpleName());
            return -1;
        }
        return batch.size();
    }

    /**
     * Continues the trace of the request that wrote the row: a PRODUCER span child of the stored context, whose context
     * (traceparent, tracestate) goes with the record, beside the request id, so the consumer continues the same trace.
     * With tracing off the span is a no-op and the stored headers go as they are.
     */
    private Span traced(ProducerRecord<String, String> record, Map<String, String> stored) {
        Span span = tracer.spanBuilder(record.topic() + " publish").setSpanKind(SpanKind.PRODUCER)
                .setParent(traceHeaders.extract(stored))
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.operation.type", "send").startSpan();
        Map<String, String> headers = new java.util.LinkedHashMap<>(stored);
        if (span.getSpanContext().isValid()) {
            headers.putAll(traceHeaders.of(Context.root().with(span), null));
        }
        String requestId = stored.get(RequestIds.HEADER);
        if (requestId != null) {
            span.setAttribute(RequestIdFilter.SPAN_ATTRIBUTE, requestId);
        }
        headers.forEach((key, value) -> record.headers().add(key, value.getBytes(StandardCharsets.UTF_8)));
        return span;
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = new Properties();
                    // Authenticated like the service's channels (Kubernetes: SASL_SSL, SCRAM credentials of its KafkaUser).
                    props.putAll(brokerSecurity);
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
                    // A broker outage must fail a batch quickly (rows stay pending) rather than block the relay.
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "9000");
                    props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
                    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    producer = new KafkaProducer<>(props);
                }
                current = producer;
            }
        }
        return current;
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
        KafkaProducer<String, String> kafka = producer;
        if (kafka != null) {
            kafka.close(Duration.ofSeconds(2));
        }
    }
}
