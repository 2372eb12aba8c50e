package fr.maillage.notification.service;

import static fr.maillage.notification.support.Api.byBooking;
import static fr.maillage.notification.support.Api.randomEmail;
import static fr.maillage.notification.support.Api.randomMobile;
import static fr.maillage.notification.support.Api.where;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import fr.maillage.notification.domain.MessageModel;
import fr.maillage.notification.domain.QuietHours;
import fr.maillage.notification.support.Events;
import fr.maillage.notification.support.LogCapture;
import fr.maillage.notification.support.Stubs;
import fr.maillage.platform.crypto.SealedData;
import fr.maillage.platform.testing.KafkaTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 17: a booking made from the public site waits for a 6-digit code. booking-service publishes
 * {@code BookingCodeRequested} (contact and code sealed); notification sends the code at once, whatever the quiet hours,
 * by SMS to a mobile, else by e-mail, never keeps it in clear (nor at all once sent) and never logs it. Bookings not made
 * yet ({@code pending}, {@code expired}) and event types it does not know send nothing and are not dead-lettered. The
 * self-service link of every message is the citizen page {@code /rdv/<token>}, offered with the words of what it can do.
 */
@QuarkusTest
@QuarkusTestResource(Stubs.class)
class BookingCodeTest {
    private static final String BOOKINGS = "booking.bookings.v1";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final UUID ORG = UUID.fromString("00000000-0000-4000-8000-000000000003");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Inject
    SealedData sealing;
    @Inject
    DataSource dataSource;
    @Inject
    MessageRenderer renderer;
    @Inject
    ObjectMapper mapper;

    /** Quiet hours all day long (but the last second): any SMS that honours them waits. */
    static class AlwaysQuiet extends QuietHoursPolicy {
        AlwaysQuiet() {
            super(new QuietHours(true, LocalTime.MIN, LocalTime.of(23, 59, 59), PARIS));
        }
    }

    private static List<String> smsTextsTo(String mobile) {
        return Stubs.wireMock.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/messages"))
                .withRequestBody(WireMock.matchingJsonPath("$.to", WireMock.equalTo(mobile)))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
    }

