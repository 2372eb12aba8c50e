package fr.maillage.notification.service;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.notification.support.Api.randomEmail;
import static fr.maillage.notification.support.Api.randomMobile;
import static fr.maillage.platform.testing.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.notification.events.EventConsumers;
import fr.maillage.notification.support.Events;
import fr.maillage.notification.support.Signatures;
import fr.maillage.platform.testing.KafkaTopics;
import fr.maillage.notification.support.LogCapture;
import fr.maillage.notification.support.Stubs;
import fr.maillage.platform.testing.Tokens;
import fr.maillage.notification.support.WebhookReceiver;
import fr.maillage.notification.support.WebhookReceiver.Call;
import fr.maillage.platform.testing.Metrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Partner webhooks end to end: events produced on the real Kafka broker, subscriptions and deliveries in
 * the real PostgreSQL, calls received by an HTTP server in the test JVM (the partner). Test profile:
 * retries after 1 s, 2 s, 3 s; a subscription pauses after 3 failures in a row.
 */
@QuarkusTest
@QuarkusTestResource(Stubs.class)
class WebhookTest {
    // shared with WebhookSecretsAtRestTest
    static final String BOOKINGS = "booking.bookings.v1";
    static final String HOOKS = "/api/v1/webhooks";
    static final Duration WAIT = Duration.ofSeconds(90);
    static final long TOLERANCE = 300;
    private static WebhookReceiver receiver;

    @Inject
    ObjectMapper mapper;
    @Inject
    EventConsumers consumers;
    @Inject
    WebhookSender sender;
    @Inject
    javax.sql.DataSource dataSource;

