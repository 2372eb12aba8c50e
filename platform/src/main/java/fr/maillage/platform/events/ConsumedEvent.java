package fr.maillage.platform.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** An event read from a topic, checked against its contract: the envelope's members and its {@code data}. */
public record ConsumedEvent(String topic, UUID eventId, String type, OffsetDateTime occurredAt, String aggregateId,
        long version, JsonNode data) {
}
