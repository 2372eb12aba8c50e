package fr.maillage.platform.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** Traced with a real OpenTelemetry SDK: the spans it ends are those an exporter receives. */
class TracedTest {
    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey(RequestIdFilter.SPAN_ATTRIBUTE);

    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private final Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            exported.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    })).build().get("test");

    @AfterEach
    void clear() {
        MDC.remove(RequestIds.MDC_KEY);
    }

    @Test
    void theWorkRunsInItsSpanWithTheRequestIdThenBothAreGone() {
        Span span = tracer.spanBuilder("work").startSpan();
        String result = Traced.call(span, "req-1", () -> {
            assertEquals("req-1", MDC.get(RequestIds.MDC_KEY));
            assertSame(span, Span.current());
            return "done";
        });

        assertEquals("done", result);
        assertNull(MDC.get(RequestIds.MDC_KEY));
        assertEquals(1, exported.size(), "the span is ended");
        assertEquals("req-1", exported.get(0).getAttributes().get(REQUEST_ID));
        assertEquals(StatusCode.UNSET, exported.get(0).getStatus().getStatusCode());
    }

    @Test
    void aFailureMarksTheSpanInErrorAndGoesThrough() {
        Span span = tracer.spanBuilder("work").startSpan();
        IllegalStateException thrown = new IllegalStateException("boom");

        assertSame(thrown, assertThrows(IllegalStateException.class, () -> Traced.run(span, "req-2", () -> {
            throw thrown;
        })));

        assertNull(MDC.get(RequestIds.MDC_KEY));
        assertEquals(1, exported.size(), "the span is ended");
        assertEquals(StatusCode.ERROR, exported.get(0).getStatus().getStatusCode());
        assertEquals("IllegalStateException", exported.get(0).getStatus().getDescription());
    }

    @Test
    void withoutARequestIdTheLoggingContextIsLeftAsItWasAndAnOuterIdComesBack() {
        MDC.put(RequestIds.MDC_KEY, "outer");

        Traced.run(tracer.spanBuilder("no id").startSpan(), null,
                () -> assertEquals("outer", MDC.get(RequestIds.MDC_KEY)));
        assertEquals("outer", MDC.get(RequestIds.MDC_KEY));
        assertNull(exported.get(0).getAttributes().get(REQUEST_ID));

        Traced.run(tracer.spanBuilder("inner id").startSpan(), "inner",
                () -> assertEquals("inner", MDC.get(RequestIds.MDC_KEY)));
        assertEquals("outer", MDC.get(RequestIds.MDC_KEY));
    }
}
