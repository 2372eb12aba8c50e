package fr.maillage.platform.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.platform.tracing.TraceHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Records an event in the transaction of the change it describes (no dual write); {@link OutboxRelay} publishes it
 * once committed. Rows are inserted at once, so their {@code seq} follows the order of the calls.
 */
@ApplicationScoped
public class Outbox {
    /** Columns an {@link OutboxRow} fills, in the order of {@link OutboxRow#bind}. */
    public static final String COLUMNS = "id, topic, aggregate_id, type, payload, headers";
    public static final String VALUES = "(?, ?, ?, ?, ?, CAST(? AS jsonb))";

    private final ObjectMapper mapper;
    private final EntityManager em;
    private final TraceHeaders traceHeaders;

    Outbox(ObjectMapper mapper, EntityManager em, TraceHeaders traceHeaders) {
        this.mapper = mapper;
        this.em = em;
        this.traceHeaders = traceHeaders;
    }

    /** Stores the event in the caller's transaction; @return its event id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(String topic, String type, Object aggregateId, long version, Object data) {
        OutboxRow row = row(topic, type, aggregateId, version, data);
        em.createNativeQuery("INSERT INTO outbox_event (" + COLUMNS + ") VALUES (:id, :topic, :aggregate, :type, :payload, CAST(:headers AS jsonb))")
                .setParameter("id", row.id()).setParameter("topic", row.topic())
                .setParameter("aggregate", row.aggregateId()).setParameter("type", row.type())
                .setParameter("payload", row.payload()).setParameter("headers", row.headers()).executeUpdate();
        return row.id();
    }

    /**
     * The row of an event, not yet stored: the caller inserts it (e.g. in a JDBC batch) in the change's transaction. It
     * carries the trace context and request id of the current request or event ({@link TraceHeaders}).
     */
    public OutboxRow row(String topic, String type, Object aggregateId, long version, Object data) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type, OffsetDateTime.now(ZoneOffset.UTC),
                aggregateId.toString(), version, data);
        try {
            return new OutboxRow(envelope.eventId(), topic, envelope.aggregateId(), type, mapper.writeValueAsString(envelope),
                    traceHeaders.currentJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + type + " cannot be serialised", e);
        }
    }
}
