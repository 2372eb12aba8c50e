package fr.maillage.platform.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    public static final String COLUMNS = "id, topic, aggregate_id, type, payload";
    public static final String VALUES = "(?, ?, ?, ?, ?)";

    private final ObjectMapper mapper;
    private final EntityManager em;

    Outbox(ObjectMapper mapper, EntityManager em) {
        this.mapper = mapper;
        this.em = em;
    }

    /** Stores the event in the caller's transaction; @return its event id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(String topic, String type, Object aggregateId, long version, Object data) {
        OutboxRow row = row(topic, type, aggregateId, version, data);
        em.createNativeQuery("INSERT INTO outbox_event (" + COLUMNS + ") VALUES (:id, :topic, :aggregate, :type, :payload)")
                .setParameter("id", row.id()).setParameter("topic", row.topic())
                .setParameter("aggregate", row.aggregateId()).setParameter("type", row.type())
                .setParameter("payload", row.payload()).executeUpdate();
        return row.id();
    }

    /** The row of an event, not yet stored: the caller inserts it (e.g. in a JDBC batch) in the change's transaction. */
    public OutboxRow row(String topic, String type, Object aggregateId, long version, Object data) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type, OffsetDateTime.now(ZoneOffset.UTC),
                aggregateId.toString(), version, data);
        try {
            return new OutboxRow(envelope.eventId(), topic, envelope.aggregateId(), type, mapper.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + type + " cannot be serialised", e);
        }
    }
}