    @BeforeAll
    static void partner() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void aBookingEventReachesTheBookerAndTheHostSignedAndNobodyElse() throws Exception {
        UUID booker = UUID.randomUUID();
        UUID host = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        JsonPath a = create(Tokens.partnerApp(booker), "/booker", List.of("booking.confirmed", "booking.cancelled"));
        JsonPath aOffers = create(Tokens.partnerApp(booker), "/booker-offers", List.of("offer.changed"));
        JsonPath b = create(Tokens.partnerApp(host), "/host", List.of("booking.confirmed"));
        JsonPath c = create(Tokens.partnerApp(stranger), "/stranger", List.of("booking.confirmed", "booking.cancelled"));
        String secret = a.getString("secret");
        assertEquals(43, secret.length(), "32 random bytes, base64url");
        assertTrue(secret.matches("[A-Za-z0-9_-]+"), secret);
        assertNotEquals(secret, b.getString("secret"));
        as(Tokens.partnerApp(booker)).when().get(HOOKS + "/" + a.getString("id")).then().statusCode(200)
                .body("$", not(hasKey("secret"))).body("status", equalTo("active"));

        UUID booking = UUID.randomUUID();
        String mobile = randomMobile();
        String email = randomEmail();
        Map<String, Object> confirmed = KafkaTopics.envelope("BookingConfirmed", booking, 1, Events.booking(booking, "confirmed",
                OffsetDateTime.now().plusDays(2), Events.person("Maëlys", mobile, email, true, true), null, booker, host));
        String eventId = (String) confirmed.get("eventId");
        try (LogCapture logs = LogCapture.install()) {
            KafkaTopics.send(BOOKINGS, booking.toString(), confirmed);
            await().atMost(WAIT).until(() -> receiver.calls("/booker").size() == 1 && receiver.calls("/host").size() == 1);

            Call call = receiver.calls("/booker").get(0);
            assertEquals("application/json", call.header("Content-Type"));
            assertEquals("booking.confirmed", call.header("X-Maillage-Event"));
            // Standard Webhooks, verified with the specification's own Java library (as a partner would)
            String signingSecret = a.getString("signingSecret");
            assertTrue(signingSecret.startsWith("whsec_"), signingSecret);
            assertEquals(call.header("X-Maillage-Delivery"), call.header("webhook-id"), "the message id is the delivery id");
            assertTrue(call.header("webhook-timestamp").matches("\\d{10}"), call.header("webhook-timestamp"));
            assertTrue(call.header("webhook-signature").matches("v1,[A-Za-z0-9+/]{43}="), call.header("webhook-signature"));
            assertTrue(Signatures.standard(signingSecret, call), "verifies with the standard library and signingSecret");
            assertFalse(Signatures.standard(b.getString("signingSecret"), call), "another subscription's secret does not");
            assertFalse(Signatures.standard(signingSecret, call.body().replace("confirmed", "cancelled"), call.headers()),
                    "a tampered body does not verify");
            assertFalse(Signatures.standard(signingSecret, call.body(), Signatures.with(call.headers(), "webhook-id",
                    UUID.randomUUID().toString())), "the message id is signed");
            assertFalse(Signatures.standard(signingSecret, call.body(), Signatures.with(call.headers(), "webhook-timestamp",
                    Long.toString(Long.parseLong(call.header("webhook-timestamp")) - 3600))), "the timestamp is signed and checked");
            Call toHost = receiver.calls("/host").get(0);
            assertTrue(Signatures.standard(b.getString("signingSecret"), toHost));
            assertNotEquals(call.header("webhook-id"), toHost.header("webhook-id"), "one message per subscription");

            // the deprecated header, kept one release
            String signature = call.header("X-Maillage-Signature");
            assertTrue(signature.matches("t=\\d+,v1=[0-9a-f]{64}"), signature);
            assertEquals(call.header("webhook-timestamp"), signature.substring(2, signature.indexOf(',')));
            long now = Instant.now().getEpochSecond();
            assertTrue(Signatures.legacy(secret, signature, call.body(), now, TOLERANCE), "verifies with the secret");
            assertFalse(Signatures.legacy(b.getString("secret"), signature, call.body(), now, TOLERANCE),
                    "another subscription's secret does not verify");
            assertFalse(Signatures.legacy(secret, signature, call.body().replace("confirmed", "cancelled"), now, TOLERANCE),
                    "a tampered body does not verify");
            assertFalse(Signatures.legacy(secret, signature, call.body(), now + 3600, TOLERANCE),
                    "the same call replayed an hour later is refused");
            assertTrue(Signatures.legacy(b.getString("secret"), receiver.calls("/host").get(0).header("X-Maillage-Signature"),
                    receiver.calls("/host").get(0).body(), now, TOLERANCE));

            JsonNode body = mapper.readTree(call.body());
            assertEquals(eventId, body.get("id").asText());
            assertEquals("booking.confirmed", body.get("type").asText());
            assertTrue(body.hasNonNull("occurredAt"));
            assertEquals(booking.toString(), body.at("/data/bookingId").asText());
            assertEquals(booker.toString(), body.at("/data/bookerOrg").asText());
            assertEquals(host.toString(), body.at("/data/partnerId").asText());
            assertEquals("confirmed", body.at("/data/status").asText());
            for (String personal : List.of(mobile, mobile.substring(3), email, "Maëlys", "person", "phone", "email",
                    Events.TOKEN)) {
                assertFalse(call.body().contains(personal), "no contact data in the payload: " + personal);
            }

            // the delivery log tells the same story
            JsonPath log = as(Tokens.partnerApp(booker)).when().get(HOOKS + "/" + a.getString("id") + "/deliveries").then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(1, log.getInt("total"));
            assertEquals(call.header("X-Maillage-Delivery"), log.getString("items[0].id"));
            assertEquals(eventId, log.getString("items[0].eventId"));
            assertEquals("delivered", log.getString("items[0].status"));
            assertEquals(1, log.getInt("items[0].attempts"));
            assertEquals(200, log.getInt("items[0].lastStatusCode"));
            assertNull(log.get("items[0].nextAttemptAt"));
            assertTrue(log.getString("items[0].deliveredAt") != null);
            as(Tokens.partnerApp(booker)).when().get(HOOKS + "/" + a.getString("id")).then()
                    .body("lastDeliveryStatus", equalTo("delivered")).body("lastStatusCode", equalTo(200));

            // the same event again (Kafka redelivery): nothing more; a cancellation goes to who asked for it only
            KafkaTopics.send(BOOKINGS, booking.toString(), confirmed);
            KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingCancelled", booking, 2, Events.booking(booking,
                    "cancelled_by_citizen", OffsetDateTime.now().plusDays(2), Events.person("Maëlys", mobile, email, true, true),
                    null, booker, host)));
            // The cancellation is the sentinel: same booking, so same key and partition, consumed after the redelivered
            // confirmation. Deliveries are queued in the consumer's transaction, so once the cancellation reached the
            // booker every delivery the two events could queue exists: absences are read from the delivery logs.
            await().atMost(WAIT).until(() -> receiver.calls("/booker").size() == 2);
            assertEquals("booking.cancelled", receiver.calls("/booker").get(1).header("X-Maillage-Event"));
            assertEquals(2, deliveries(Tokens.partnerApp(booker), a.getString("id")), "the redelivery queued nothing");
            assertEquals(1, deliveries(Tokens.partnerApp(host), b.getString("id")),
                    "the host did not subscribe to cancellations, and the redelivery queued nothing");
            assertEquals(0, deliveries(Tokens.partnerApp(stranger), c.getString("id")),
                    "another organisation's subscription gets nothing");
            assertEquals(0, deliveries(Tokens.partnerApp(booker), aOffers.getString("id")),
                    "a subscription gets only its event types");
            assertEquals(1, receiver.calls("/host").size());
            assertEquals(0, receiver.calls("/stranger").size());
            assertEquals(0, receiver.calls("/booker-offers").size());

            assertEquals(List.of(), logs.containing(secret, b.getString("secret"), mobile, email, "Maëlys"),
                    "no secret and no personal data in the logs");
            String subscription = a.getString("id");
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains(subscription) && l.contains("attempt 1")),
                    "each attempt is logged");
        }
        assertNull(aOffers.get("pausedReason"));
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffThenPausedAndResumesWhenItsOwnerSaysSo() throws Exception {
        UUID org = UUID.randomUUID();
        String token = Tokens.partnerApp(org);
        double failures = Metrics.value("maillage_webhook_failures_total", "reason", "http_5xx");
        double delivered = Metrics.value("maillage_webhook_delivered_total");
        receiver.answer("/down", 500);
        JsonPath hook = create(token, "/down", List.of("booking.confirmed"));
        String id = hook.getString("id");

        UUID booking = UUID.randomUUID();
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1, Events.booking(booking,
                "confirmed", OffsetDateTime.now().plusDays(2), Events.person("Noé", randomMobile(), null, true, false), null,
                org, null)));
        await().atMost(WAIT).untilAsserted(() -> as(token).when().get(HOOKS + "/" + id).then().statusCode(200)
                .body("status", equalTo("paused")));
        as(token).when().get(HOOKS + "/" + id).then().body("pausedReason", equalTo("3 échecs consécutifs, dernier : réponse HTTP 5xx"))
                .body("consecutiveFailures", equalTo(3)).body("lastDeliveryStatus", equalTo("failed"))
                .body("lastStatusCode", equalTo(500)).body("pausedAt", notNullValue());
        List<Call> calls = receiver.calls("/down");
        assertEquals(3, calls.size());
        assertTrue(Metrics.value("maillage_webhook_failures_total", "reason", "http_5xx") >= failures + 3,
                "each failed attempt counts, by the class of the answer");
        long first = Duration.between(calls.get(0).at(), calls.get(1).at()).toMillis();
        long second = Duration.between(calls.get(1).at(), calls.get(2).at()).toMillis();
        assertTrue(first >= 900, "1st retry after the 1 s backoff, was " + first + " ms");
        assertTrue(second >= 1900, "2nd retry after the 2 s backoff, was " + second + " ms");
        assertEquals(calls.get(0).header("X-Maillage-Delivery"), calls.get(2).header("X-Maillage-Delivery"),
                "retries are the same delivery");
        JsonPath log = as(token).when().get(HOOKS + "/" + id + "/deliveries").then().statusCode(200).extract().jsonPath();
        assertEquals("pending", log.getString("items[0].status"), "waiting for the subscription to resume");
        assertEquals(3, log.getInt("items[0].attempts"));
        assertEquals("réponse HTTP 5xx", log.getString("items[0].lastError"));

        // paused: the retry that was due does not go out, and new events are not queued for it. Sentinel: a later
        // event of the same booking (same key and partition, consumed after it) that an active subscription of another
        // organisation receives; the sender rounds that delivered it would have claimed the paused retry as well.
        UUID witness = UUID.randomUUID();
        String witnessHook = create(Tokens.partnerApp(witness), "/witness-" + id, List.of("booking.cancelled")).getString("id");
        UUID later = UUID.randomUUID();
        KafkaTopics.send(BOOKINGS, later.toString(), KafkaTopics.envelope("BookingConfirmed", later, 1, Events.booking(later,
                "confirmed", OffsetDateTime.now().plusDays(2), Events.person("Noé", randomMobile(), null, true, false), null,
                org, witness)));
        KafkaTopics.send(BOOKINGS, later.toString(), KafkaTopics.envelope("BookingCancelled", later, 2, Events.booking(later,
                "cancelled_by_citizen", OffsetDateTime.now().plusDays(2), Events.person("Noé", randomMobile(), null, true, false),
                null, org, witness)));
        await().atMost(WAIT).untilAsserted(() -> as(Tokens.partnerApp(witness)).when()
                .get(HOOKS + "/" + witnessHook + "/deliveries").then().body("items[0].status", equalTo("delivered")));
        assertEquals(3, receiver.calls("/down").size());
        as(token).when().get(HOOKS + "/" + id + "/deliveries").then().body("total", equalTo(1))
                .body("items[0].status", equalTo("pending")).body("items[0].attempts", equalTo(3));

        // the owner fixes the receiver and resumes: the waiting delivery goes out at once
        receiver.answer("/down", 204);
        as(token).contentType("application/json").body(Map.of("status", "active")).when().patch(HOOKS + "/" + id).then()
                .statusCode(200).body("status", equalTo("active")).body("pausedReason", nullValue())
                .body("consecutiveFailures", equalTo(0));
        await().atMost(WAIT).until(() -> receiver.calls("/down").size() == 4);
        await().atMost(WAIT).untilAsserted(() -> as(token).when().get(HOOKS + "/" + id).then()
                .body("lastDeliveryStatus", equalTo("delivered")).body("lastStatusCode", equalTo(204)));
        assertTrue(Metrics.value("maillage_webhook_delivered_total") >= delivered + 2, "the witness's and the resumed delivery");
        as(token).when().get(HOOKS + "/" + id + "/deliveries").then().body("items[0].status", equalTo("delivered"))
                .body("items[0].attempts", equalTo(4));
    }

    @Test
    void aReceiverWhoseAddressBecameInternalIsNotCalled() throws Exception {
        UUID org = UUID.randomUUID();
        String token = Tokens.partnerApp(org);
        JsonPath hook = create(token, "/repointed", List.of("booking.confirmed"));
        String id = hook.getString("id");
        // as if the receiver's name now resolved into the platform's network (only literals are checked at creation)
        try (var connection = dataSource.getConnection();
                var update = connection.prepareStatement("UPDATE webhook_subscription SET url = ? WHERE id = ?::uuid")) {
            update.setString(1, "https://10.0.0.1:8443/maillage");
            update.setString(2, id);
            assertEquals(1, update.executeUpdate());
        }
        UUID booking = UUID.randomUUID();
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1, Events.booking(booking,
                "confirmed", OffsetDateTime.now().plusDays(2), Events.person("Inès", randomMobile(), null, true, false), null,
                org, null)));
        await().atMost(WAIT).untilAsserted(() -> as(token).when().get(HOOKS + "/" + id + "/deliveries").then().statusCode(200)
                .body("items[0].lastError", equalTo("destination refusée (adresse interne ou réservée)")));
        as(token).when().get(HOOKS + "/" + id).then().body("lastDeliveryStatus", equalTo("failed"))
                .body("lastStatusCode", nullValue());
        assertTrue(receiver.calls("/repointed").isEmpty());
    }

    @Test
    void aRetriedCreationWithTheSameIdempotencyKeyReturnsTheFirstSubscription() {
        UUID org = UUID.randomUUID();
        String token = Tokens.partnerApp(org);
        String key = "abonnement-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("url", receiver.url("/idem"), "eventTypes", List.of("booking.confirmed"));
        JsonPath first = as(token).header("Idempotency-Key", key).contentType("application/json").body(body)
                .when().post(HOOKS).then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().jsonPath();
        JsonPath again = as(token).header("Idempotency-Key", key).contentType("application/json").body(body)
                .when().post(HOOKS).then().statusCode(200).header("Idempotent-Replayed", "true").extract().jsonPath();
        assertEquals(first.getString("id"), again.getString("id"));
        assertEquals(first.getString("secret"), again.getString("secret"), "the answer the first attempt would have given");
        as(token).when().get(HOOKS).then().statusCode(200).body("total", equalTo(1));

        // the same key for another subscription is refused, naming the header; nothing is created
        as(token).header("Idempotency-Key", key).contentType("application/json")
                .body(Map.of("url", receiver.url("/autre"), "eventTypes", List.of("booking.confirmed")))
                .when().post(HOOKS).then().spec(problem(422, "Idempotency-Key"))
                .body("detail", containsString(first.getString("id")));
        // keys belong to their client: another application of the same structure choosing the same key creates its own
        String otherClient = Tokens.of("partner-app", org, null, "autre-application@" + org);
        String other = as(otherClient).header("Idempotency-Key", key).contentType("application/json").body(body)
                .when().post(HOOKS).then().statusCode(201).body("secret", notNullValue()).extract().path("id");
        assertNotEquals(first.getString("id"), other);
        as(token).when().get(HOOKS).then().statusCode(200).body("total", equalTo(2));
        as(token).header("Idempotency-Key", "x".repeat(201)).contentType("application/json").body(body)
                .when().post(HOOKS).then().statusCode(400).body("field", equalTo("Idempotency-Key"));
    }

    @Test
    void aSubscriptionFailingForTooLongIsPausedEvenBelowTheCount() {
        Instant now = Instant.now();
        WebhookStore.Subscription failingForADay = new WebhookStore.Subscription(UUID.randomUUID(), UUID.randomUUID(),
                "https://p.example.fr", List.of("booking.confirmed"), null, "s", "active", null, null, 2,
                now.minus(Duration.ofHours(25)), now, "failed", null, "pas de réponse en 2 s", now, now);
        assertEquals("en échec depuis 24 h (2 échecs consécutifs), dernier : pas de réponse en 2 s",
                sender.pauseReason(failingForADay, "pas de réponse en 2 s", now).orElseThrow());
        WebhookStore.Subscription recent = new WebhookStore.Subscription(UUID.randomUUID(), UUID.randomUUID(),
                "https://p.example.fr", List.of("booking.confirmed"), null, "s", "active", null, null, 2,
                now.minus(Duration.ofHours(1)), now, "failed", 502, "HTTP 502", now, now);
        assertTrue(sender.pauseReason(recent, "HTTP 502", now).isEmpty());
    }

    @Test
    void offerAndSessionEventsReachTheirPartnerAndARotatedSecretSignsTheNextCalls() throws Exception {
        UUID partner = UUID.randomUUID();
        String token = Tokens.partnerApp(partner);
        JsonPath hook = create(token, "/offers", List.of("offer.changed", "session.cancelled"));
        UUID stranger = UUID.randomUUID();
        String strangerHook = create(Tokens.partnerApp(stranger), "/offers-stranger", List.of("offer.changed", "session.cancelled"))
                .getString("id");
        UUID offer = UUID.randomUUID();
        KafkaTopics.awaitAssigned("notification-service-test", "offers.offers.v1", WAIT);
        KafkaTopics.send("offers.offers.v1", offer.toString(), KafkaTopics.envelope("OfferSuspended", offer, 4,
                Events.offer(offer, partner, "suspended")));
        await().atMost(WAIT).until(() -> receiver.calls("/offers").size() == 1);
        Call call = receiver.calls("/offers").get(0);
        JsonNode body = mapper.readTree(call.body());
        assertEquals("offer.changed", body.get("type").asText());
        assertEquals("suspended", body.at("/data/change").asText());
        assertEquals(offer.toString(), body.at("/data/offerId").asText());
        assertTrue(Signatures.legacy(hook.getString("secret"), call.header("X-Maillage-Signature"), call.body(),
                Instant.now().getEpochSecond(), TOLERANCE));

        assertTrue(Signatures.standard(hook.getString("signingSecret"), call));
        JsonPath rotation = as(token).when().post(HOOKS + "/" + hook.getString("id") + "/rotate-secret").then().statusCode(200)
                .extract().jsonPath();
        String rotated = rotation.getString("secret");
        assertNotEquals(hook.getString("secret"), rotated);
        assertNotEquals(hook.getString("signingSecret"), rotation.getString("signingSecret"));

        // offers.sessions.v1 is also consumed by booking-service: this test hands the event to our consumer
        // directly instead of publishing a fake session cancellation on the shared broker
        UUID session = UUID.randomUUID();
        consumers.sessions(mapper.writeValueAsString(KafkaTopics.envelope("SessionCancelled", session, 2,
                Events.session(session, offer, partner, "cancelled", OffsetDateTime.now().plusDays(3)))), null);
        await().atMost(WAIT).until(() -> receiver.calls("/offers").size() == 2);
        Call cancelled = receiver.calls("/offers").get(1);
        assertEquals("session.cancelled", cancelled.header("X-Maillage-Event"));
        assertEquals(session.toString(), mapper.readTree(cancelled.body()).at("/data/sessionId").asText());
        long now = Instant.now().getEpochSecond();
        assertTrue(Signatures.legacy(rotated, cancelled.header("X-Maillage-Signature"), cancelled.body(), now, TOLERANCE));
        assertFalse(Signatures.legacy(hook.getString("secret"), cancelled.header("X-Maillage-Signature"),
                cancelled.body(), now, TOLERANCE), "the old secret no longer verifies");
        assertTrue(Signatures.standard(rotation.getString("signingSecret"), cancelled), "the new signingSecret verifies");
        assertFalse(Signatures.standard(hook.getString("signingSecret"), cancelled), "the old one no longer does");
        // Both events were applied when their call reached the partner (the session one synchronously, above), and
        // deliveries are queued in the same transaction: the stranger's log is complete now.
        assertEquals(0, deliveries(Tokens.partnerApp(stranger), strangerHook), "another partner hears nothing");
        assertEquals(0, receiver.calls("/offers-stranger").size());
    }

    @Test
    void subscriptionsBelongToTheirOrganisation() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        String id = create(Tokens.partnerApp(mine), "/mine", List.of("booking.confirmed")).getString("id");
        String path = HOOKS + "/" + id;
        Map<String, Object> change = Map.of("url", receiver.url("/hijack"), "eventTypes", List.of("booking.confirmed"));

        // another organisation's app: as if it did not exist
        String intruder = Tokens.partnerApp(theirs);
        as(intruder).when().get(path).then().spec(problem(404, "id"));
        as(intruder).contentType("application/json").body(change).when().put(path).then().statusCode(404);
        as(intruder).contentType("application/json").body(Map.of("status", "paused")).when().patch(path).then().statusCode(404);
        as(intruder).when().post(path + "/rotate-secret").then().statusCode(404);
        as(intruder).when().get(path + "/deliveries").then().statusCode(404);
        as(intruder).when().delete(path).then().statusCode(404);
        as(intruder).when().get(HOOKS).then().statusCode(200).body("total", equalTo(0));
        as(intruder).queryParam("partnerId", mine.toString()).when().get(HOOKS).then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        as(intruder).contentType("application/json").body(Map.of("url", receiver.url("/x"), "eventTypes",
                List.of("booking.confirmed"), "partnerId", mine.toString())).when().post(HOOKS).then().statusCode(403)
                .body("detail", containsString(mine.toString()));

        // other roles, no token
        for (String token : List.of(Tokens.agent(mine), Tokens.volunteer(UUID.randomUUID()))) {
            as(token).when().get(HOOKS).then().statusCode(403).contentType(containsString("application/problem+json"));
            as(token).when().get(path).then().statusCode(403);
            as(token).contentType("application/json").body(change).when().post(HOOKS).then().statusCode(403);
            as(token).when().delete(path).then().statusCode(403);
        }
        given().when().get(HOOKS).then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .contentType(containsString("application/problem+json"));
        given().contentType("application/json").body(change).when().post(HOOKS).then().statusCode(401);
        given().when().delete(path).then().statusCode(401);
        given().when().post(path + "/rotate-secret").then().statusCode(401);

        // nothing the refused callers tried changed the subscription
        as(Tokens.partnerApp(mine)).when().get(path).then().statusCode(200).body("url", equalTo(receiver.url("/mine")))
                .body("status", equalTo("active"));
        as(Tokens.partnerApp(mine)).when().get(HOOKS).then().body("total", equalTo(1)).body("items[0].id", equalTo(id))
                .body("items[0]", not(hasKey("secret")));

        // an administrator sees and manages any partner's
        as(Tokens.admin()).when().get(path).then().statusCode(200).body("partnerId", equalTo(mine.toString()));
        as(Tokens.admin()).queryParam("partnerId", mine.toString()).when().get(HOOKS).then().body("total", equalTo(1));
        as(Tokens.admin()).contentType("application/json").body(Map.of("url", receiver.url("/x"), "eventTypes",
                List.of("booking.confirmed"))).when().post(HOOKS).then().statusCode(400).body("field", equalTo("partnerId"));
        as(Tokens.admin()).contentType("application/json").body(Map.of("url", receiver.url("/theirs"), "eventTypes",
                List.of("booking.confirmed"), "partnerId", theirs.toString())).when().post(HOOKS).then().statusCode(201)
                .body("partnerId", equalTo(theirs.toString())).body("secret", notNullValue());
        as(Tokens.partnerApp(mine)).contentType("application/json").body(Map.of("description", "Agenda")).when()
                .patch(path).then().statusCode(200).body("description", equalTo("Agenda"))
                .body("url", equalTo(receiver.url("/mine")));
        as(Tokens.admin()).when().delete(path).then().statusCode(204);
        as(Tokens.partnerApp(mine)).when().get(path).then().statusCode(404);
    }

    @Test
    void invalidSubscriptionsAreRefusedWithAProblemNamingTheField() {
        UUID org = UUID.randomUUID();
        String token = Tokens.partnerApp(org);
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] { null, List.of("booking.confirmed"), 400, "url" });
        cases.add(new Object[] { "pas une url", List.of("booking.confirmed"), 400, "url" });
        cases.add(new Object[] { "http://partenaire.example.fr/hooks", List.of("booking.confirmed"), 422, "url" });
        cases.add(new Object[] { "ftp://partenaire.example.fr/hooks", List.of("booking.confirmed"), 422, "url" });
        cases.add(new Object[] { "https://user:pass@partenaire.example.fr/hooks", List.of("booking.confirmed"), 422, "url" });
        cases.add(new Object[] { "https://10.0.0.12/hooks", List.of("booking.confirmed"), 422, "url" });
        cases.add(new Object[] { "https://partenaire.example.fr/hooks", null, 400, "eventTypes" });
        cases.add(new Object[] { "https://partenaire.example.fr/hooks", List.of(), 422, "eventTypes" });
        cases.add(new Object[] { "https://partenaire.example.fr/hooks", List.of("booking.confirmed", "booking.exploded"), 422,
                "eventTypes" });
        for (Object[] c : cases) {
            Map<String, Object> body = new HashMap<>();
            body.put("url", c[0]);
            body.put("eventTypes", c[1]);
            as(token).contentType("application/json").body(body).when().post(HOOKS).then()
                    .spec(problem((Integer) c[2], (String) c[3]));
        }
        as(token).contentType("application/json").body("{\"url\": ").when().post(HOOKS).then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        as(token).when().get(HOOKS).then().body("total", equalTo(0)); // nothing was created

        String id = create(token, "/valid", List.of("booking.confirmed")).getString("id");
        as(token).contentType("application/json").body(Map.of("status", "bogus")).when().patch(HOOKS + "/" + id).then()
                .statusCode(422).body("field", equalTo("status"));
        as(token).contentType("application/json").body(Map.of("url", "http://partenaire.example.fr/x")).when()
                .patch(HOOKS + "/" + id).then().statusCode(422).body("field", equalTo("url"));
        as(token).contentType("application/json").body(Map.of("url", "https://partenaire.example.fr/x")).when()
                .put(HOOKS + "/" + id).then().statusCode(400).body("field", equalTo("eventTypes"));
        as(token).when().get(HOOKS + "/pas-un-uuid").then().statusCode(400).body("field", equalTo("id"));
        as(token).queryParam("status", "bogus").when().get(HOOKS + "/" + id + "/deliveries").then().statusCode(400)
                .body("field", equalTo("status"));
        as(token).when().get(HOOKS + "/" + id).then().body("url", equalTo(receiver.url("/valid")))
                .body("eventTypes", equalTo(List.of("booking.confirmed")));
    }

    /** How many deliveries the subscription's log holds (queued, sent or failed). */
    private static int deliveries(String token, String subscription) {
        return as(token).when().get(HOOKS + "/" + subscription + "/deliveries").then().statusCode(200).extract().path("total");
    }

    private static JsonPath create(String token, String path, List<String> types) {
        return as(token).contentType("application/json").body(Map.of("url", receiver.url(path), "eventTypes", types))
                .when().post(HOOKS).then().statusCode(201).contentType(containsString("application/json"))
                .body("secret", notNullValue()).body("status", equalTo("active")).extract().jsonPath();
    }
}
