package fr.maillage.platform.tracing;

import java.util.function.Supplier;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * Runs a piece of work that an event carried on from a request (an event's processing, a notification's send) the way
 * a request runs: within its span (current while it runs, so the spans it starts are its children) and with the
 * request id in the logging context, so its log lines show it. A failure marks the span in error; the span ends and
 * the request id leaves the logging context whatever happens.
 */
public final class Traced {
    private Traced() {
    }

    /**
     * Runs {@code work} within {@code span} (started by the caller, ended here) and with {@code requestId} (null: none)
     * in the MDC and on the span. @return what {@code work} returns; a runtime exception goes through, the span in
     * error with the exception's class name.
     */
    public static <T> T call(Span span, String requestId, Supplier<T> work) {
        Object previous = null;
        if (requestId != null) {
            previous = MDC.get(RequestIds.MDC_KEY);
            MDC.put(RequestIds.MDC_KEY, requestId);
            span.setAttribute(RequestIdFilter.SPAN_ATTRIBUTE, requestId);
        }
        try (Scope scope = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
            if (requestId != null) {
                if (previous == null) {
                    MDC.remove(RequestIds.MDC_KEY);
                } else {
                    MDC.put(RequestIds.MDC_KEY, previous.toString());
                }
            }
        }
    }

    /** As {@link #call(Span, String, Supplier)}, for work that returns nothing. */
    public static void run(Span span, String requestId, Runnable work) {
        call(span, requestId, () -> {
            work.run();
            return null;
        });
    }
}
