package fr.maillage.booking.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/**
 * The JSON Schemas of the event contracts: the ones this service produces
 * (META-INF/events/&lt;topic&gt;.schema.json) and the ones it consumes
 * (META-INF/events/consumed/&lt;topic&gt;.schema.json, written from the agreed contract).
 */
public final class EventSchemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** @return the violations of {@code event} against the schema at this classpath resource; empty when valid. */
    public static List<String> validate(String resource, JsonNode event) {
        JsonSchema schema = CACHE.computeIfAbsent(resource, EventSchemas::load);
        return schema.validate(event).stream().map(Object::toString).sorted().toList();
    }

    public static List<String> validateProduced(String topic, JsonNode event) {
        return validate("META-INF/events/" + topic + ".schema.json", event);
    }

    public static List<String> validateConsumed(String topic, JsonNode event) {
        return validate("META-INF/events/consumed/" + topic + ".schema.json", event);
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No JSON Schema at " + resource);
            }
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
