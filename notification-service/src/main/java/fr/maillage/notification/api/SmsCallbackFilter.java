package fr.maillage.notification.api;

import fr.maillage.notification.api.SmsCallbackAuth.ProviderNotAuthenticated;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.problem.ProblemResponses;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Authenticates the SMS provider on its callbacks before anything else (the body is not even read): an
 * unauthenticated caller learns nothing, not even whether its body would have been valid. The secret comes in the
 * {@value SmsCallbackAuth#HEADER} header, or — for a provider that lets its customers set only a URL, such as Octopush —
 * in the query parameter {@value #QUERY}: the query string is neither in the gateway's access log ({@code $uri}) nor in
 * a problem's {@code instance}.
 */
@Provider
@SmsProviderCallback
@Priority(Priorities.AUTHENTICATION)
public class SmsCallbackFilter implements ContainerRequestFilter {
    static final String QUERY = "secret";
    private final SmsCallbackAuth auth;

    SmsCallbackFilter(SmsCallbackAuth auth) {
        this.auth = auth;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            String header = request.getHeaderString(SmsCallbackAuth.HEADER);
            auth.check(header != null ? header : request.getUriInfo().getQueryParameters().getFirst(QUERY));
        } catch (ProviderNotAuthenticated e) {
            request.abortWith(ProblemResponses.of(Problem.unauthorized(e.getMessage()).header(HttpHeaders.WWW_AUTHENTICATE,
                    SmsCallbackAuth.HEADER + " realm=\"sms-provider\""), request.getUriInfo().getPath()));
        }
    }
}
