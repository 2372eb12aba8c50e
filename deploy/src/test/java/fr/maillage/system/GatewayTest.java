package fr.maillage.system;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The gateway in front of the four running services: routing, health, errors as problem+json. */
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

    @Test
    void unknownPathIsAProblemJson404WithARequestId() {
        Gateway.given().when().get("/nowhere/at/all")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .header("X-Request-Id", matchesPattern("[0-9a-f]{32}"))
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("detail", containsString("/api/v1/"))
                .body("instance", equalTo("/nowhere/at/all"));
    }

    @Test
    void aCallersRequestIdIsKeptAndPassedOn() {
        Gateway.given().header("X-Request-Id", "test-request-42").when().get("/health/directory")
                .then().statusCode(200).header("X-Request-Id", equalTo("test-request-42"));
    }

    @Test
    void anUnknownIdBehindTheGatewayKeepsTheServicesOwnProblemJson() {
        Gateway.given().when().get("/api/v1/partners/00000000-0000-4000-8000-00000000dead")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404))
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
