package fr.maillage.platform.tracing;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Puts the request id in the logging context of every HTTP request, before anything else handles it. Quarkus keeps the
 * MDC in the request's own (duplicated) Vert.x context, so the blocking resource code, on a worker thread, sees it too.
 * The id also goes on the request's span (attribute {@value #SPAN_ATTRIBUTE}) when tracing is on.
 */
@ApplicationScoped
public class RequestIdFilter {
    public static final String SPAN_ATTRIBUTE = "maillage.request_id";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String id = RequestIds.acceptOrMint(context.request().getHeader(RequestIds.HEADER));
            MDC.put(RequestIds.MDC_KEY, id);
            Span.current().setAttribute(SPAN_ATTRIBUTE, id);
            context.next();
        }, 10_000);
    }
}
