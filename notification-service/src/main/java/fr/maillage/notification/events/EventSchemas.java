package fr.maillage.notification.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * JSON Schemas of the events this service reads (META-INF/events/consumed/) and writes
 * (META-INF/events/): an event is checked before it has any effect.
 */
@ApplicationScoped
public class EventSchemas {
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    /** @throws InvalidEventException naming every field that breaks the schema of {@code topic}. */
    public void validateConsumed(String topic, JsonNode event) {
        check("META-INF/events/consumed/" + topic + ".schema.json", topic, event);
    }

    public void validateProduced(String topic, JsonNode event) {
        check("META-INF/events/" + topic + ".schema.json", topic, event);
    }

    private void check(String resource, String topic, JsonNode event) {
        JsonSchema schema = schemas.computeIfAbsent(resource, this::load);
        Set<ValidationMessage> errors = schema.validate(event);
        if (!errors.isEmpty()) {
            throw new InvalidEventException(topic + ": " + errors.stream().map(ValidationMessage::getMessage)
                    .sorted().collect(Collectors.joining("; ")));
        }
    }

    private JsonSchema load(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing event schema " + resource);
            }
            return factory.getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A malformed event: sent to the dead-letter topic with this message as the reason. */
    public static class InvalidEventException extends RuntimeException {
        public InvalidEventException(String message) {
            super(message);
        }
    }
}
