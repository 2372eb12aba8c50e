package fr.maillage.web.http;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * The request id of a page (the gateway's {@code X-Request-Id}) in every log line of that page ({@code %X{requestId}})
 * and on every API call the page makes, so a page and its API calls share one id in every service's logs. The same
 * rule as platform's {@code fr.maillage.platform.tracing.RequestIds}, which web cannot depend on (README).
 */
@Provider
@ApplicationScoped
public class RequestIds implements ClientRequestFilter {
    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    /** Every page request: the received id when acceptable, otherwise a new one. */
    void register(@Observes Filters filters) {
        filters.register(context -> {
            String received = context.request().getHeader(HEADER);
            MDC.put(MDC_KEY, received != null && ACCEPTED.matcher(received).matches() ? received : UUID.randomUUID().toString());
            context.next();
        }, 10_000);
    }

    /** Every call of the REST clients made while serving a page carries that page's id. */
    @Override
    public void filter(ClientRequestContext request) {
        Object id = MDC.get(MDC_KEY);
        if (id != null && !request.getHeaders().containsKey(HEADER)) {
            request.getHeaders().putSingle(HEADER, id.toString());
        }
    }
}
