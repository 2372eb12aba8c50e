package fr.maillage.system.journeys;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Bookings;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.Tokens;
import io.restassured.path.json.JsonPath;

/**
 * Journey 7: a CCAS's application subscribes to booking events; a citizen books one of the CCAS's permanences
 * through a département portal; the CCAS receives one call signed as Standard Webhooks says (verified with the
 * specification's own Java library and its signingSecret; the deprecated X-Maillage-Signature still there), without
 * the citizen's contact data, sees it in its delivery log and finds the same event in its event feed
 * (GET /api/v1/events). Another structure's subscription gets nothing and cannot read the CCAS's subscription.
 */
class PartnerWebhookJourneyTest {
    record Call(String path, String event, String signature, String body, Map<String, List<String>> headers) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Maillage-Event"),
                    exchange.getRequestHeaders().getFirst("X-Maillage-Signature"), body, Map.copyOf(exchange.getRequestHeaders())));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void theHostPartnerReceivesOneSignedCallPerBookingAndNothingLeaks() throws Exception {
        String base = "http://localhost:" + receiver.getAddress().getPort();
        String marigny = Tokens.partnerApp(Demo.id("PARTNER_CCAS_MARIGNY"));
        String boigny = Tokens.partnerApp(Demo.id("PARTNER_CCAS_BOIGNY"));
        JsonPath subscription = Gateway.given().auth().oauth2(marigny).contentType("application/json")
                .body(Map.of("url", base + "/marigny", "eventTypes", List.of("booking.confirmed", "booking.cancelled"),
                        "description", "Agenda du CCAS"))
                .when().post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath();
        String subscriptionId = subscription.getString("id");
        String secret = subscription.getString("secret");
        assertFalse(secret == null || secret.isBlank(), "the secret is shown once, at creation");
        String signingSecret = subscription.getString("signingSecret");
        assertTrue(signingSecret != null && signingSecret.startsWith("whsec_"), "the Standard Webhooks secret: " + signingSecret);
        Gateway.given().auth().oauth2(boigny).contentType("application/json")
                .body(Map.of("url", base + "/boigny", "eventTypes", List.of("booking.confirmed")))
                .when().post("/api/v1/webhooks").then().statusCode(201);

        // a permanence of the CCAS of Marigny, booked through the département portal (another organisation)
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(6);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_CCAS_MARIGNY"), Demo.id("PARTNER_CCAS_MARIGNY"),
                "permanence_individuelle", 1, 30, List.of(new AdHocOffers.Session(day, LocalTime.of(15, 0), LocalTime.of(15, 30))));
        String slotId = (String) AdHocOffers.publish(UUID.randomUUID().toString(), offer, 1).get(0).get("id");
        People.Mobile mobile = People.newMobile();
        String bookingId = Bookings.book(slotId, mobile, "Webhook").then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> calls.stream().anyMatch(c -> c.body().contains(bookingId)));
        List<Call> forBooking = calls.stream().filter(c -> c.body().contains(bookingId)).toList();
        assertEquals(1, forBooking.size(), "one call, to the host partner only: " + forBooking);
        Call call = forBooking.get(0);
        assertEquals("/marigny", call.path());
        assertEquals("booking.confirmed", call.event());
        // Standard Webhooks, verified as a partner would with the specification's own library (timestamp within 5 min)
        new Webhook(signingSecret).verify(call.body(), call.headers());
        // the deprecated header, kept one release
        assertTrue(call.signature() != null && call.signature().matches("t=\\d+,v1=[0-9a-f]{64}"), call.signature());
        String timestamp = call.signature().substring(2, call.signature().indexOf(','));
        String expected = hmac(secret, timestamp + "." + call.body());
        assertEquals(expected, call.signature().substring(call.signature().indexOf("v1=") + 3), "signature over t.body with the secret");
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) < 300, "a fresh timestamp");
        assertFalse(call.body().contains(mobile.e164().substring(3)), "no phone in a webhook: " + call.body());
        assertFalse(call.body().contains("Webhook"), "no name in a webhook: " + call.body());

        // the same event in the CCAS's event feed (for partners without a webhook receiver); not in Boigny's
        String eventId = JsonPath.from(call.body()).getString("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> feedIds(marigny).contains(eventId));
        assertFalse(feedIds(boigny).contains(eventId), "another structure's feed does not have it");
        Gateway.given().when().get("/api/v1/events").then().spec(ProblemJson.problem(ProblemJson.Kind.UNAUTHORIZED));

        // the owner sees the delivery; another structure does not even see the subscription
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> Gateway.given().auth().oauth2(marigny)
                .when().get("/api/v1/webhooks/" + subscriptionId + "/deliveries").then().statusCode(200).extract().jsonPath()
                .getList("items.status").contains("delivered"));
        Gateway.given().auth().oauth2(marigny).when().get("/api/v1/webhooks/" + subscriptionId)
                .then().statusCode(200).body("status", equalTo("active")).body("lastDeliveryStatus", equalTo("delivered"));
        Gateway.given().auth().oauth2(boigny).when().get("/api/v1/webhooks/" + subscriptionId).then().spec(ProblemJson.problem(ProblemJson.Kind.NOT_FOUND));
        Gateway.given().auth().oauth2(marigny).when().get("/api/v1/webhooks")
                .then().statusCode(200).body("items.id", hasItem(subscriptionId));
    }

    /** Every event id of the organisation's feed, read page after page with next. */
    private static List<String> feedIds(String token) {
        List<String> ids = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            var request = Gateway.given().auth().oauth2(token).queryParam("limit", 500);
            if (after != null) {
                request = request.queryParam("after", after);
            }
            JsonPath feed = request.when().get("/api/v1/events").then().statusCode(200).extract().jsonPath();
            List<String> events = feed.getList("events.id");
            ids.addAll(events);
            after = feed.getString("next");
            if (events.size() < 500) {
                return ids;
            }
        }
        return ids;
    }

    private static String hmac(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
