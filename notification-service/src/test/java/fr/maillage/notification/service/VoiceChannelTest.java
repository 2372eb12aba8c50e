package fr.maillage.notification.service;

import static fr.maillage.notification.support.Api.byBooking;
import static fr.maillage.notification.support.Api.randomEmail;
import static fr.maillage.notification.support.Api.randomMobile;
import static fr.maillage.notification.support.Api.where;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import fr.maillage.notification.domain.MessageModel;
import fr.maillage.notification.domain.Templates;
import fr.maillage.notification.service.NotificationStore.Claimed;
import fr.maillage.notification.service.NotificationStore.Outcome;
import fr.maillage.notification.support.Events;
import fr.maillage.notification.support.LogCapture;
import fr.maillage.notification.support.Stubs;
import fr.maillage.platform.crypto.SealedData;
import fr.maillage.platform.testing.KafkaTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Issue 18, voice calls: a booking made at a desk with a landline ({@code reminderChannel: voice}) is reminded by a call
 * that says the message twice in plain French, never by SMS, without a confirmation call; {@code none} sends nothing; the
 * voice channel has the SMS channel's opt-out, quiet hours, retries, crash reconciliation, receipts (own secret) and
 * masking. And {@code BookingSelfServiceLinkSent}: one message with the new link, which replaces the dead one in the
 * booking's pending messages.
 */
@QuarkusTest
@QuarkusTestResource(Stubs.class)
class VoiceChannelTest {
    private static final String BOOKINGS = "booking.bookings.v1";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final UUID ORG = UUID.fromString("00000000-0000-4000-8000-000000000003");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VOICE_SECRET = "test-voice-callback-secret";

    @Inject
    SealedData sealing;
    @Inject
    DataSource dataSource;
    @Inject
    MessageRenderer renderer;
    @Inject
    NotificationWorker worker;
    @Inject
    OptOuts optOuts;

