package fr.maillage.booking.events;

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

    private final ObjectMapper mapper;

    Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(String topic, String type, UUID aggregateId, long version, Object data) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type, OffsetDateTime.now(ZoneOffset.UTC),
                aggregateId.toString(), version, data);
        OutboxEvent row = new OutboxEvent();
        row.id = envelope.eventId();
        row.topic = topic;
        row.aggregateId = envelope.aggregateId();
        row.type = type;
        try {
            row.payload = mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + type + " cannot be serialised", e);
        }
        row.persist();
        return row.id;
    }
}
