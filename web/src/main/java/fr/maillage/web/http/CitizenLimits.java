package fr.maillage.web.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;


/**
 * Per-citizen limits on the forms that hold seats or try codes. Every citizen reaches the API as the one caller
 * {@code maillage-web}, so the services' per-caller limits cannot tell one person from another: web counts the POSTs of
 * each citizen address itself. The address is the one the gateway forwards (X-Forwarded-For, trusted from the gateway
 * only: {@code quarkus.http.proxy.trusted-proxies}, env {@code MAILLAGE_TRUSTED_PROXIES}).
 *
 * <p>Buckets (Bucket4j, greedy refill, in memory per instance, idle ones forgotten after their period):
 * {@code maillage.web.limits.<bucket>.count} forms per {@code maillage.web.limits.<bucket>.period} (ISO-8601 duration)
 * per address; {@code maillage.web.limits.enabled=false} turns them off. Over the limit: the 429 page in plain French
 * with Retry-After, and nothing is sent to the API. Applied by {@link LimitedForms}
 * to the page methods marked {@link Limited}, after the CSRF check: a refused form costs nothing.
 */
@Singleton
public class CitizenLimits {
    private static final String PREFIX = "maillage.web.limits.";

    private final Config config;
    private final boolean enabled;
    private final Map<String, Optional<Limit>> limits = new ConcurrentHashMap<>();
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(2))
            .maximumSize(200_000).build();

    /** {@code count} forms per {@code period}, refilled evenly. */
    public record Limit(long count, Duration period) {
        Bandwidth bandwidth() {
            return Bandwidth.builder().capacity(count).refillGreedy(count, period).build();
        }
    }

    CitizenLimits(Config config) {
        this.config = config;
        this.enabled = config.getOptionalValue(PREFIX + "enabled", Boolean.class).orElse(true);
    }

    /** 0 when the form may go, else the seconds to wait before the next one. */
    boolean enabled() {
        return enabled;
    }

    long take(String bucketName, String address) {
        Optional<Limit> limit = limits.computeIfAbsent(bucketName, this::limit);
        if (limit.isEmpty()) {
            return 0;
        }
        Bucket bucket = buckets.get(bucketName + "|" + address, k -> Bucket.builder().addLimit(limit.get().bandwidth()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        long nanos = probe.getNanosToWaitForRefill();
        return Math.max(1, nanos / 1_000_000_000L + (nanos % 1_000_000_000L == 0 ? 0 : 1));
    }

    private Optional<Limit> limit(String name) {
        long count = config.getOptionalValue(PREFIX + name + ".count", Long.class).orElse(0L);
        Duration period = config.getOptionalValue(PREFIX + name + ".period", Duration.class).orElse(Duration.ZERO);
        return count > 0 && period.compareTo(Duration.ZERO) > 0 ? Optional.of(new Limit(count, period)) : Optional.empty();
    }

    static String address(HttpServerRequest http) {
        SocketAddress remote = http == null ? null : http.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
