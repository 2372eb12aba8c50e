package fr.maillage.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OTLP/HTTP trace receiver (http/protobuf, POST /v1/traces) on {@value #PORT}, where deploy/maillage test makes the
 * services export (QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT). The test stack samples only the traces a caller starts sampled
 * (sampler ratio 0, parent-based), so it receives the spans of the test's own requests and nothing else.
 */
public final class OtlpReceiver implements AutoCloseable {
    public static final int PORT = Integer.getInteger("maillage.otlp.port", 4319);

    /** One received span, flattened: its service (resource service.name), ids in hex, name and attributes. */
    public record Span(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
            java.util.Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final List<Span> spans = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    public OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 16);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream raw = exchange.getRequestBody()) {
                InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(raw) : raw;
                receive(ExportTraceServiceRequest.parseFrom(body));
                byte[] ok = new byte[0]; // an empty ExportTraceServiceResponse: everything accepted
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
            } catch (IOException | RuntimeException | LinkageError e) {
                // kept for the test's failure message (a request we cannot decode is otherwise invisible: the exporter
                // logs nothing for a 400 it does not retry)
                synchronized (this) {
                    failures.add(e.toString());
                }
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    private synchronized void receive(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = value(resource.getResource().getAttributesList(), "service.name").orElse("?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span s : scope.getSpansList()) {
                    java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();
                    s.getAttributesList().forEach(a -> attributes.put(a.getKey(), text(a.getValue())));
                    spans.add(new Span(service, hex.formatHex(s.getTraceId().toByteArray()), hex.formatHex(s.getSpanId().toByteArray()),
                            hex.formatHex(s.getParentSpanId().toByteArray()), s.getName(), s.getKind().name(), attributes));
                }
            }
        }
    }

    private static String text(io.opentelemetry.proto.common.v1.AnyValue value) {
        return switch (value.getValueCase()) {
            case INT_VALUE -> String.valueOf(value.getIntValue());
            case BOOL_VALUE -> String.valueOf(value.getBoolValue());
            case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
            default -> value.getStringValue();
        };
    }

    private static Optional<String> value(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(a -> a.getKey().equals(key)).map(a -> a.getValue().getStringValue()).findFirst();
    }

    /** The spans received so far of one trace. */
    public synchronized List<Span> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** What was received, for a failure message: every span (service, kind, name, ids) and every request refused. */
    public synchronized String describe() {
        return spans.size() + " span(s): " + spans.stream().map(s -> s.service() + " " + s.kind() + " '" + s.name() + "' "
                + s.traceId() + "/" + s.spanId() + "<" + s.parentSpanId()).toList() + "; refused requests: " + failures;
    }

    /** Whether {@code descendant} is {@code ancestor} or below it in {@code trace}. */
    public static boolean descends(List<Span> trace, Span descendant, String ancestorSpanId) {
        Span current = descendant;
        for (int hops = 0; current != null && hops < 100; hops++) {
            if (current.spanId().equals(ancestorSpanId) || current.parentSpanId().equals(ancestorSpanId)) {
                return true;
            }
            String parent = current.parentSpanId();
            current = trace.stream().filter(s -> s.spanId().equals(parent)).findFirst().orElse(null);
        }
        return false;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
