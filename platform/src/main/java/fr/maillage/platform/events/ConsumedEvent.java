package fr.maillage.platform.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** An event read from a topic, checked against its contract: the envelope's members and its {@code data}. */
public record ConsumedEvent(String topic, UUID eventId, String type, OffsetDateTime occurredAt, String aggregateId,
        long version, JsonNode data) {

    /** A text member of data, or null when absent or null. */
    public String text(String field) {
        JsonNode v = data == null ? null : data.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A UUID member of data, or null when absent or null. */
    public UUID uuid(String field) {
        String text = text(field);
        return text == null ? null : UUID.fromString(text);
    }
}
