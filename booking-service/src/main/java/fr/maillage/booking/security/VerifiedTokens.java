package fr.maillage.booking.security;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

/**
 * Remembers, for a minute at most, the bearer tokens smallrye-jwt has already verified, so that a caller sending the
 * same token again (a partner application or an agent's desk tool: one token, many requests) is not re-verified
 * (RS256 signature, claims parsing) on every request: that was a third of the request thread's CPU per booking.
 *
 * <p>Nothing is trusted that a new verification would refuse, except within the minute:
 * <ul>
 * <li>the key is the exact compact token, so any change to its header, claims or signature is another token,
 * verified from scratch; a token that fails verification is never remembered;</li>
 * <li>an entry never outlives the token: it expires at the token's {@code exp} (without the clock skew the
 * verification allows), after which the token goes back through the full verification, which refuses it;</li>
 * <li>the only thing a remembered token skips is a change of the verification keys (a key removed from the
 * issuer's JWKS): at most {@link #MAX_AGE} late, well within smallrye-jwt's own refresh interval of a JWKS
 * (60 minutes by default), during which it already keeps using the key it fetched.</li>
 * </ul>
 * The parsed token is shared between the requests that present it: smallrye's JsonWebToken is immutable once built.
 * Bounded ({@link #MAX_TOKENS}): distinct valid tokens come from the identity provider, an attacker cannot fill it.
 */
@Decorator
@Priority(10)
public abstract class VerifiedTokens implements JWTParser {
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    static final int MAX_TOKENS = 2_000;

    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfter(new Expiry<String, JsonWebToken>() {
                @Override
                public long expireAfterCreate(String token, JsonWebToken jwt, long currentTime) {
                    return nanosLeft(jwt);
                }

                @Override
                public long expireAfterUpdate(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
                    return nanosLeft(jwt);
                }

                @Override
                public long expireAfterRead(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
                    return currentDuration;
                }
            })
            .build();

    @Inject
    @Delegate
    @Any
    JWTParser delegate;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token); // null once past min(MAX_AGE, exp): see nanosLeft
        if (known != null) {
            return known;
        }
        JsonWebToken parsed = delegate.parse(token);
        verified.put(token, parsed);
        return parsed;
    }

    /** How long a verified token may be remembered: up to its {@code exp}, at most MAX_AGE; 0 without an exp. */
    private static long nanosLeft(JsonWebToken jwt) {
        long exp = jwt.getExpirationTime();
        long millisLeft = exp <= 0 ? 0 : exp * 1000 - System.currentTimeMillis();
        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, Math.min(millisLeft, MAX_AGE.toMillis())));
    }
}
