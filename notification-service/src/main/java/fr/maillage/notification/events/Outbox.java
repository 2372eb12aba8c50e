package fr.maillage.notification.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Records events in the caller's transaction (the connection Agroal enlisted in it), so a status change
 * and the event describing it commit together; {@link OutboxRelay} publishes them afterwards.
 */
@ApplicationScoped
public class Outbox {
    public static final String DELIVERIES_TOPIC = "notification.deliveries.v1";

    /** An event to publish; {@code version} increases per aggregate. */
    public record Pending(String topic, String type, String aggregateId, long version, Object data) {
    }

    private final ObjectMapper mapper;
    private final DataSource dataSource;

    Outbox(ObjectMapper mapper, DataSource dataSource) {
        this.mapper = mapper;
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO outbox_event (id, topic, aggregate_id, type, payload) VALUES (?, ?, ?, ?, ?)")) {
            for (Pending e : events) {
                EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), e.type(), now, e.aggregateId(),
                        e.version(), e.data());
                ps.setObject(1, envelope.eventId());
                ps.setString(2, e.topic());
                ps.setString(3, e.aggregateId());
                ps.setString(4, e.type());
                ps.setString(5, mapper.writeValueAsString(envelope));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Outbox write failed: " + e.getMessage(), e);
        }
    }
}
