package fr.maillage.booking.events;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Records an event in the caller's transaction; {@link OutboxRelay} publishes it once committed. */
@ApplicationScoped
public class Outbox {
    public static final String BOOKINGS = "booking.bookings.v1";
    public static final String SLOTS = "booking.slots.v1";
    public static final String SHIFTS = "booking.shifts.v1";
    /** Columns an {@link Event} fills, in the order of {@link Event#bind}. */
    public static final String COLUMNS = "id, topic, aggregate_id, type, payload";
    public static final String VALUES = "(?, ?, ?, ?, ?)";

    /** One outbox_event row, ready to be inserted (by Hibernate, or in a JDBC statement of the booking path). */
    public record Event(UUID id, String topic, String aggregateId, String type, String payload) {
        /** Binds the five {@link #COLUMNS} from parameter {@code first} on; @return the next parameter index. */
        public int bind(PreparedStatement statement, int first) throws SQLException {
            statement.setObject(first, id);
            statement.setString(first + 1, topic);
            statement.setString(first + 2, aggregateId);
            statement.setString(first + 3, type);
            statement.setString(first + 4, payload);
            return first + 5;
        }
    }

    private final ObjectMapper mapper;

    Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(String topic, String type, UUID aggregateId, long version, Object data) {
        Event event = event(topic, type, aggregateId, version, data);
        OutboxEvent row = new OutboxEvent();
        row.id = event.id();
        row.topic = event.topic();
        row.aggregateId = event.aggregateId();
        row.type = event.type();
        row.payload = event.payload();
        row.persist();
        return row.id;
    }

    /** The row of an event, not yet stored: the caller inserts it in the transaction of the change. */
    public Event event(String topic, String type, UUID aggregateId, long version, Object data) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type, OffsetDateTime.now(ZoneOffset.UTC),
                aggregateId.toString(), version, data);
        try {
            return new Event(envelope.eventId(), topic, envelope.aggregateId(), type, mapper.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + type + " cannot be serialised", e);
        }
    }
}
