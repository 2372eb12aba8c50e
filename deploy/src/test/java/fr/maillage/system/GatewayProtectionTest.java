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

/** What the gateway does for every caller: rate limits, body limits, CORS, security headers. */
class GatewayProtectionTest {

    @Test
    void anonymousBurstsAreRefusedWith429AndRetryAfter() {
        Map<Integer, Integer> statuses = new HashMap<>();
        Response limited = null;
        for (int i = 0; i < 150; i++) {
            Response response = Gateway.given().when().get("/openapi");
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 429 && limited == null) {
                limited = response;
            }
        }
        assertTrue(statuses.getOrDefault(200, 0) >= 40, "the burst allowance should pass: " + statuses);
        assertTrue(limited != null, "150 anonymous requests at once should meet the limit: " + statuses);
        limited.then().spec(problem(Kind.TOO_MANY_REQUESTS))
                .header("Retry-After", equalTo("1"))
                .header("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{32}"))
                .body("instance", equalTo("/openapi"));
    }

    @Test
    void anAuthenticatedClientHasItsOwnAllowance() {
        // Same IP as the anonymous burst above, but counted per token.
        for (int i = 0; i < 100; i++) {
            Gateway.given().header("Authorization", "Bearer per-client-allowance-test").when().get("/openapi")
                    .then().statusCode(200);
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
        // Other test classes share 127.0.0.1's anonymous allowance: wait until it is available again.
        for (int i = 0; i < 50 && Gateway.given().when().get("/openapi").statusCode() == 429; i++) {
            Thread.sleep(200);
        }
        Thread.sleep(2_500);
    }
}
