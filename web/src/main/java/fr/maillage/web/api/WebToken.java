package fr.maillage.web.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;
import org.jboss.logging.Logger;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * web's own partner-app token, signed with the development key exactly as {@code deploy/maillage token} does (issuer,
 * audience {@code maillage}, key id {@code maillage-dev}), subject {@code maillage-web}, organisation
 * {@code MAILLAGE_WEB_ORG}. Minted for one hour and renewed ten minutes before it ends. Until the desk issue brings a
 * real identity provider (client credentials), this is the demo's way. The token is never logged.
 */
@ApplicationScoped
public class WebToken implements ClientHeadersFactory {
    private static final Logger LOG = Logger.getLogger(WebToken.class);
    static final String SUBJECT = "maillage-web";
    private static final Duration LIFETIME = Duration.ofHours(1);

    @ConfigProperty(name = "maillage.web.jwt-key")
    String keyPath;
    @ConfigProperty(name = "maillage.web.jwt-issuer")
    String issuer;
    @ConfigProperty(name = "maillage.web.org")
    String org;

    private volatile String token;
    private volatile Instant renewAt = Instant.EPOCH;
    private volatile PrivateKey key;
    private volatile boolean warned;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        String current = current();
        if (current != null) {
            headers.putSingle("Authorization", "Bearer " + current);
        }
        return headers;
    }

    /** The token, or null when the key cannot be read (the calls then go anonymous and writes get 401: "service down"). */
    String current() {
        if (token != null && Instant.now().isBefore(renewAt)) {
            return token;
        }
        synchronized (this) {
            if (token != null && Instant.now().isBefore(renewAt)) {
                return token;
            }
            try {
                if (key == null) {
                    key = KeyUtils.decodePrivateKey(Files.readString(Path.of(keyPath)));
                }
                Instant now = Instant.now();
                token = Jwt.issuer(issuer).audience("maillage").subject(SUBJECT).groups(Set.of("partner-app"))
                        .claim("org", org).issuedAt(now).expiresAt(now.plus(LIFETIME))
                        .jws().keyId("maillage-dev").sign(key);
                renewAt = now.plus(LIFETIME).minus(Duration.ofMinutes(10));
                return token;
            } catch (Exception e) {
                if (!warned) {
                    warned = true;
                    LOG.warnf("web cannot sign its partner-app token with the key at %s (%s): bookings will be refused",
                            keyPath, e.getClass().getSimpleName());
                }
                return null;
            }
        }
    }
}
