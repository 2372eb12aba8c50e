package fr.maillage.web.api;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;
import org.jboss.logging.Logger;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.vertx.core.Context;

/**
 * web's own partner-app token for the public pages, obtained by <b>client credentials</b> from the identity provider
 * (client {@code maillage-web}'s service account: role partner-app, organisation « site public »; quarkus-oidc-client,
 * {@code quarkus.oidc-client.*}). Kept until one minute before it expires, then fetched again. When the identity provider
 * does not answer, the calls go without a token for 30 s (public reads still work; a booking gets 401 and the page says
 * « réessayez dans quelques minutes ») instead of waiting for it on every page. The token is never logged.
 */
@ApplicationScoped
public class WebToken implements ClientHeadersFactory {
    private static final Logger LOG = Logger.getLogger(WebToken.class);
    private static final Duration SKEW = Duration.ofMinutes(1);
    private static final Duration BACK_OFF = Duration.ofSeconds(30);

    @Inject
    OidcClient client;

    private volatile String token;
    private volatile Instant renewAt = Instant.EPOCH;
    private volatile Instant retryAt = Instant.EPOCH;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        String current = current();
        if (current != null) {
            headers.putSingle("Authorization", "Bearer " + current);
        }
        return headers;
    }

    /** The token, or null while the identity provider cannot give one. */
    String current() {
        Instant now = Instant.now();
        if (token != null && now.isBefore(renewAt)) {
            return token;
        }
        if (now.isBefore(retryAt) || Context.isOnEventLoopThread()) {
            return token != null && now.isBefore(renewAt.plus(SKEW)) ? token : null;
        }
        synchronized (this) {
            if (token != null && Instant.now().isBefore(renewAt)) {
                return token;
            }
            try {
                Tokens tokens = client.getTokens().await().atMost(Duration.ofSeconds(5));
                Long expiresAt = tokens.getAccessTokenExpiresAt();
                Instant until = expiresAt == null ? Instant.now().plus(Duration.ofMinutes(5)) : Instant.ofEpochSecond(expiresAt);
                token = tokens.getAccessToken();
                renewAt = until.minus(SKEW);
                return token;
            } catch (RuntimeException e) {
                retryAt = Instant.now().plus(BACK_OFF);
                LOG.warnf("web cannot get its partner-app token by client credentials (%s): bookings are refused for now",
                        e.getClass().getSimpleName());
                return null;
            }
        }
    }
}
