package fr.maillage.system;

import static fr.maillage.system.ProblemJson.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import fr.maillage.system.ProblemJson.Kind;
import io.restassured.path.json.JsonPath;

/**
 * The gateway in front of the four running services: routing, health, and its own errors (unknown path, method,
 * address or header too large, malformed request) as problem+json in the unified shape; a service's own errors
 * pass through. (Body too large and rate limit: GatewayProtectionTest; a service down: NotificationKilledDuringFanOutTest.)
 */
class GatewayTest {

    @ParameterizedTest
    @ValueSource(strings = { "directory", "offers", "booking", "notification" })
    void eachServiceIsHealthyThroughTheGateway(String service) {
        Gateway.given().when().get("/health/" + service)
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                // readiness includes the real database and Kafka connections
                .body("checks.name", hasItems("Database connections health check"));
    }

    // (every path outside /api/, /health/, /openapi and /docs is the citizen pages' since issue 17:
    // fr.maillage.system.citizen.GatewayServesTheCitizenPagesTest)
    @Test
    void unknownPathIsAProblemJson404WithARequestId() {
        Gateway.given().when().get("/api/nowhere/at/all")
                .then().spec(problem(Kind.NOT_FOUND))
                .header("X-Request-Id", matchesPattern("[0-9a-f]{32}"))
                .body("detail", containsString("/api/v1/"))
                .body("instance", equalTo("/api/nowhere/at/all"))
                .body("violations", empty())
                .body("$", not(hasKey("field")));
    }

    @Test
    void unknownPathUnderTheApiIsAProblemJson404() {
        Gateway.given().when().get("/api/v1/nothing-here")
                .then().spec(problem(Kind.NOT_FOUND)).body("instance", equalTo("/api/v1/nothing-here"));
        // a path that cannot be copied into a JSON string as it is: still valid JSON, without an instance
        Gateway.given().urlEncodingEnabled(false).when().get("/api/nowhere%22%5C/%C3%A9t%C3%A9")
                .then().spec(problem(Kind.NOT_FOUND)).body("$", not(hasKey("instance")));
    }

    @Test
    void aMethodTheGatewayDoesNotServeIsAProblemJson405() {
        Gateway.given().contentType("application/json").body("{}").when().post("/openapi")
                .then().spec(problem(Kind.METHOD_NOT_ALLOWED)).body("instance", equalTo("/openapi"));
    }

    @Test
    void anAddressTooLongIsAProblemJson414() {
        Gateway.given().when().get("/api/v1/places?q=" + "a".repeat(9_000))
                .then().spec(problem(Kind.BAD_REQUEST, 414)).header("X-Request-Id", matchesPattern("[0-9a-f]{32}"));
    }

    @Test
    void aHeaderTooLargeIsAProblemJson400() {
        Gateway.given().header("X-Padding", "b".repeat(9_000)).when().get("/api/v1/places?insee=35243")
                .then().spec(problem(Kind.BAD_REQUEST)).body("detail", containsString("en-tête"));
    }

    @Test
    void aMalformedRequestIsAProblemJson400() throws IOException {
        URI gateway = URI.create(Gateway.URL);
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /api/v1/places HTTP/1.1\r\nHost: maillage\r\nnot a header line\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/problem+json"), answer);
            JsonPath body = new JsonPath(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertEquals(ProblemJson.TYPE_BASE + Kind.BAD_REQUEST.slug, body.getString("type"));
            assertEquals(Kind.BAD_REQUEST.title, body.getString("title"));
            assertEquals(400, body.getInt("status"));
        }
    }

    @Test
    void aCallersRequestIdIsKeptAndPassedOn() {
        Gateway.given().header("X-Request-Id", "test-request-42").when().get("/health/directory")
                .then().statusCode(200).header("X-Request-Id", equalTo("test-request-42"));
    }

    @Test
    void anUnknownIdBehindTheGatewayKeepsTheServicesOwnProblemJson() {
        Gateway.given().when().get("/api/v1/partners/00000000-0000-4000-8000-00000000dead")
                .then().spec(problem(Kind.NOT_FOUND))
                .body("instance", equalTo("/api/v1/partners/00000000-0000-4000-8000-00000000dead"))
                // the service's own detail (it names the id), not the gateway's "no resource at this address"
                .body("detail", not(containsString("/api/v1/")))
                .body("detail", not(containsString("<html")));
    }

    @Test
    void swaggerUiShowsTheMergedDocument() {
        Gateway.given().redirects().follow(true).when().get("/docs")
                .then().statusCode(200).contentType(startsWith("text/html")).body(containsString("swagger-ui"));
        Gateway.given().when().get("/docs/swagger-initializer.js")
                .then().statusCode(200).body(containsString("url: \"/openapi\""));
    }
}
