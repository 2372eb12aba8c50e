package fr.maillage.system;

import static fr.maillage.system.ProblemJson.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import fr.maillage.system.ProblemJson.Kind;
import io.restassured.response.Response;

/**
 * What every caller meets in front of the API: rate limits (the services', keyed on the verified caller; the gateway keeps
 * a flood cap per address), body limits, CORS, security headers. The rate limits' resistance to junk and case-rotated
 * Authorization headers: security.RateLimitsKeyedOnVerifiedCallerTest.
 */
class GatewayProtectionTest {
    private static final String PUBLIC_READ = "/api/v1/partners/" + Demo.id("PARTNER_ROMAGNE");

    @Test
    void anonymousBurstsAreRefusedWith429AndRetryAfter() throws Exception {
        Map<Integer, Integer> statuses = new HashMap<>();
        Response limited = null;
        for (Response response : Parallel.requests(150,
                i -> Gateway.given(), request -> request.when().get(PUBLIC_READ))) {
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 429 && limited == null) {
                limited = response;
            }
        }
        assertTrue(statuses.getOrDefault(200, 0) >= 40, "the burst allowance should pass: " + statuses);
        assertTrue(limited != null, "150 anonymous requests at once should meet the limit: " + statuses);
        limited.then().spec(problem(Kind.TOO_MANY_REQUESTS))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                .header("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{32}"))
                .body("instance", equalTo(PUBLIC_READ));
    }

    @Test
    void aVerifiedCallerHasItsOwnAllowance() {
        // Same address as the anonymous burst above, whose allowance may be spent: a verified token is counted apart.
        String token = Tokens.withSubject("admin", null, "own-allowance-" + java.util.UUID.randomUUID());
        for (int i = 0; i < 100; i++) {
            Gateway.given().auth().oauth2(token).when().get(PUBLIC_READ).then().statusCode(200);
        }
    }

    @Test
    void oversizedBodiesAreRefusedWith413ProblemJson() {
        Gateway.given().contentType("application/json").body("{\"name\":\"" + "x".repeat(1_100_000) + "\"}")
                .when().post("/api/v1/partners")
                .then().spec(problem(Kind.PAYLOAD_TOO_LARGE)).body("instance", equalTo("/api/v1/partners"));
    }

    @Test
    void corsAllowsConfiguredOriginsOnly() {
        Gateway.given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/bookings")
                .then().statusCode(204).header("Access-Control-Allow-Origin", equalTo("http://localhost:3000"))
                .header("Access-Control-Allow-Headers", org.hamcrest.Matchers.containsString("Idempotency-Key"));
        Response foreign = Gateway.given().header("Origin", "https://evil.example").when().options("/api/v1/bookings");
        assertTrue(foreign.header("Access-Control-Allow-Origin") == null || foreign.header("Access-Control-Allow-Origin").isEmpty(),
                "an unknown origin must not be allowed");
    }

    @Test
    void securityHeadersOnApiResponses() {
        Gateway.given().when().get("/health/directory")
                .then().header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Content-Security-Policy", startsWith("default-src 'none'"));
    }

    @AfterAll
    static void letTheAnonymousAllowanceRefill() throws InterruptedException {
        // (the services' anonymous allowance: 40 at once, 20 per second)
        // Other test classes share 127.0.0.1's anonymous allowance: wait until it is available again.
        for (int i = 0; i < 50 && Gateway.given().when().get(PUBLIC_READ).statusCode() == 429; i++) {
            Thread.sleep(200);
        }
        Thread.sleep(2_500);
    }
}
