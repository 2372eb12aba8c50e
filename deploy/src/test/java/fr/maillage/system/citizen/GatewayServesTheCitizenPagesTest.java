package fr.maillage.system.citizen;

import static fr.maillage.system.ProblemJson.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.maillage.system.Gateway;
import fr.maillage.system.ProblemJson.Kind;
import io.restassured.response.Response;

/**
 * Issue 17, gateway and local run: `deploy/maillage up` (deploy/services.sh) starts the web module and the gateway sends
 * it every path outside the API — `/` is the search page, not the API's 404 — while unknown `/api/` paths stay the API's
 * problem+json. The pages keep their own Content-Security-Policy (the API's "default-src 'none'" is not added, nor any
 * header doubled), carry Referrer-Policy no-referrer and nosniff, and the access log masks the token of `/rdv/<token>`
 * as it masks `/api/v1/bookings/self/<token>`. Fails on the code before issue 17: `/` answered 404 problem+json.
 */
class GatewayServesTheCitizenPagesTest {

    @Test
    void theSearchPageIsServedAtTheRootThroughTheGateway() {
        Response page = Gateway.given().when().get("/");
        page.then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("X-Request-Id", matchesPattern("[0-9a-f]{32}"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("default-src 'none'")))
                .body(containsString("Commune"));
        for (String name : List.of("Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "X-Frame-Options")) {
            assertTrue(page.headers().getValues(name).size() <= 1, name + " sent more than once: " + page.headers().getValues(name));
        }
        // the pages' own files come from the same origin, through the same gateway
        Gateway.given().when().get("/static/site.css").then().statusCode(200).contentType(startsWith("text/css"));
    }

    @Test
    void theApiKeepsItsOwnAnswersAndAnUnknownPageIsAPageNotJson() {
        Gateway.given().when().get("/api/v1/nothing-here").then().spec(problem(Kind.NOT_FOUND));
        Gateway.given().when().get("/q/health").then().spec(problem(Kind.NOT_FOUND));
        Gateway.given().when().get("/health/booking").then().statusCode(200).body("status", equalTo("UP"));
        Gateway.given().when().get("/api/v1/offers/themes").then().statusCode(200).contentType(startsWith("application/json"));
        Gateway.given().when().get("/nowhere/at/all").then().statusCode(404).contentType(startsWith("text/html"));
    }

    @Test
    void theAccessLogMasksTheTokenOfTheSelfServicePage() throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Response page = Gateway.given().when().get("/rdv/" + token);
        assertTrue(page.statusCode() < 500, "the page answers (an unknown link is a page, not a 5xx): " + page.statusCode());
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        Gateway.given().when().get("/rdv/" + token + "/agenda.ics");
        Path access = Path.of(System.getenv().getOrDefault("MAILLAGE_RUN", "./.run"), "gateway", "logs", "access.log");
        String requestId = page.header("X-Request-Id");
        String line = null;
        for (int i = 0; i < 20 && line == null; i++) {
            // the page's own line: since issue 23 the page's API call carries the same request id (its line is masked too)
            line = Files.readAllLines(access, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains("rid=" + requestId) && l.contains("\"GET /rdv/")).findFirst().orElse(null);
            if (line == null) {
                Thread.sleep(250);
            }
        }
        assertTrue(line != null && line.contains("\"GET /rdv/***\""), "masked in the access log: " + line);
        String log = Files.readString(access, StandardCharsets.UTF_8);
        assertFalse(log.contains(token), "the token is nowhere in the access log");
        assertTrue(log.contains("\"GET /rdv/***/agenda.ics\""), "the calendar file's path is masked too");
    }
}
