package fr.maillage.platform.security;

import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A token lives at most {@code maillage.security.max-token-lifetime} (default 24 h) from its issue: one whose
 * {@code exp - iat} is longer, or that lacks either claim, is refused like an invalid one (401 where a token is
 * needed, anonymous on public reads), however well it is signed. A leaked long-lived token is then worth a day at most.
 */
@ApplicationScoped
public class TokenLifetime implements SecurityIdentityAugmentor {
    private final Duration max;

    TokenLifetime(@ConfigProperty(name = "maillage.security.max-token-lifetime", defaultValue = "PT24H") Duration max) {
        this.max = max;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        long issued = jwt.getIssuedAtTime();
        long expires = jwt.getExpirationTime();
        if (issued <= 0 || expires <= 0 || expires - issued > max.toSeconds()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token lifetime exceeds the maximum"));
        }
        return Uni.createFrom().item(identity);
    }
}
