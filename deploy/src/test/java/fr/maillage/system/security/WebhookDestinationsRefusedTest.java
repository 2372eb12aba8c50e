package fr.maillage.system.security;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.Tokens;

/**
 * Issue 16, items 10 and 2, through the gateway. Webhook creation accepted internal destinations spelled otherwise
 * ({@code https://2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1}, {@code localhost.}, port 99999, IPv6 forms embedding
 * IPv4...): now one check refuses them all (422 naming {@code url}), at creation, at change and before every delivery,
 * even with the development switch that lets plainly spelled {@code localhost} receivers through (the system tests'
 * stack runs with MAILLAGE_WEBHOOKS_ALLOW_INSECURE_LOCALHOST=true). {@code eventTypes} has a documented maximum and
 * distinct values. Delivery errors partners read use a fixed vocabulary: no resolver message, no TLS internals.
 */
class WebhookDestinationsRefusedTest {
    private static final String HOOKS = "/api/v1/webhooks";
    private final String partner = Demo.id("PARTNER_CCAS_BOIGNY");
    private final String app = Tokens.partnerApp(partner);
    private final List<String> created = Collections.synchronizedList(new ArrayList<>());
    private HttpServer receiver;
    /** Answers every connection at once with plain HTTP: a TLS client gets no handshake (a TLS failure, not a timeout). */
    private java.net.ServerSocket notTls;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        receiver.start();
        notTls = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
        Thread answering = new Thread(() -> {
            while (!notTls.isClosed()) {
                try (java.net.Socket s = notTls.accept()) {
                    s.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                } catch (IOException closed) {
                    // stopped
                }
            }
        }, "not-tls");
        answering.setDaemon(true);
        answering.start();
    }

    @AfterEach
    void cleanUp() {
        receiver.stop(0);
        try {
            notTls.close();
        } catch (IOException ignored) {
            // already closed
        }
        for (String id : created) {
            Gateway.given().auth().oauth2(app).when().delete(HOOKS + "/" + id);
        }
    }

    private String create(String url, List<String> types) {
        String id = Gateway.given().auth().oauth2(app).contentType("application/json")
                .body(Map.of("url", url, "eventTypes", types)).when().post(HOOKS).then().statusCode(201).extract().path("id");
        created.add(id);
        return id;
    }

    @Test
    void everySpellingOfAnInternalDestinationIsRefusedAtCreationAndChange() {
        List<String> accepted = new ArrayList<>();
        String valid = create("http://localhost:" + receiver.getAddress().getPort() + "/ok", List.of("offer.changed"));
        for (String url : List.of("https://2130706433/hook", "https://0x7f000001/hook", "https://0177.0.0.1/hook",
                "https://127.1/hook", "https://localhost./hook", "http://localhost.:8080/hook", "https://partenaire.example.fr:99999/hook",
                "https://[::127.0.0.1]/hook", "https://[::ffff:127.0.0.1]/hook", "https://[64:ff9b::a9fe:a9fe]/latest",
                "https://[2002:a9fe:a9fe::1]/hook", "https://[::ffff:10.0.0.1]/hook", "https://169.254.169.254/latest",
                "https://100.64.0.1/hook", "https://[fe80::1]/hook", "https://[fd00::1]/hook", "https://0/hook",
                "https://booking-service:8083/hook", "https://postgres.default.svc/hook")) {
            io.restassured.response.Response answer = Gateway.given().auth().oauth2(app).contentType("application/json")
                    .body(Map.of("url", url, "eventTypes", List.of("offer.changed"))).when().post(HOOKS);
            if (answer.statusCode() / 100 == 2) {
                accepted.add(url);
                created.add(answer.path("id"));
                continue;
            }
            answer.then().statusCode(422).contentType(startsWith("application/problem+json")).body("field", equalTo("url"));
            Gateway.given().auth().oauth2(app).contentType("application/json").body(Map.of("url", url)).when()
                    .patch(HOOKS + "/" + valid).then().statusCode(422).contentType(startsWith("application/problem+json"))
                    .body("field", equalTo("url"));
        }
        assertEquals(List.of(), accepted, "internal destinations accepted");
    }

    @Test
    void eventTypesHaveAMaximumAndDistinctValues() {
        Gateway.given().auth().oauth2(app).contentType("application/json")
                .body(Map.of("url", "https://partenaire.example.fr/hook", "eventTypes", List.of("offer.changed", "offer.changed")))
                .when().post(HOOKS).then().statusCode(422).body("field", equalTo("eventTypes"));
        List<String> seven = new ArrayList<>(List.of("booking.confirmed", "booking.cancelled", "booking.rescheduled",
                "waitlist.promoted", "offer.changed", "session.cancelled", "offer.changed"));
        Gateway.given().auth().oauth2(app).contentType("application/json")
                .body(Map.of("url", "https://partenaire.example.fr/hook", "eventTypes", seven))
                .when().post(HOOKS).then().statusCode(400).body("field", equalTo("eventTypes"));
        List<String> thousand = new ArrayList<>(Collections.nCopies(1000, "offer.changed"));
        Gateway.given().auth().oauth2(app).contentType("application/json")
                .body(Map.of("url", "https://partenaire.example.fr/hook", "eventTypes", thousand))
                .when().post(HOOKS).then().statusCode(400).body("field", equalTo("eventTypes"));
        assertTrue(Gateway.given().when().get("/openapi").then().statusCode(200).extract().asString().contains("\"maxItems\""),
                "the maximum is documented");
    }

    @Test
    void deliveryErrorsTellPartnersWhatFailedWithoutInternals() {
        int port = receiver.getAddress().getPort();
        String failing = create("http://localhost:" + port + "/down", List.of("offer.changed"));
        String tls = create("https://localhost:" + notTls.getLocalPort() + "/plain-http-answers-tls", List.of("offer.changed"));
        String unknown = create("https://recepteur-" + UUID.randomUUID().toString().substring(0, 8) + ".example/hook",
                List.of("offer.changed"));
        // an offer of the partner is published: offer.changed goes to its three subscriptions
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(9);
        AdHocOffers.publish(UUID.randomUUID().toString(), AdHocOffers.offer(Demo.id("PLACE_CCAS_BOIGNY"), partner,
                "permanence_individuelle", 1, 30, List.of(new AdHocOffers.Session(day, LocalTime.of(11, 0), LocalTime.of(11, 30)))), 1);
        Map<String, String> expected = Map.of(failing, "réponse HTTP 5xx", tls, "certificat refusé", unknown,
                "nom de domaine introuvable");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                String lastError = Gateway.given().auth().oauth2(app).when().get(HOOKS + "/" + e.getKey() + "/deliveries")
                        .then().statusCode(200).extract().path("items[0].lastError");
                assertEquals(e.getValue(), lastError);
            });
        }
        String all = Gateway.given().auth().oauth2(app).when().get(HOOKS + "?size=50").then().statusCode(200).extract().asString();
        for (String internal : List.of("SSL", "TLS", "Exception", "Name or service", "UnknownHost", "handshake")) {
            assertFalse(all.contains(internal), internal + " shown to the partner: " + all);
        }
    }
}
