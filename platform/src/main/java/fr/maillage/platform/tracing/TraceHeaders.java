package fr.maillage.platform.tracing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What follows an event from the request that caused it to its consumers: the W3C trace context ({@code traceparent},
 * {@code tracestate}, as OpenTelemetry's propagators write it) and the request id ({@value RequestIds#HEADER}). Stored
 * as JSON with the outbox row ({@code outbox_event.headers}), sent as Kafka record headers by the relay, read back by
 * the consumer. With tracing off (the default) only the request id is there.
 */
@ApplicationScoped
public class TraceHeaders {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final ObjectMapper mapper;
    private final TextMapPropagator propagator;
    private final List<String> names;

    TraceHeaders(ObjectMapper mapper, OpenTelemetry openTelemetry) {
        this.mapper = mapper;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.names = Stream.concat(propagator.fields().stream(), Stream.of(RequestIds.HEADER)).distinct().toList();
    }

    /** The names of the headers that carry them: the propagators' fields (traceparent, tracestate…) and the request id. */
    public List<String> names() {
        return names;
    }

    /** The headers of the current request or event: its trace context and request id. */
    public Map<String, String> current() {
        return of(Context.current(), RequestIds.current());
    }

    /** The headers that carry {@code context} and {@code requestId} (null: none). */
    public Map<String, String> of(Context context, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(context, headers, (carrier, key, value) -> carrier.put(key, value));
        if (requestId != null) {
            headers.put(RequestIds.HEADER, requestId);
        }
        return headers;
    }

    /** The trace context carried by {@code headers} (the current one when they carry none). */
    public Context extract(Map<String, String> headers) {
        return propagator.extract(Context.current(), headers, GETTER);
    }

    /** JSON of {@link #current()} for a stored row (outbox, planned notification), or null when there is nothing to carry. */
    public String currentJson() {
        return toJson(current());
    }

    /** JSON of the headers for the outbox row, or null when there is nothing to carry. */
    public String toJson(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headers stored with an outbox row (empty when none, or unreadable: tracing never stops an event). */
    public Map<String, String> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
