package fr.maillage.platform.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.problem.ProblemResponses;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BandwidthBuilder;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

/**
 * Rate limits keyed on what was verified, never on a raw header: a request whose bearer token verifies counts against
 * its subject's allowance ({@code authenticated}); any other request — no Authorization header, a junk one, an expired
 * or foreign token — counts against its client address ({@code anonymous}), exactly as without the header. An operation
 * annotated {@link RateLimited} also counts against its own bucket, per caller and address. The client address is the
 * one the gateway forwards (X-Forwarded-For from a trusted proxy, {@code quarkus.http.proxy.*}).
 *
 * <p>Token buckets (Bucket4j) held in memory per instance, idle ones evicted after two minutes; N replicas of a service
 * allow N times the configured rate. Over the allowance: 429 problem+json with Retry-After, nothing done.
 * Configuration per bucket name ({@code anonymous}, {@code authenticated}, named buckets):
 * {@code maillage.rate-limit.<name>.per-second} (decimal: 0.5 is one request every two seconds) and
 * {@code maillage.rate-limit.<name>.burst}; a caller that fronts many people (the public site, {@code web/}) may be given
 * an allowance of its own, {@code maillage.rate-limit.<name>.caller.<token name>.per-second} and {@code .burst}, the
 * token name being its {@code upn}, {@code preferred_username} or {@code sub} claim;
 * {@code maillage.rate-limit.enabled=false} turns them all off (module tests, benchmarks). Each refusal counts in
 * {@code maillage_rate_limit_refusals_total{bucket}} (the bucket's name, never the caller).
 */
@io.quarkus.runtime.Startup // its refusal counters exist from the start
@Singleton
public class RateLimits {
    private static final String PREFIX = "maillage.rate-limit.";

    private final CurrentIdentityAssociation identities;
    private final Config config;
    private final String orgClaim;
    private final boolean enabled;
    private final MeterRegistry registry;
    private final Map<String, Optional<Bandwidth>> bandwidths = new ConcurrentHashMap<>();
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2))
            .maximumSize(500_000).build();

    RateLimits(CurrentIdentityAssociation identities, Config config, MeterRegistry registry) {
        this.identities = identities;
        this.registry = registry;
        this.config = config;
        this.orgClaim = config.getOptionalValue("maillage.security.org-claim", String.class).orElse("org");
        this.enabled = config.getOptionalValue(PREFIX + "enabled", Boolean.class).orElse(true);
        // every configured bucket's counter from the start: its rate is 0, not absent, until a first refusal
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(PREFIX) && property.endsWith(".per-second") && !property.contains(".caller.")) {
                refusals(property.substring(PREFIX.length(), property.length() - ".per-second".length()));
            }
        }
    }

    private Counter refusals(String bucket) {
        return Counter.builder("maillage.rate.limit.refusals").tag("bucket", bucket)
                .description("Requests refused with 429 by a rate limit, by bucket").register(registry);
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        if (!enabled) {
            return Uni.createFrom().nullItem();
        }
        String address = address(http);
        RateLimited named = resource == null || resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RateLimited.class);
        Uni<String> subject = request.getHeaderString("Authorization") == null ? Uni.createFrom().nullItem()
                : identities.getDeferredIdentity().map(this::subject).onFailure().recoverWithNull();
        return subject.map(who -> {
            String name = who == null ? null : who.contains("|") ? who.split("\\|", -1)[1] : who;
            Problem refused = who == null ? take("anonymous", null, "a|" + address) : take("authenticated", name, "t|" + who);
            if (refused == null && named != null) {
                refused = take(named.value(), name, named.value() + "|" + (who == null ? "a|" : "t|" + who + "|") + address);
            }
            return refused == null ? null : ProblemResponses.of(refused, request.getUriInfo().getPath());
        });
    }

    /**
     * A 429 when the bucket {@code name} of {@code key} is empty, null when a token was taken (or no limit is set). The
     * caller's own allowance ({@code <name>.caller.<caller>.*}) replaces the common one when it is configured.
     */
    private Problem take(String name, String caller, String key) {
        String own = caller == null ? null : name + ".caller." + caller;
        Optional<Bandwidth> ownBandwidth = own == null ? Optional.empty() : bandwidths.computeIfAbsent(own, this::bandwidth);
        Optional<Bandwidth> bandwidth = ownBandwidth.isPresent() ? ownBandwidth : bandwidths.computeIfAbsent(name, this::bandwidth);
        if (bandwidth.isEmpty()) {
            return null;
        }
        Bucket bucket = buckets.get(name + "#" + key, k -> Bucket.builder().addLimit(bandwidth.get()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
                + (probe.getNanosToWaitForRefill() % 1_000_000_000L == 0 ? 0 : 1));
        refusals(name).increment();
        return Problem.tooManyRequests(detail(seconds), seconds);
    }

    /** The 429's detail, in French (also the OpenAPI example, {@code fr.maillage.platform.openapi.SharedComponents}). */
    public static String detail(long seconds) {
        return "Trop de requêtes en peu de temps : patientez " + seconds + (seconds > 1 ? " secondes" : " seconde")
                + " avant de réessayer.";
    }

    private Optional<Bandwidth> bandwidth(String name) {
        Optional<Double> perSecond = config.getOptionalValue(PREFIX + name + ".per-second", Double.class);
        if (perSecond.isEmpty() || !(perSecond.get() > 0)) {
            return Optional.empty();
        }
        double rate = perSecond.get();
        long burst = config.getOptionalValue(PREFIX + name + ".burst", Long.class).orElse((long) Math.ceil(rate));
        // A whole rate refills that many tokens a second; a fractional one (0.5: one every two seconds) one at a time.
        BandwidthBuilder.BandwidthBuilderRefillStage capacity = Bandwidth.builder().capacity(Math.max(burst, 1));
        return Optional.of((rate >= 1 && rate == Math.rint(rate)
                ? capacity.refillGreedy((long) rate, Duration.ofSeconds(1))
                : capacity.refillGreedy(1, Duration.ofNanos((long) (1_000_000_000L / rate)))).build());
    }

    /** The verified caller: its token's issuer and subject (organisation too, so one subject in two organisations is two callers). */
    private String subject(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object org = jwt.getClaim(orgClaim);
            return jwt.getIssuer() + "|" + jwt.getName() + "|" + (org == null ? "" : org.toString());
        }
        return identity.getPrincipal().getName();
    }

    private static String address(HttpServerRequest http) {
        SocketAddress remote = http == null ? null : http.remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }
}
