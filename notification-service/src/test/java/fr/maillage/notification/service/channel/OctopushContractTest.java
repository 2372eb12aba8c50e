package fr.maillage.notification.service.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static fr.maillage.notification.support.Api.byBooking;
import static fr.maillage.notification.support.Api.randomMobile;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import fr.maillage.notification.service.OptOuts;
import fr.maillage.notification.support.Events;
import fr.maillage.notification.support.Stubs;
import fr.maillage.platform.crypto.SealedData;
import fr.maillage.platform.testing.KafkaTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Issue 23, item 3: the Octopush adapter against a stub written from Octopush's documentation (WireMock, in the test
 * JVM). The pages it follows:
 * <ul>
 * <li>send an SMS: https://dev.octopush.com/en/sms-gateway-api-documentation/send-sms/ — {@code POST
 * /v1/public/sms-campaign/send}, headers {@code api-login} and {@code api-key}, body {@code text}, {@code recipients[]
 * .phone_number}, {@code type}, {@code sender}, {@code purpose}, {@code request_id}; answer {@code sms_ticket},
 * {@code number_of_contacts}, {@code total_cost}… (the answer's example: the octopush/sms-api client's README);</li>
 * <li>send a « SMS vocal »: https://dev.octopush.com/en/sms-gateway-api-documentation/voice-sms-api/send-voice-sms/ —
 * {@code POST /v1/public/voice-campaign/send}, {@code voice_gender}, {@code voice_language};</li>
 * <li>return codes: https://octopush.com/en/sms-gateway-api-documentation/return-codes/ (100 to 153, 500, 501);</li>
 * <li>delivery receipts: https://dev.octopush.com/en/sms-gateway-api-documentation/callbacks/acknowledge-receipt
 * (channel, message_id = the ticket, number, status DELIVERED / NOT_DELIVERED / ACK…, delivery_date);</li>
 * <li>STOP: https://dev.octopush.com/en/sms-gateway-api-documentation/opt-out-management/ (message_id, number, text,
 * stop_date); replies: https://dev.octopush.com/en/sms-gateway-api-documentation/inbounds/ (reception_date);</li>
 * <li>one callback URL for all, told apart by their fields: https://dev.octopush.com/en/sms-gateway-api-documentation/callbacks/.</li>
 * </ul>
 * The stub answers a ticket built from the request id ({@code sms_<request_id>}), so the test knows which ticket a
 * receipt must carry. The failure body's shape ({@code code}, {@code message}) is not shown on those pages: the adapter
 * reads {@code code} or {@code error_code} (the earlier API's JSON answers) and falls back on the HTTP status.
 */
@QuarkusTest
@QuarkusTestResource(Stubs.class)
@TestProfile(OctopushContractTest.Octopush.class)
class OctopushContractTest {
    static final String LOGIN = "communaute@maillage.example";
    static final String KEY = "octopush-test-key";
    private static final String SECRET = "test-sms-callback-secret";
    private static final String BOOKINGS = "booking.bookings.v1";
    // a test profile restarts Quarkus: its Kafka consumers may wait for the group to rebalance before the first event
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final UUID ORG = UUID.fromString("00000000-0000-4000-8000-000000000003");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The service speaks Octopush for SMS and voice; one attempt per call, so each code is seen once. */
    public static class Octopush implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new HashMap<>();
            c.put("maillage.notification.sms.provider", "octopush");
            c.put("maillage.notification.voice.provider", "octopush");
            c.put("maillage.notification.sms.api-login", LOGIN);
            c.put("maillage.notification.voice.api-login", "");
            c.put("maillage.notification.voice.api-key", "");
            for (String bean : List.of(OctopushSmsProvider.class.getName(), OctopushVoiceProvider.class.getName())) {
                c.put(bean + "/send/Retry/maxRetries", "0");
                c.put(bean + "/send/CircuitBreaker/enabled", "false");
                c.put(bean + "/send/Timeout/value", "30"); // a loaded 2-core test machine: the contract, not the timing
            }
            return c;
        }
    }

    @Inject
    OctopushSmsProvider sms;
    @Inject
    OptOuts optOuts;
    @Inject
    SealedData sealing;

    @BeforeEach
    void stubOctopush() {
        // Stubs sets SMS_URL to the stub's root and VOICE_URL to <root>/voice: the /v1/public base of each
        for (String base : List.of("", "/voice")) {
            String endpoint = base.isEmpty() ? "/sms-campaign/send" : base + "/voice-campaign/send";
            String field = base.isEmpty() ? "sms_ticket" : "vocal_ticket"; // as the octopush/sms-api client's README shows
            String ticket = base.isEmpty() ? "sms_" : "voice_";
            Stubs.wireMock.stubFor(post(urlEqualTo(endpoint)).atPriority(10)
                    .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                            .withBody("{\"code\":101,\"message\":\"Incorrect login details.\"}")));
            Stubs.wireMock.stubFor(post(urlEqualTo(endpoint)).atPriority(9)
                    .withHeader("api-login", equalTo(LOGIN)).withHeader("api-key", equalTo("test-key"))
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody("{\"" + field + "\":\"" + ticket
                                    + "{{jsonPath request.body '$.request_id'}}\",\"number_of_contacts\":1,"
                                    + "\"total_cost\":0.0333,\"number_of_sms_needed\":1,\"residual_credit\":99.5}")
                            .withTransformers("response-template")));
        }
    }

    /** The numbers for which the stub answers Octopush's return code {@code code}. */
    private static String numberRefusedWith(int code) {
        String number = "+33699001" + String.format("%03d", code);
        Stubs.wireMock.stubFor(post(urlEqualTo("/sms-campaign/send")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.recipients[0].phone_number", equalTo(number)))
                .willReturn(aResponse().withStatus(code == 101 ? 401 : 400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":" + code + ",\"message\":\"refused for " + number + "\"}")));
        return number;
    }

    @Test
    void eachDocumentedReturnCodeIsPermanentOrRetriedAndCode120MeansAlreadySent() {
        // the message or the number is at fault: sending it again cannot help
        for (int code : List.of(100, 102, 103, 107, 110, 111, 112, 115, 116, 117, 119, 121, 122, 123, 124, 150, 151, 152)) {
            SendException e = assertThrows(SendException.class, () -> sms.send(sms(numberRefusedWith(code))), "code " + code);
            assertTrue(e.permanent(), "code " + code + " is permanent: " + e.getMessage());
            assertTrue(e.getMessage().contains("(code " + code + ")"), e.getMessage());
            assertFalse(e.getMessage().contains("+33699001"), "the number is masked: " + e.getMessage());
        }
        // the account, its settings or the platform: retried with the worker's backoff
        for (int code : List.of(101, 104, 105, 106, 108, 109, 113, 114, 125, 126, 127, 128, 153, 500, 501)) {
            SendException e = assertThrows(SendException.class, () -> sms.send(sms(numberRefusedWith(code))), "code " + code);
            assertFalse(e.permanent(), "code " + code + " is retried: " + e.getMessage());
            assertTrue(e.getMessage().contains("(code " + code + ")"), e.getMessage());
        }
        assertTrue(assertThrows(SendException.class, () -> sms.send(sms(numberRefusedWith(117)))).getMessage()
                .contains("numéro invalide"), "an agent reads the reason in French");
        // 120: a request with this request_id (our notification id) was already accepted: sent, not an error
        SmsProvider.Sms again = sms(numberRefusedWith(120));
        assertEquals(again.reference().toString(), sms.send(again));
        // an undocumented code falls back on the HTTP status; a provider outage is retried
        assertTrue(assertThrows(SendException.class, () -> sms.send(sms(numberRefusedWith(999)))).permanent());
        String down = "+33699002503";
        Stubs.wireMock.stubFor(post(urlEqualTo("/sms-campaign/send")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.recipients[0].phone_number", equalTo(down)))
                .willReturn(aResponse().withStatus(503).withBody("<html>maintenance</html>")));
        assertFalse(assertThrows(SendException.class, () -> sms.send(sms(down))).permanent());
    }

    private static SmsProvider.Sms sms(String to) {
        return new SmsProvider.Sms(UUID.randomUUID(), to, "Rappel : rendez-vous demain à 10 h.", 1);
    }

    @Test
    void anSmsGoesAsOctopushDocumentsItAndItsDeliveryReceiptMakesItDelivered() {
        UUID booking = UUID.randomUUID();
        String mobile = randomMobile();
        OffsetDateTime start = OffsetDateTime.now().plusDays(3).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> b = Events.booking(booking, "confirmed", start, Events.person("Jeanne", mobile, null, true, false),
                List.of(2880), ORG, ORG);
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1,
                Events.sealed(b, sealing)));
        await().atMost(WAIT).until(() -> byBooking(booking).stream().anyMatch(r -> "sent".equals(r.get("status"))));
        Map<String, Object> receipt = byBooking(booking).stream().filter(r -> "sent".equals(r.get("status"))).findFirst().get();
        String id = (String) receipt.get("id");

        List<LoggedRequest> requests = Stubs.wireMock.findAll(postRequestedFor(urlEqualTo("/sms-campaign/send"))
                .withRequestBody(matchingJsonPath("$.recipients[0].phone_number", equalTo(mobile))));
        assertEquals(1, requests.size());
        LoggedRequest request = requests.get(0);
        assertEquals(LOGIN, request.getHeader("api-login"));
        assertEquals("test-key", request.getHeader("api-key"));
        assertTrue(request.getHeader("Content-Type").startsWith("application/json"), request.getHeader("Content-Type"));
        assertFalse(request.containsHeader("Authorization"), "Octopush authenticates by its two headers only");
        JsonNode body = json(request.getBodyAsString());
        assertEquals(1, body.path("recipients").size());
        assertEquals(mobile, body.path("recipients").get(0).path("phone_number").asText());
        assertEquals("sms_premium", body.path("type").asText());
        assertEquals("alert", body.path("purpose").asText(), "transactional: any hour, no « STOP au » mention required");
        assertEquals("Maillage", body.path("sender").asText());
        assertEquals(id, body.path("request_id").asText(), "the notification id: a repeat after a crash is code 120");
        assertTrue(body.path("text").asText().startsWith("RDV confirmé"), body.toString());

        // receipts: only with the secret (query string of the callback URL); ACK is not final; DELIVERED is
        Map<String, Object> ack = receiptOf("sms", "sms_" + id, mobile, "ACK");
        given().contentType(ContentType.JSON).body(ack).when().post("/api/v1/notifications/callbacks/octopush")
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).queryParam("secret", "wrong").body(ack)
                .when().post("/api/v1/notifications/callbacks/octopush").then().statusCode(401);
        octopush().body(ack).when().post("/api/v1/notifications/callbacks/octopush").then().statusCode(204);
        assertEquals("sent", status(booking, id));
        octopush().body(receiptOf("sms", "sms_" + id, mobile, "DELIVERED")).when()
                .post("/api/v1/notifications/callbacks/octopush").then().statusCode(204);
        assertEquals("delivered", status(booking, id));
        // a receipt for a ticket nobody knows changes nothing and is not an error for Octopush
        octopush().body(receiptOf("sms", "sms_unknown", mobile, "DELIVERED")).when()
                .post("/api/v1/notifications/callbacks/octopush").then().statusCode(204);
    }

    @Test
    void aLandlineIsCalledByOctopushVoiceAndAnUnansweredCallFails() {
        UUID booking = UUID.randomUUID();
        String landline = "+3329" + String.format("%07d", ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000));
        OffsetDateTime start = OffsetDateTime.now().plusMinutes(5).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> b = Events.booking(booking, "confirmed", start, Events.person("Jeanne", landline, null, false, false),
                List.of(2880, 5), ORG, ORG);
        b.put("bookedBy", "agent");
        b.put("reminderChannel", "voice");
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1,
                Events.sealed(b, sealing)));
        await().atMost(WAIT).until(() -> byBooking(booking).stream().anyMatch(r -> "sent".equals(r.get("status"))));
        String id = (String) byBooking(booking).get(0).get("id");

        List<LoggedRequest> calls = Stubs.wireMock.findAll(postRequestedFor(urlEqualTo("/voice/voice-campaign/send"))
                .withHeader("api-login", equalTo(LOGIN)).withHeader("api-key", equalTo("test-key"))
                .withHeader("Authorization", absent())
                .withRequestBody(matchingJsonPath("$.recipients[0].phone_number", equalTo(landline))));
        assertEquals(1, calls.size(), "the voice API of the same account (the SMS credentials)");
        JsonNode call = json(calls.get(0).getBodyAsString());
        assertEquals("voice_sms", call.path("type").asText());
        assertEquals("fr-FR", call.path("voice_language").asText());
        assertEquals("female", call.path("voice_gender").asText());
        assertEquals("alert", call.path("purpose").asText());
        assertEquals(id, call.path("request_id").asText());
        assertTrue(call.path("text").asText().contains("Je répète"), call.toString());

        octopush().body(receiptOf("voice_sms", "voice_" + id, landline, "NOT_DELIVERED")).when()
                .post("/api/v1/notifications/callbacks/octopush").then().statusCode(204);
        assertEquals("failed", status(booking, id));
        assertEquals("appel non remis (NOT_DELIVERED)", byBooking(booking).get(0).get("error"));
    }

    @Test
    void stopByOctopushOptsTheNumberOutAndStartByReplyOptsItBackIn() {
        String mobile = randomMobile();
        String national = "0" + mobile.substring(3);
        Map<String, Object> stop = Map.of("message_id", "sms_5fa275dbf21dc", "number", mobile, "text", "stop",
                "stop_date", "2026-12-07 11:11:45");
        given().contentType(ContentType.JSON).queryParam("secret", "wrong").body(stop)
                .when().post("/api/v1/notifications/callbacks/octopush").then().statusCode(401);
        assertFalse(optOuts.isOptedOut(mobile), "refused before the body is read");
        octopush().body(stop).when().post("/api/v1/notifications/callbacks/octopush").then().statusCode(204);
        assertTrue(optOuts.isOptedOut(mobile));
        // a reply (inbound SMS) « START »: the same words as /sms/inbound
        octopush().body(Map.of("number", national, "text", "START", "sim_card_number", "12345",
                "reception_date", "2026-12-07 11:12:00")).when().post("/api/v1/notifications/callbacks/octopush")
                .then().statusCode(204);
        assertFalse(optOuts.isOptedOut(mobile));
        octopush().body(Map.of("number", "pas un numéro", "text", "STOP", "stop_date", "2026-12-07 11:13:00"))
                .when().post("/api/v1/notifications/callbacks/octopush").then().statusCode(400)
                .contentType("application/problem+json").body("field", org.hamcrest.Matchers.equalTo("number"));
        octopush().body(Map.of("number", mobile)).when().post("/api/v1/notifications/callbacks/octopush")
                .then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("status"));
    }

    private static Map<String, Object> receiptOf(String channel, String ticket, String number, String status) {
        return Map.of("channel", channel, "message_id", ticket, "number", number, "status", status,
                "delivery_date", "2026-12-07 11:11:45", "meta_data", Map.of());
    }

    private static io.restassured.specification.RequestSpecification octopush() {
        return given().contentType(ContentType.JSON).queryParam("secret", SECRET);
    }

    private static String status(UUID booking, String id) {
        return (String) byBooking(booking).stream().filter(r -> id.equals(r.get("id"))).findFirst().orElseThrow().get("status");
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
