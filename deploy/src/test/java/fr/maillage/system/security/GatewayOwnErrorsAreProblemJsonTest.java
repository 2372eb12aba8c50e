package fr.maillage.system.security;

import static fr.maillage.system.ProblemJson.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.ProblemJson.Kind;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 16, item 8 (gateway side): what nginx refuses itself — a malformed request (400), a body too large (413), an
 * address too long (414), headers too large (nginx's 494, answered 400; never a service's bare 431) — is answered as
 * problem+json in the unified shape. The gateway's header limits (8 KB lines, 17 KB in all: large_client_header_buffers
 * 2 8k, room for a signed-in agent's OIDC session cookie of about 4 KB, issue 18; the request line within 4 KB) are
 * below the services' (Vert.x: request line 4096 bytes, headers 20 KB), so an oversized request never reaches a service
 * that would answer a bare 414 or 431. Before, a 5,000-character address or 20 KB of headers passed nginx (8 KB lines,
 * 32 KB) and got the service's empty 414/431.
 */
class GatewayOwnErrorsAreProblemJsonTest {
    private static final String PUBLIC_READ = "/api/v1/partners/" + Demo.id("PARTNER_ROMAGNE");

    @Test
    void anAddressLongerThanAServiceAcceptsIsTheGatewaysProblemJson414() {
        Gateway.given().when().get("/api/v1/places?q=" + "a".repeat(5_000))
                .then().spec(problem(Kind.BAD_REQUEST, 414)).header("X-Request-Id", matchesPattern("[0-9a-f]{32}"));
        Gateway.given().when().get("/api/v1/places?q=" + "a".repeat(20_000))
                .then().spec(problem(Kind.BAD_REQUEST, 414));
    }

    @Test
    void headersLargerThanAServiceAcceptsAreTheGatewaysProblemJson400NeverA431() {
        // five 3.9 KB headers (~20 KB): each line is acceptable, not the whole
        RequestSpecification request = Gateway.given();
        for (int i = 0; i < 5; i++) {
            request = request.header("X-Padding-" + i, "b".repeat(3_900));
        }
        request.when().get(PUBLIC_READ).then().spec(problem(Kind.BAD_REQUEST)).body("detail", containsString("en-tête"));
        // one header line too long
        Gateway.given().header("X-Padding", "c".repeat(9_000)).when().get(PUBLIC_READ)
                .then().spec(problem(Kind.BAD_REQUEST)).body("detail", containsString("en-tête"));
        // a cookie too large is a header too large
        Gateway.given().header("Cookie", "session=" + "d".repeat(9_000)).when().get(PUBLIC_READ)
                .then().spec(problem(Kind.BAD_REQUEST));
    }

    @Test
    void headersTheGatewayAcceptsAreAcceptedByTheServiceToo() {
        // three 3.9 KB headers (~12 KB): under both limits, the request is served
        RequestSpecification request = Gateway.given();
        for (int i = 0; i < 3; i++) {
            request = request.header("X-Padding-" + i, "e".repeat(3_900));
        }
        request.when().get(PUBLIC_READ).then().statusCode(equalTo(200));
        // a signed-in agent's session cookie (the web module's OIDC session, about 4.1 KB) passes
        Gateway.given().header("Cookie", "q_session=" + "g".repeat(4_600)).when().get(PUBLIC_READ).then().statusCode(equalTo(200));
        // an address just under the gateway's limit is served (or refused by the service as problem+json), never a bare 414
        int status = Gateway.given().when().get("/api/v1/places?q=" + "f".repeat(3_900)).then().extract().statusCode();
        assertTrue(status != 414 && status < 500, "status " + status);
    }

    @Test
    void aBodyTooLargeIsTheGatewaysProblemJson413() {
        Gateway.asAdmin().contentType("application/json").body("{\"name\":\"" + "x".repeat(1_100_000) + "\"}")
                .when().post("/api/v1/partners")
                .then().spec(problem(Kind.PAYLOAD_TOO_LARGE)).body("instance", equalTo("/api/v1/partners"));
        // the import's own, larger limit (20 MB) is problem+json too
        Gateway.asAdmin().contentType("text/csv").body("x".repeat(21 * 1024 * 1024))
                .when().post("/api/v1/places/import")
                .then().spec(problem(Kind.PAYLOAD_TOO_LARGE));
    }

    @Test
    void malformedRequestsAreTheGatewaysProblemJson400() throws IOException {
        for (String raw : new String[] {
                "GET /api/v1/places HTTP/1.1\r\nHost: maillage\r\nnot a header line\r\n\r\n",
                "GET /api/v1/places HTTP/1.1\r\nHost: maillage\r\nHost: other\r\n\r\n",
                "POST /api/v1/bookings HTTP/1.1\r\nHost: maillage\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello",
                "GET /api/v1/places HTTP/1.1\r\n\r\n",
                "POST /api/v1/bookings HTTP/1.1\r\nHost: maillage\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "GET /api/v1/pl\u0001aces HTTP/1.1\r\nHost: maillage\r\n\r\n",
                "GARBAGE\r\n\r\n" }) {
            String answer = raw(raw);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), raw + " -> " + answer);
            assertTrue(answer.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), raw + " -> " + answer);
            JsonPath body = new JsonPath(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertEquals(ProblemJson.TYPE_BASE + Kind.BAD_REQUEST.slug, body.getString("type"), answer);
            assertEquals(Kind.BAD_REQUEST.title, body.getString("title"), answer);
            assertEquals(400, body.getInt("status"), answer);
        }
    }

    @Test
    void anUnknownTransferCodingIsAProblemJson501() throws IOException {
        String answer = raw("GET /api/v1/places HTTP/1.1\r\nHost: maillage\r\nTransfer-Encoding: gzip, chunked, x\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 501 "), answer);
        assertTrue(answer.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), answer);
        JsonPath body = new JsonPath(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertEquals(ProblemJson.TYPE_BASE + Kind.BAD_REQUEST.slug, body.getString("type"), answer);
        assertEquals(501, body.getInt("status"), answer);
    }

    @Test
    void conditionalAndRangeRequestsOnTheGatewaysOwnDocumentsAreProblemJson() {
        Gateway.given().header("Range", "bytes=999999999-").when().get("/openapi")
                .then().spec(problem(Kind.BAD_REQUEST, 416));
        Gateway.given().header("If-Match", "\"not-this-one\"").when().get("/openapi")
                .then().statusCode(412).contentType(containsString("application/problem+json"))
                .body("type", equalTo(ProblemJson.TYPE_BASE + "precondition-echouee"));
    }

    private static String raw(String request) throws IOException {
        URI gateway = URI.create(Gateway.URL);
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
