package fr.maillage.directory.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.maillage.platform.testing.Meters;
import fr.maillage.platform.testing.Metrics;
import fr.maillage.platform.testing.ProblemAssert;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/**
 * The platform's rate limits, as a directory client meets them: keyed on what was verified (issue 16, item 3) — an
 * Authorization header that does not verify buys nothing — and per client address as the trusted gateway forwards it;
 * and the platform's maximum token lifetime (item 13).
 */
@QuarkusTest
@TestProfile(RateLimitAndTokenLifetimeTest.TightLimits.class)
class RateLimitAndTokenLifetimeTest {
    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Refill of one request every 100 s: what a test does in a second is all burst.
            return Map.of("maillage.rate-limit.enabled", "true",
                    "maillage.rate-limit.anonymous.per-second", "0.01", "maillage.rate-limit.anonymous.burst", "4",
                    "maillage.rate-limit.authenticated.per-second", "0.01", "maillage.rate-limit.authenticated.burst", "6");
        }
    }

    /** Statuses of {@code n} public reads from the client address {@code ip} (forwarded by the trusted gateway). */
    private static List<Integer> reads(int n, String ip, RequestSpecification spec) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            statuses.add(spec.header("X-Forwarded-For", ip).when().get("/api/v1/communes?q=romagne").then().extract().statusCode());
        }
        return statuses;
    }

    private static long count(List<Integer> statuses, int status) {
        return statuses.stream().filter(s -> s == status).count();
    }

    @Test
    void anonymousAllowancePerAddressWhateverTheHeaderSays() {
        double refused = Metrics.value("maillage_rate_limit_refusals_total", "application", "directory-service", "bucket", "anonymous");
        assertEquals(List.of(200, 200, 200, 200, 429, 429), reads(6, "203.0.113.10", given()));
        // A junk header, a well-formed but unverifiable token: the same, already spent, anonymous allowance.
        assertEquals(List.of(429, 429), reads(2, "203.0.113.10", given().header("Authorization", "Bearer junk")));
        assertEquals(List.of(429), reads(1, "203.0.113.10", given().header("Authorization", "Basic anVuazpqdW5r")));
        assertEquals(List.of(429), reads(1, "203.0.113.10", given().auth().oauth2(Tokens.signedByAnotherKey(null))));
        // Another client address has its own allowance.
        List<Integer> other = reads(6, "203.0.113.11", given().header("Authorization", "Bearer junk"));
        assertEquals(4, count(other, 200), other.toString());
        assertEquals(2, count(other, 429), other.toString());
        // each refusal counted by bucket for the operators (issue 23), never by caller or address
        assertEquals(refused + 8, Metrics.value("maillage_rate_limit_refusals_total", "application", "directory-service",
                "bucket", "anonymous"));
        assertFalse(Metrics.page().contains("203.0.113."), "no client address in any label");
        var missing = Meters.missing("directory-service");
        assertTrue(missing.isEmpty(), "listed for directory-service in meters.txt but not on /q/metrics: " + missing);
    }

    @Test
    void theRefusalIsProblemJsonWithRetryAfter() {
        reads(4, "203.0.113.12", given());
        given().header("X-Forwarded-For", "203.0.113.12").when().get("/api/v1/communes?q=romagne")
                .then().spec(ProblemAssert.problem(429)).header("Retry-After", containsString(""));
    }

    @Test
    void aVerifiedTokenHasItsOwnAllowanceWhateverTheSchemeCase() {
        reads(4, "203.0.113.13", given());
        String token = Tokens.of("partner-app", java.util.UUID.randomUUID(), null, "rate-limit-test-" + System.nanoTime());
        List<Integer> statuses = new ArrayList<>();
        String[] schemes = { "Bearer ", "bearer ", "BEARER ", "bEaReR " };
        for (int i = 0; i < 8; i++) {
            statuses.addAll(reads(1, "203.0.113.13", given().header("Authorization", schemes[i % 4] + token)));
        }
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 429, 429), statuses, "one verified caller, one bucket");
    }

    @Test
    void tokensLivingLongerThanTheMaximumAreRefused() {
        given().auth().oauth2(Tokens.agentWithLifetime(null, Duration.ofDays(30))).header("X-Forwarded-For", "203.0.113.14")
                .when().get("/api/v1/people").then().spec(ProblemAssert.problem(401));
        given().auth().oauth2(Tokens.agentWithLifetime(null, Duration.ofHours(23))).header("X-Forwarded-For", "203.0.113.14")
                .when().get("/api/v1/people").then().statusCode(200);
    }
}
