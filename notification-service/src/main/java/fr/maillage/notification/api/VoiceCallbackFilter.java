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

/** Authenticates the voice provider on its receipts before anything else, as {@link SmsCallbackFilter} does for SMS. */
@Provider
@VoiceProviderCallback
@Priority(Priorities.AUTHENTICATION)
public class VoiceCallbackFilter implements ContainerRequestFilter {
    private final SmsCallbackAuth auth;

    VoiceCallbackFilter(SmsCallbackAuth auth) {
        this.auth = auth;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            auth.checkVoice(request.getHeaderString(SmsCallbackAuth.VOICE_HEADER));
        } catch (ProviderNotAuthenticated e) {
            request.abortWith(ProblemResponses.of(Problem.unauthorized(e.getMessage()).header(HttpHeaders.WWW_AUTHENTICATE,
                    SmsCallbackAuth.VOICE_HEADER + " realm=\"voice-provider\""), request.getUriInfo().getPath()));
        }
    }
}
