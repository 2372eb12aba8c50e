package fr.maillage.offers.events;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The common part of every consumer: parse, check against the consumed contract's JSON Schema, and
 * deduplicate on eventId in the caller's transaction. An invalid event throws, which nacks it to the
 * dead-letter topic (offers.dlq.v1) instead of blocking the partition.
 */
@ApplicationScoped
public class IncomingEvents {
    private final ObjectMapper mapper;
    private final ProcessedEvents processed;

    IncomingEvents(ObjectMapper mapper, ProcessedEvents processed) {
        this.mapper = mapper;
        this.processed = processed;
    }

    /** @return the event when it is valid and seen for the first time, null when already applied */
    @Transactional(Transactional.TxType.MANDATORY)
    public JsonNode accept(String topic, String payload) {
        JsonNode event;
        try {
            event = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event on " + topic + " is not JSON: " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("Event on " + topic + " is not a JSON object");
        }
        List<String> violations = EventSchemas.violations(EventSchemas.consumed(topic), event);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("Event on " + topic + " breaks the contract: " + violations);
        }
        return processed.firstTime(UUID.fromString(event.get("eventId").asText()), topic) ? event : null;
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static Double number(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    public static String[] strings(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isArray()) {
            return new String[0];
        }
        String[] result = new String[v.size()];
        for (int i = 0; i < v.size(); i++) {
            result[i] = v.get(i).asText();
        }
        return result;
    }
}