    private static String randomCode() {
        return String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    /** BookingCodeRequested as agreed with booking-service (/work/notes/ISSUE17.md). */
    private Map<String, Object> codeEvent(UUID booking, String phone, String email, String code, OffsetDateTime expiresAt) {
        Map<String, Object> data = new HashMap<>();
        data.put("id", booking.toString());
        data.put("slotId", UUID.randomUUID().toString());
        data.put("status", "pending");
        OffsetDateTime start = OffsetDateTime.now().plusDays(3);
        data.put("start", Events.iso(start));
        data.put("end", Events.iso(start.plusMinutes(45)));
        data.put("offer", Map.of("title", "Permanence conseiller numérique", "type", "permanence"));
        data.put("place", Map.of("name", "Pôle socioculturel", "commune", "Romagné"));
        data.put("bookerOrg", ORG.toString());
        data.put("partnerId", ORG.toString());
        Map<String, Object> contact = Events.person("Camille", phone, email, false, false); // consents: not needed
        contact.put("selfServiceUrl", null);
        data.put("contact", sealing.sealJson(contact));
        data.put("code", sealing.seal(code));
        data.put("expiresAt", Events.iso(expiresAt));
        return data;
    }

    private String model(UUID notificationId) throws Exception {
        try (var c = dataSource.getConnection(); var q = c.prepareStatement("SELECT model FROM notification WHERE id = ?")) {
            q.setObject(1, notificationId);
            var rs = q.executeQuery();
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @Test
    void theCodeGoesBySmsAtOnceInQuietHoursAndIsNeitherKeptNorLogged() throws Exception {
        QuarkusMock.installMockForType(new AlwaysQuiet(), QuietHoursPolicy.class);
        UUID booking = UUID.randomUUID();
        String mobile = randomMobile();
        String email = randomEmail();
        String code = randomCode();
        try (LogCapture logs = LogCapture.install()) {
            KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingCodeRequested", booking, 1,
                    codeEvent(booking, mobile, email, code, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10))));
            await().atMost(WAIT).untilAsserted(() -> assertEquals(1, smsTextsTo(mobile).size()));
            String text = mapper.readTree(smsTextsTo(mobile).get(0)).get("text").asText();
            assertEquals("Maillage : votre code de confirmation est " + code + ". Il est valable 10 minutes.", text);
            await().atMost(WAIT).ignoreExceptionsInstanceOf(IndexOutOfBoundsException.class).untilAsserted(() -> {
                List<Map<String, Object>> rows = byBooking(booking);
                assertEquals(1, rows.size(), "one message, by SMS only: " + rows);
                assertEquals("booking_code", rows.get(0).get("template"));
                assertEquals("sent", rows.get(0).get("status"), "sent in quiet hours");
            });
            // nothing of the code stays in the database once sent, not even sealed
            assertNull(model(UUID.fromString((String) byBooking(booking).get(0).get("id"))));
            assertEquals(List.of(), logs.containing(code), "the code is in no log line");

            // a code asked again: a new event, a new message (whatever its version), the old code void
            String second = randomCode();
            KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingCodeRequested", booking, 1,
                    codeEvent(booking, mobile, email, second, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10))));
            await().atMost(WAIT).untilAsserted(() -> assertEquals(2, smsTextsTo(mobile).size()));
            assertTrue(smsTextsTo(mobile).get(1).contains(second), "the new code");
            assertEquals(List.of(), logs.containing(code, second));
        }
        assertTrue(NotificationFlowTest.mailsTo(email).isEmpty(), "SMS when there is a mobile, not both");
    }

    @Test
    void withoutAMobileTheCodeGoesByEmailAndAnExpiredCodeIsNotSent() throws Exception {
        UUID booking = UUID.randomUUID();
        String email = randomEmail();
        String code = randomCode();
        // a landline: no SMS, the e-mail address gets it
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingCodeRequested", booking, 1,
                codeEvent(booking, "+33299987654", email, code, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10))));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, NotificationFlowTest.mailsTo(email).size()));
        var mail = NotificationFlowTest.mailsTo(email).get(0);
        assertEquals("Votre code de confirmation Maillage", NotificationFlowTest.subject(mail));
        Map<String, String> parts = NotificationFlowTest.parts(mail);
        String text = parts.entrySet().stream().filter(p -> p.getKey().startsWith("text/plain")).findFirst().orElseThrow()
                .getValue();
        assertTrue(text.contains("Votre code de confirmation est " + code + ". Il est valable 10 minutes"), text);
        assertFalse(parts.keySet().stream().anyMatch(t -> t.startsWith("text/calendar")), "no calendar before confirmation");
        await().atMost(WAIT).ignoreExceptionsInstanceOf(IndexOutOfBoundsException.class)
                .untilAsserted(() -> assertEquals("sent", byBooking(booking).get(0).get("status")));
        assertEquals("email", byBooking(booking).get(0).get("channel"));

        // read after its hold ran out (a consumer far behind): useless, not sent
        UUID late = UUID.randomUUID();
        String mobile = randomMobile();
        KafkaTopics.send(BOOKINGS, late.toString(), KafkaTopics.envelope("BookingCodeRequested", late, 1,
                codeEvent(late, mobile, null, randomCode(), OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))));
        // a later event of the same booking (same partition) shows the first was read
        sentinel(late, mobile);
        assertEquals(1, smsTextsTo(mobile).size(), "only the sentinel's SMS: " + smsTextsTo(mobile));
        assertTrue(where(byBooking(late), "template", "booking_code").isEmpty());
    }

    @Test
    void bookingsNotMadeYetAndUnknownEventTypesSendNothingAndAreNotDeadLettered() {
        UUID booking = UUID.randomUUID();
        String mobile = randomMobile();
        OffsetDateTime start = OffsetDateTime.now().plusDays(3);
        KafkaConsumer<String, String> dlq = KafkaTopics.tail("notification.dlq.v1");
        try {
            for (String[] typeAndStatus : new String[][] { { "BookingCreated", "pending" },
                    { "BookingCancelled", "expired" }, { "BookingExpired", "expired" }, { "BookingConfirmed", "pending" },
                    { "BookingSomethingNew", "confirmed" } }) {
                KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope(typeAndStatus[0], booking, 1,
                        Events.sealed(Events.booking(booking, typeAndStatus[1], start,
                                Events.person("Inès", mobile, null, true, false), List.of(), ORG, ORG), sealing)));
            }
            sentinel(booking, mobile);
            assertEquals(1, smsTextsTo(mobile).size(), "only the sentinel's confirmation: " + smsTextsTo(mobile));
            // (a notification-service of a running stack on the same broker, with another sealing key, parks these test
            // events as unreadable: those records are not this consumer's)
            assertEquals(List.of(), KafkaTopics.await(dlq, r -> r.value().contains(booking.toString()) && !cause(r).contains(
                    "cannot be opened"), 1, Duration.ofSeconds(3)), "nothing parked on the DLQ");
        } finally {
            dlq.close();
        }
    }

    private static String cause(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r) {
        var h = r.headers().lastHeader("dead-letter-cause");
        return h == null ? "" : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A confirmation of {@code booking} (version 10), awaited: the events sent before on its key were consumed. */
    private void sentinel(UUID booking, String mobile) {
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 10,
                Events.sealed(Events.booking(booking, "confirmed", OffsetDateTime.now().plusDays(3),
                        Events.person("Inès", mobile, null, true, false), List.of(), ORG, ORG), sealing)));
        await().atMost(WAIT).ignoreExceptionsInstanceOf(IndexOutOfBoundsException.class).untilAsserted(() -> assertEquals("sent",
                where(byBooking(booking), "template", "booking_confirmed").get(0).get("status")));
    }

    @Test
    void linksGoToTheCitizenPageWithWordsThePageKeeps() {
        OffsetDateTime start = OffsetDateTime.now(PARIS).plusDays(3);
        String page = "https://rdv.maillage.fr/rdv/" + Events.TOKEN;
        MessageModel confirmed = model(start, page);
        // (the SMS falls back to its one-segment variant: the bare link)
        assertTrue(renderer.sms("booking_confirmed", confirmed).text().contains(page));
        assertTrue(renderer.email("booking_confirmed", confirmed).text().contains("Voir, changer ou annuler : " + page));
        assertTrue(renderer.email("booking_reminder", confirmed).html().contains(">Voir, changer ou annuler mon rendez-vous<"));
        // a waiting-list place can be seen or given up, not moved
        String waitlisted = renderer.email("booking_waitlisted", confirmed).text();
        assertTrue(waitlisted.contains("Voir ou annuler : " + page), waitlisted);
        assertTrue(renderer.sms("booking_waitlisted", confirmed).text().contains(page));
        // after a cancellation the page shows the status only: no link is offered
        for (String cancelled : List.of("booking_cancelled_by_citizen", "booking_cancelled_by_service")) {
            MessageRenderer.Email mail = renderer.email(cancelled, confirmed);
            assertFalse(mail.text().contains(page) || mail.html().contains(page), cancelled + ": " + mail.text());
            assertFalse(renderer.sms(cancelled, confirmed).text().contains(page), cancelled);
        }
        for (String template : List.of("booking_confirmed", "booking_promoted", "booking_rescheduled", "booking_reminder",
                "booking_waitlisted", "booking_cancelled_by_citizen", "booking_cancelled_by_service")) {
            String all = renderer.sms(template, confirmed).text() + renderer.email(template, confirmed).text()
                    + renderer.email(template, confirmed).html();
            assertFalse(all.toLowerCase().contains("déplacer") || all.contains("Gérer") || all.contains("Marianne"),
                    template + " promises what the page cannot do: " + all);
        }
        // the words follow the deadlines: the offers' defaults (change until 24 h before, cancel until 4 h before)...
        OffsetDateTime now = OffsetDateTime.now(PARIS);
        assertTrue(renderer.email("booking_reminder", model(now.plusHours(10), page)).text().contains("Voir ou annuler : " + page),
                "10 h before: no change any more");
        String late = renderer.email("booking_reminder", model(now.plusHours(2), page)).text();
        assertTrue(late.contains("Voir : " + page) && !late.contains("annuler :"), "2 h before: see only: " + late);
        assertTrue(renderer.email("booking_waitlisted", model(now.plusHours(2), page)).text().contains("Voir : " + page));
        // ... or the booking's own, when its events carry them
        MessageModel ownRules = new MessageModel(UUID.randomUUID(), null, "Camille", "Permanence", "permanence", "Pôle",
                null, null, "Romagné", null, now.plusHours(2), now.plusHours(3), null, null, page, null, null, null, null,
                now.plusHours(1), now.plusMinutes(90), true);
        assertTrue(renderer.email("booking_reminder", ownRules).text().contains("Voir, changer ou annuler : " + page));
        // booking-service's null means « not possible » (e.g. no change allowed), not the defaults
        MessageModel noChange = new MessageModel(UUID.randomUUID(), null, "Camille", "Permanence", "permanence", "Pôle",
                null, null, "Romagné", null, now.plusDays(3), now.plusDays(3).plusHours(1), null, null, page, null, null, null,
                null, now.plusDays(2), null, true);
        assertTrue(renderer.email("booking_confirmed", noChange).text().contains("Voir ou annuler : " + page));
        // a link of a booking made before issue 17 (the API's JSON) is sent as the page
        String text = renderer.sms("booking_reminder", model(start, "https://rdv.maillage.fr/api/v1/bookings/self/" + Events.TOKEN))
                .text();
        assertTrue(text.contains(page) && !text.contains("/api/"), text);
    }

    private static MessageModel model(OffsetDateTime start, String link) {
        return new MessageModel(UUID.randomUUID(), null, "Camille", "Permanence", "permanence", "Pôle socioculturel",
                "2 rue de la Mairie", "35133", "Romagné", null, start, start.plusMinutes(45), null, null, link, null);
    }
}
