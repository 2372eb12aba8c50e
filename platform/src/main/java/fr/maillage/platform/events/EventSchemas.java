package fr.maillage.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/**
 * The JSON Schemas of event contracts, as each service ships them: the ones it produces
 * (META-INF/events/&lt;topic&gt;.schema.json) and the ones it consumes (META-INF/events/consumed/&lt;topic&gt;.schema.json,
 * written from the agreed contract). Contract tests check both sides with the same code.
 */
public final class EventSchemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, Optional<JsonSchema>> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** @return the violations of {@code event} against the schema at this classpath resource; empty when valid. */
    public static List<String> validate(String resource, JsonNode event) {
        JsonSchema schema = CACHE.computeIfAbsent(resource, EventSchemas::load)
                .orElseThrow(() -> new IllegalStateException("No JSON Schema at " + resource));
        return schema.validate(event).stream().map(Object::toString).sorted().toList();
    }

    public static boolean exists(String resource) {
        return CACHE.computeIfAbsent(resource, EventSchemas::load).isPresent();
    }

    public static String producedResource(String topic) {
        return "META-INF/events/" + topic + ".schema.json";
    }

    public static String consumedResource(String topic) {
        return "META-INF/events/consumed/" + topic + ".schema.json";
    }

    public static List<String> produced(String topic, JsonNode event) {
        return validate(producedResource(topic), event);
    }

    public static List<String> consumed(String topic, JsonNode event) {
        return validate(consumedResource(topic), event);
    }

    private static Optional<JsonSchema> load(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : EventSchemas.class.getClassLoader()).getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(FACTORY.getSchema(in, CONFIG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