    /** A valid French landline (02) no other test uses. */
    static String randomLandline() {
        return "+3329" + String.format("%07d", ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000));
    }

    static List<JsonNode> callsTo(String number) {
        return Stubs.wireMock.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/voice/calls"))
                .withRequestBody(WireMock.matchingJsonPath("$.to", WireMock.equalTo(number)))).stream()
                .map(VoiceChannelTest::body).toList();
    }

    static List<String> smsTo(String number) {
        return Stubs.wireMock.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/messages"))
                .withRequestBody(WireMock.matchingJsonPath("$.to", WireMock.equalTo(number)))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
    }

    private static JsonNode body(LoggedRequest r) {
        try {
            return JSON.readTree(r.getBodyAsString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(String text, String part) {
        return text.toLowerCase().split(Pattern.quote(part.toLowerCase()), -1).length - 1;
    }

    /** A desk booking of a landline-only person, as booking-service publishes it since issue 18. */
    private Map<String, Object> deskBooking(UUID id, String status, OffsetDateTime start, String phone, String email,
            List<Integer> offsets, String reminderChannel) {
        Map<String, Object> b = Events.booking(id, status, start, Events.person("Jeanne", phone, email, false, email != null),
                offsets, ORG, ORG);
        b.put("bookedBy", "agent");
        b.put("reminderChannel", reminderChannel);
        return Events.sealed(b, sealing);
    }

    @Test
    void aLandlineBookedAtTheDeskIsRemindedByOneCallSaidTwiceNeverBySmsAndWithoutAConfirmationCall() {
        UUID booking = UUID.randomUUID();
        String landline = randomLandline();
        // the 5-minute reminder is due 4 s from now; the J-2 one was never in time
        OffsetDateTime start = OffsetDateTime.now().plusMinutes(5).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1,
                deskBooking(booking, "confirmed", start, landline, null, List.of(2880, 5), "voice")));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> sent = where(byBooking(booking), "status", "sent");
            assertEquals(1, sent.size(), byBooking(booking).toString());
        });
        List<Map<String, Object>> rows = byBooking(booking);
        assertEquals(1, rows.size(), "no confirmation call, no SMS row, only the reminder: " + rows);
        Map<String, Object> receipt = rows.get(0);
        assertEquals("voice", receipt.get("channel"));
        assertEquals(Templates.BOOKING_REMINDER, receipt.get("template"));
        assertFalse(String.valueOf(receipt.get("recipient")).contains(landline.substring(5)), "masked: " + receipt);

        List<JsonNode> calls = callsTo(landline);
        assertEquals(1, calls.size());
        JsonNode call = calls.get(0);
        assertEquals("fr-FR", call.path("language").asText());
        assertEquals(1, call.path("repeat").asInt(), "the text itself says it twice");
        assertEquals(receipt.get("id"), call.path("reference").asText());
        assertEquals("http://127.0.0.1:8080/api/v1/notifications/callbacks/voice", call.path("callbackUrl").asText());
        String text = call.path("text").asText();
        assertTrue(text.startsWith("Bonjour, ceci est un rappel de Maillage."), text);
        assertEquals(1, count(text, "Je répète"), text);
        assertEquals(2, count(text, "vous avez rendez-vous"), text);
        String spokenHour = start.atZoneSameInstant(PARIS).getHour() + " heure";
        assertTrue(text.contains(spokenHour) || text.contains("midi"), text);
        assertTrue(text.contains("02 99 98 76 54"), "the place's number as said aloud: " + text);
        assertFalse(text.contains("http") || text.contains("/rdv/") || text.contains(Events.TOKEN), "never a link: " + text);
        assertEquals(List.of(), smsTo(landline), "never an SMS to a landline");

        // receipts: the voice provider's own secret; completed = delivered
        String reference = (String) receipt.get("id");
        given().header("X-Sms-Callback-Secret", "test-sms-callback-secret").contentType(ContentType.JSON)
                .body(Map.of("reference", reference, "status", "completed")).when()
                .post("/api/v1/notifications/callbacks/voice").then().statusCode(401);
        voiceProvider().body(Map.of("reference", reference, "status", "answered")).when()
                .post("/api/v1/notifications/callbacks/voice").then().statusCode(400).body("field", equalTo("status"));
        voiceProvider().body(Map.of("reference", UUID.randomUUID().toString(), "status", "completed")).when()
                .post("/api/v1/notifications/callbacks/voice").then().statusCode(404).body("field", equalTo("callId"));
        // the SMS callback does not touch a voice call
        given().header("X-Sms-Callback-Secret", "test-sms-callback-secret").contentType(ContentType.JSON)
                .body(Map.of("reference", reference, "status", "delivered")).when()
                .post("/api/v1/notifications/callbacks/sms").then().statusCode(404);
        // the provider's call id (the stub answers prov-<Idempotency-Key>)
        voiceProvider().body(Map.of("callId", "prov-" + reference, "status", "completed")).when().post("/api/v1/notifications/callbacks/voice").then().statusCode(204);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("delivered", byBooking(booking).get(0).get("status")));
    }

    private static io.restassured.specification.RequestSpecification voiceProvider() {
        return given().header("X-Voice-Callback-Secret", VOICE_SECRET).contentType(ContentType.JSON);
    }

    @Test
    void noneSendsNothingAndAVoiceBookingIsCalledWhenTheServiceCancelsOrMovesIt() {
        UUID silent = UUID.randomUUID();
        String mobile = randomMobile();
        OffsetDateTime start = OffsetDateTime.now().plusDays(4).truncatedTo(ChronoUnit.SECONDS);
        // reminderChannel none: not a message, whatever the contact holds
        KafkaTopics.send(BOOKINGS, silent.toString(), KafkaTopics.envelope("BookingConfirmed", silent, 1,
                deskBooking(silent, "confirmed", start, mobile, null, List.of(2880, 120), "none")));
        KafkaTopics.send(BOOKINGS, silent.toString(), KafkaTopics.envelope("BookingCancelled", silent, 2,
                deskBooking(silent, "cancelled_by_service", start, mobile, null, List.of(2880, 120), "none")));

        UUID called = UUID.randomUUID();
        String landline = randomLandline();
        KafkaTopics.send(BOOKINGS, called.toString(), KafkaTopics.envelope("BookingConfirmed", called, 1,
                deskBooking(called, "confirmed", start, landline, null, List.of(2880, 120), "voice")));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(2, where(byBooking(called), "status", "pending").size()));
        Map<String, Object> moved = deskBooking(called, "confirmed", start.plusDays(1), landline, null, List.of(2880, 120),
                "voice");
        moved.put("previousStart", Events.iso(start));
        KafkaTopics.send(BOOKINGS, called.toString(), KafkaTopics.envelope("BookingRescheduled", called, 2, moved));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, callsTo(landline).size()));
        String change = callsTo(landline).get(0).path("text").asText();
        assertTrue(change.contains("change d'horaire") && count(change, "aura lieu") == 2, change);
        KafkaTopics.send(BOOKINGS, called.toString(), KafkaTopics.envelope("BookingCancelled", called, 3,
                deskBooking(called, "cancelled_by_service", start.plusDays(1), landline, null, List.of(2880, 120), "voice")));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(2, callsTo(landline).size()));
        String cancelled = callsTo(landline).get(1).path("text").asText();
        assertTrue(count(cancelled, "est annulé") == 2 && cancelled.contains("Je répète"), cancelled);
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = byBooking(called);
            assertEquals(List.of(), where(rows, "status", "pending"), rows.toString());
            assertEquals(2, where(rows, "skipReason", "booking_cancelled").size(), "the reminders: " + rows);
            assertTrue(rows.stream().allMatch(r -> "voice".equals(r.get("channel"))), rows.toString());
        });
        assertEquals(List.of(), smsTo(landline));
        // the silent booking's events were read before (same partition, earlier): still nothing for it
        assertEquals(List.of(), byBooking(silent));
        assertEquals(List.of(), smsTo(mobile));
    }

    private static Claimed row(String template, boolean essential, String to, Instant appointment, String previousStatus) {
        MessageModel model = new MessageModel(UUID.randomUUID(), null, "Jeanne", "Permanence France Services", "permanence",
                "France Services", "1 place de la Mairie", "35300", "Fougères", "+33299990000",
                appointment.atOffset(ZoneOffset.UTC), appointment.plusSeconds(1800).atOffset(ZoneOffset.UTC), null, null,
                "http://127.0.0.1:8080/rdv/" + Events.TOKEN, null);
        return new Claimed(UUID.randomUUID(), template, Templates.BOOKING_REMINDER.equals(template) ? 1440 : null,
                essential, "voice", to, model.bookingId(), null, null, appointment, model, 0, 1, previousStatus,
                Instant.now().plusSeconds(60), null);
    }

    @Test
    void voiceCallsHaveTheSmsRulesOptOutQuietHoursRetriesReconciliationAndMaskedLogs() {
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
        String landline = randomLandline();
        try (LogCapture logs = LogCapture.install()) {
            // opt-out: no reminder; what the service owes the person (its cancellation) still goes
            Outcome optedOut = worker.process(row(Templates.BOOKING_REMINDER, false, landline, tomorrow, "pending"),
                    Instant.now(), true);
            assertEquals("skipped", optedOut.status());
            assertEquals("opted_out", optedOut.skipReason());
            assertEquals(0, callsTo(landline).size());
            Outcome owed = worker.process(row(Templates.BOOKING_CANCELLED_BY_SERVICE, true, landline, tomorrow, "pending"),
                    Instant.now(), true);
            assertEquals("sent", owed.status());
            assertEquals(1, callsTo(landline).size());

            // the provider down: retried with backoff; a refused number: failed at once
            Outcome retry = worker.process(row(Templates.BOOKING_REMINDER, false, Stubs.FAILING_LANDLINE, tomorrow, "pending"),
                    Instant.now(), false);
            assertEquals("pending", retry.status());
            assertEquals(1, retry.attemptsDelta());
            assertNotNull(retry.nextAttemptAt());
            assertTrue(retry.error().contains("503"), retry.error());
            Outcome refused = worker.process(row(Templates.BOOKING_REMINDER, false, Stubs.REJECTED_LANDLINE, tomorrow,
                    "pending"), Instant.now(), false);
            assertEquals("failed", refused.status());
            assertTrue(refused.error().contains("400"), refused.error());

            // killed between the call and its record: reconciled with the provider, not called twice
            Claimed crashed = row(Templates.BOOKING_REMINDER, false, landline, tomorrow, "sending");
            given().baseUri(Stubs.wireMock.baseUrl()).header("Idempotency-Key", crashed.id().toString())
                    .contentType(ContentType.JSON).body(Map.of("to", "accepted-before-the-crash", "text", "déjà reçu")).when()
                    .post("/voice/calls").then().statusCode(200);
            Outcome reconciled = worker.process(crashed, Instant.now(), false);
            assertEquals("sent", reconciled.status());
            assertEquals("prov-" + crashed.id(), reconciled.providerMessageId());
            assertEquals(1, Stubs.wireMock.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/voice/calls"))
                    .withHeader("Idempotency-Key", WireMock.equalTo(crashed.id().toString()))).size());

            assertEquals(List.of(), logs.containing(landline, landline.substring(3), Events.TOKEN), "masked in the logs");
        }

        // quiet hours: a call at 23:00 waits for 8:00, or is skipped when the appointment comes first
        QuarkusMock.installMockForType(new ShiftsQuietHoursAndTextsTest.NightPolicy(), QuietHoursPolicy.class);
        Instant night = ZonedDateTime.now(PARIS).plusDays(1).with(LocalTime.of(23, 0)).toInstant();
        Instant morning = night.atZone(PARIS).plusDays(1).with(LocalTime.of(8, 0)).toInstant();
        Outcome waits = worker.process(row(Templates.BOOKING_REMINDER, false, landline, morning.plusSeconds(7200), "pending"),
                night, false);
        assertEquals("pending", waits.status());
        assertEquals(morning, waits.nextAttemptAt());
        Outcome tooLate = worker.process(row(Templates.BOOKING_REMINDER, false, landline, morning.minusSeconds(3600), "pending"),
                night, false);
        assertEquals("skipped", tooLate.status());
        assertEquals("quiet_hours", tooLate.skipReason());
        assertEquals(1, callsTo(landline).size(), "no call at night (the one call is the cancellation above)");
    }

    @Test
    void theVoiceTextIsPlainFrenchSaidTwiceWithoutALink() {
        ZonedDateTime nineThirty = ZonedDateTime.of(2026, 12, 1, 9, 30, 0, 0, PARIS);
        Claimed r = row(Templates.BOOKING_REMINDER, false, randomLandline(), nineThirty.toInstant(), "pending");
        String text = renderer.voice(Templates.BOOKING_REMINDER, r.model());
        assertEquals("Bonjour, ceci est un rappel de Maillage. Vous avez rendez-vous mardi 1er décembre à 9 heures 30,"
                + " à France Services, 1 place de la Mairie, à Fougères, pour : Permanence France Services. Je répète :"
                + " vous avez rendez-vous mardi 1er décembre à 9 heures 30, à France Services, 1 place de la Mairie, à"
                + " Fougères. Si vous ne pouvez pas venir, appelez le 02 99 99 00 00. Au revoir.", text);
        for (String template : Templates.VOICE) {
            String t = renderer.voice(template, r.model());
            assertEquals(1, count(t, "Je répète"), template + ": " + t);
            assertFalse(t.contains("http") || t.contains(Events.TOKEN), template + ": " + t);
        }
    }

    @Test
    void aNewSelfServiceLinkIsSentOnceEvenToAnOptedOutNumberAndReplacesTheDeadOneInPendingReminders() throws Exception {
        UUID booking = UUID.randomUUID();
        String mobile = randomMobile();
        String email = randomEmail();
        OffsetDateTime start = OffsetDateTime.now().plusDays(5).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> created = Events.booking(booking, "confirmed", start, Events.person("Camille", mobile, email, true,
                false), List.of(2880), ORG, ORG);
        created.put("reminderChannel", "sms");
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1,
                Events.sealed(created, sealing)));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, where(byBooking(booking), "status", "pending").size()));
        optOuts.optOut(mobile, "test");

        String newToken = "N3wT0k3n" + UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> link = Events.booking(booking, "confirmed", start, Events.person("Camille", mobile, email, true,
                false), List.of(2880), ORG, ORG);
        link.put("selfServiceUrl", "http://127.0.0.1:8080/rdv/" + newToken);
        link.put("reminderChannel", "sms");
        link.put("sentTo", "sms");
        Map<String, Object> event = KafkaTopics.envelope("BookingSelfServiceLinkSent", booking, 2, Events.sealed(link, sealing));
        KafkaTopics.send(BOOKINGS, booking.toString(), event);
        KafkaTopics.send(BOOKINGS, booking.toString(), event); // redelivered: still one message
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, smsTo(mobile).stream()
                .filter(s -> s.contains(newToken)).count()));
        String sms = smsTo(mobile).stream().filter(s -> s.contains(newToken)).findFirst().orElseThrow();
        assertTrue(sms.contains("Nouveau lien") && sms.contains("/rdv/" + newToken), sms);
        Map<String, Object> receipt = where(byBooking(booking), "template", Templates.BOOKING_SELF_SERVICE_LINK).get(0);
        assertEquals("sms", receipt.get("channel"));
        assertEquals("sent", receipt.get("status"));

        // the pending reminder carries the new link, not the dead one
        try (var c = dataSource.getConnection(); var q = c.prepareStatement(
                "SELECT model FROM notification WHERE booking_id = ? AND template = 'booking_reminder'")) {
            q.setObject(1, booking);
            var rs = q.executeQuery();
            assertTrue(rs.next());
            String model = rs.getString(1);
            assertTrue(model.contains(newToken) && !model.contains(Events.TOKEN), model);
        }
        // sentTo email: by e-mail
        Map<String, Object> byMail = new java.util.HashMap<>(link);
        byMail.put("sentTo", "email");
        byMail.put("selfServiceUrl", "http://127.0.0.1:8080/rdv/" + newToken + "B");
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingSelfServiceLinkSent", booking, 3,
                Events.sealed(byMail, sealing)));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, where(where(byBooking(booking), "template",
                Templates.BOOKING_SELF_SERVICE_LINK), "channel", "email").size()));
        optOuts.optIn(mobile);
    }
}
