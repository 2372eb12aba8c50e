package fr.maillage.offers.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * JSON Schemas of the event contracts, loaded from the classpath: META-INF/events/&lt;topic&gt;.schema.json
 * for what offers produces, META-INF/events/consumed/&lt;topic&gt;.schema.json for the fields offers relies on
 * in what it consumes (extra fields allowed).
 */
public final class EventSchemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    public static JsonSchema produced(String topic) {
        return load("META-INF/events/" + topic + ".schema.json");
    }

    public static JsonSchema consumed(String topic) {
        return load("META-INF/events/consumed/" + topic + ".schema.json");
    }

    /** @return the violations, empty when the event is valid */
    public static List<String> violations(JsonSchema schema, JsonNode event) {
        return schema.validate(event).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load(String resource) {
        return CACHE.computeIfAbsent(resource, r -> {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("Missing event schema " + r);
                }
                return FACTORY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
