package fr.maillage.notification.service;

import static fr.maillage.notification.support.Api.randomEmail;
import static fr.maillage.notification.support.Api.randomMobile;
import static fr.maillage.notification.support.Api.where;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import fr.maillage.notification.domain.Gsm7;
import fr.maillage.notification.support.Api;
import fr.maillage.notification.support.Events;
import fr.maillage.notification.support.LogCapture;
import fr.maillage.notification.support.Stubs;
import fr.maillage.platform.crypto.SealedData;
import fr.maillage.platform.testing.KafkaTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

/**
 * Issue 19 (C): shift messages per permanence with its times, staffing requests (one message with the answer link,
 * « déjà assurée » when covered, nothing on a decline), a person told once per absence whatever the number of shifts it
 * cancels, bookings moved or cancelled by an absence told with the reason (and the link to book again). Events as the
 * staffing and absences helpers publish them (/work/notes/requests19/notification.md).
 */
@QuarkusTest
@QuarkusTestResource(Stubs.class)
class StaffingAndAbsenceMessagesTest {
    private static final String SHIFTS = "booking.shifts.v1";
    private static final String BOOKINGS = "booking.bookings.v1";
    private static final String PEOPLE = "directory.people.v1";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final UUID ORG = UUID.fromString("00000000-0000-4000-8000-000000000004");
    private static final String TOKEN = "Zr8fK2mQ7xW4pL9sV3nB6tY1cH5jD0gA8eU2oI7kR4q";

    @Inject
    SealedData sealing;
    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper mapper;

    private List<String> smsTo(String mobile) {
        return Stubs.wireMock.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/messages"))
                .withRequestBody(WireMock.matchingJsonPath("$.to", WireMock.equalTo(mobile)))).stream()
                .map(LoggedRequest::getBodyAsString).map(body -> {
                    try {
                        return mapper.readTree(body).get("text").asText();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    private static UUID volunteer(String mobile, String email, boolean sms, boolean mail) {
        UUID person = UUID.randomUUID();
        KafkaTopics.send(PEOPLE, person.toString(), KafkaTopics.envelope("PersonUpserted", person, 1,
                Events.directoryPerson(person, mobile, email, sms, mail)));
        return person;
    }

    /** A permanence of two hours, 9:00 to 11:00 (Paris), {@code days} days ahead. */
    private static OffsetDateTime nineOClock(int days) {
        return ZonedDateTime.now(PARIS).plusDays(days).withHour(9).withMinute(0).withSecond(0).withNano(0).toOffsetDateTime();
    }

    private static Map<String, Object> shift(UUID id, UUID person, String status, OffsetDateTime start) {
        Map<String, Object> s = Events.shift(id, person, status, start);
        s.put("end", Events.iso(start.plusHours(2)));
        s.put("permanenceId", s.get("slotId"));
        s.put("partnerId", ORG.toString());
        s.put("cancelReason", null);
        s.put("staffingRequestId", null);
        return s;
    }

    private Map<String, Object> request(UUID requestId, UUID person, OffsetDateTime start, boolean withLink) {
        Map<String, Object> r = new HashMap<>();
        r.put("requestId", requestId.toString());
        r.put("personId", person.toString());
        r.put("partnerId", ORG.toString());
        r.put("permanenceId", UUID.randomUUID().toString());
        r.put("start", Events.iso(start));
        r.put("end", Events.iso(start.plusHours(2)));
        r.put("offer", Map.of("id", UUID.randomUUID().toString(), "title", "Permanence bénévole"));
        Map<String, Object> place = new HashMap<>(Map.of("id", UUID.randomUUID().toString(), "name", "CCAS",
                "street", "1 place de l'Église", "postalCode", "45760", "commune", "Boigny-sur-Bionne"));
        r.put("place", place);
        if (withLink) {
            // sealed, as booking-service publishes it: the token never travels in clear
            r.put("answerUrl", sealing.seal("http://127.0.0.1:8080/benevole/reponse/" + TOKEN));
            r.put("expiresAt", Events.iso(start));
        } else {
            r.put("status", "covered");
        }
        return r;
    }

    @Test
    void aShiftPerPermanenceIsToldOnceWithItsTimesAndRemindedOnce() {
        String mobile = randomMobile();
        UUID person = volunteer(mobile, null, true, false);
        UUID shift = UUID.randomUUID();
        OffsetDateTime start = nineOClock(5);
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        KafkaTopics.send(SHIFTS, shift.toString(), KafkaTopics.envelope("ShiftAssigned", shift, 1,
                shift(shift, person, "assigned", start)));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, smsTo(mobile).size()));
        String text = smsTo(mobile).get(0);
        assertTrue(text.startsWith("Permanence Permanence bénévole le ") && text.contains(" de 9 h 00 à 11 h 00, CCAS"), text);
        List<Map<String, Object>> rows = Api.list("shiftId", shift.toString());
        assertEquals(1, where(rows, "template", "shift_reminder").size(), "one reminder: " + rows);
        assertEquals(start.minusHours(24).toInstant(),
                OffsetDateTime.parse((String) where(rows, "template", "shift_reminder").get(0).get("dueAt")).toInstant());
    }

    @Test
    void aShiftAssignedAfterItsDayBeforeMomentIsRemindedAtTheOffersLastReminder() {
        String mobile = randomMobile();
        UUID person = volunteer(mobile, null, true, false);
        UUID shift = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now().plusHours(5).withNano(0);
        Map<String, Object> data = shift(shift, person, "assigned", start);
        data.put("reminderOffsetsMinutes", List.of(2880, 120));
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        KafkaTopics.send(SHIFTS, shift.toString(), KafkaTopics.envelope("ShiftAssigned", shift, 1, data));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> reminders = where(Api.list("shiftId", shift.toString()), "template", "shift_reminder");
            assertEquals(1, reminders.size(), reminders.toString());
            assertEquals(start.minusMinutes(120).toInstant(), OffsetDateTime.parse((String) reminders.get(0).get("dueAt")).toInstant());
        });
    }

    @Test
    void aStaffingRequestIsOneSmsWithTheAnswerLinkAndCoveredIsTold() {
        String mobile = randomMobile();
        String email = randomEmail();
        UUID person = volunteer(mobile, email, true, true);
        UUID request = UUID.randomUUID();
        OffsetDateTime start = nineOClock(4);
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        try (LogCapture logs = LogCapture.install()) {
            KafkaTopics.send(SHIFTS, request.toString(), KafkaTopics.envelope("StaffingRequested", request, 1,
                    request(request, person, start, true)));
            await().atMost(WAIT).untilAsserted(() -> assertEquals(1, smsTo(mobile).size()));
            String text = smsTo(mobile).get(0);
            assertTrue(text.contains("de 9 h 00 à 11 h 00") && text.contains("Boigny-sur-Bionne"), text);
            assertTrue(text.endsWith("http://127.0.0.1:8080/benevole/reponse/" + TOKEN), "the answer link, last: " + text);
            // ONE message: the SMS, not also an e-mail
            List<Map<String, Object>> rows = Api.list("personId", person.toString());
            assertEquals(1, rows.size(), rows.toString());
            assertEquals("staffing_requested", rows.get(0).get("template"));
            assertEquals(List.of(), NotificationFlowTest.mailsTo(email));
            // redelivered: nothing more
            KafkaTopics.send(SHIFTS, request.toString(), KafkaTopics.envelope("StaffingRequested", request, 1,
                    request(request, person, start, true)));
            // declined (another request of the same person): nothing at all
            UUID declined = UUID.randomUUID();
            KafkaTopics.send(SHIFTS, declined.toString(), KafkaTopics.envelope("StaffingRequestDeclined", declined, 2,
                    request(declined, person, start, false)));
            KafkaTopics.send(SHIFTS, request.toString(), KafkaTopics.envelope("StaffingRequestCovered", request, 2,
                    request(request, person, start, false)));
            await().atMost(WAIT).untilAsserted(() -> assertEquals(2, smsTo(mobile).size()));
            String covered = smsTo(mobile).get(1);
            assertTrue(covered.startsWith("La permanence du ") && covered.contains("de 9 h 00 à 11 h 00")
                    && covered.contains("est assurée, merci"), covered);
            assertEquals(2, Api.list("personId", person.toString()).size());
            assertEquals(List.of(), logs.containing(TOKEN), "the answer link's token is in no log line");
        }
    }

    @Test
    void aStaffingRequestGoesByEmailToAVolunteerWhoTakesNoSms() throws Exception {
        String email = randomEmail();
        UUID person = volunteer(randomMobile(), email, false, true);
        UUID request = UUID.randomUUID();
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        KafkaTopics.send(SHIFTS, request.toString(), KafkaTopics.envelope("StaffingRequested", request, 1,
                request(request, person, nineOClock(6), true)));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, NotificationFlowTest.mailsTo(email).size()));
        MimeMessage mail = NotificationFlowTest.mailsTo(email).get(0);
        assertEquals("Pouvez-vous assurer une permanence ?", mail.getSubject());
        String body = NotificationFlowTest.parts(mail).entrySet().stream().filter(e -> e.getKey().startsWith("text/plain"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertTrue(body.contains("de 9 h 00 à 11 h 00") && body.contains("/benevole/reponse/" + TOKEN), body);
        assertEquals(1, Api.list("personId", person.toString()).size());
    }

    @Test
    void anAbsenceCancellingThreeShiftsTellsThePersonOnceWithItsDatesAndReason() {
        String mobile = randomMobile();
        UUID person = volunteer(mobile, null, true, false);
        UUID absence = UUID.randomUUID();
        LocalDate from = LocalDate.now(PARIS).plusDays(10);
        List<UUID> shifts = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        for (int i = 0; i < shifts.size(); i++) {
            UUID id = shifts.get(i);
            OffsetDateTime start = nineOClock(10 + i);
            KafkaTopics.send(SHIFTS, id.toString(), KafkaTopics.envelope("ShiftAssigned", id, 1,
                    shift(id, person, "assigned", start)));
            Map<String, Object> cancelled = shift(id, person, "cancelled", start);
            cancelled.put("absenceId", absence.toString());
            cancelled.put("reason", "Absence déclarée : congés");
            cancelled.put("absenceFrom", from.toString());
            cancelled.put("absenceTo", from.plusDays(2).toString());
            KafkaTopics.send(SHIFTS, id.toString(), KafkaTopics.envelope("ShiftCancelled", id, 2, cancelled));
        }
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = Api.list("personId", person.toString());
            assertEquals(1, where(rows, "template", "shift_cancelled_by_absence").size(), rows.toString());
            assertEquals(3, where(where(rows, "template", "shift_reminder"), "status", "skipped").size(), rows.toString());
            assertEquals(0, where(rows, "template", "shift_cancelled").size(), rows.toString());
            assertEquals(4, smsTo(mobile).size());
        });
        String told = smsTo(mobile).stream().filter(t -> t.startsWith("Vos permanences")).findFirst().orElseThrow();
        String period = Gsm7.transliterate(fr.maillage.notification.domain.FrenchDates.period(from, from.plusDays(2)));
        assertTrue(told.contains(period) && told.contains("(motif : Absence déclarée : congés)"), told + " / " + period);
    }

    @Test
    void aBookingMovedByAClosureSaysOldAndNewTimeAndWhyAndOneCancelledGivesTheRebookLink() {
        String mobile = randomMobile();
        UUID booking = UUID.randomUUID();
        OffsetDateTime old = nineOClock(8);
        OffsetDateTime moved = old.plusDays(7).withHour(14).withMinute(30);
        Map<String, Object> person = Events.person("Camille", mobile, null, true, false);
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1, Events.sealed(
                Events.booking(booking, "confirmed", old, person, List.of(), ORG, ORG), sealing)));
        Map<String, Object> rescheduled = Events.sealed(Events.booking(booking, "confirmed", moved, person, List.of(), ORG, ORG),
                sealing);
        rescheduled.put("previousStart", Events.iso(old));
        rescheduled.put("reason", "Fermeture exceptionnelle du lieu : travaux");
        rescheduled.put("absenceId", UUID.randomUUID().toString());
        rescheduled.put("rebookUrl", null);
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingRescheduled", booking, 2, rescheduled));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(2, smsTo(mobile).size()));
        String text = smsTo(mobile).get(1);
        assertTrue(text.startsWith("Votre RDV du " + Gsm7.transliterate(fr.maillage.notification.domain.FrenchDates.dayAndTime(
                old.toInstant(), PARIS)) + " est déplacé au ") && text.contains("à 14 h 30")
                && text.contains("(motif : Fermeture exceptionnelle du lieu : travaux)"), text);
        assertEquals(1, where(Api.byBooking(booking), "template", "booking_moved").size());

        String other = randomMobile();
        UUID cancelledBooking = UUID.randomUUID();
        Map<String, Object> someone = Events.person("Dominique", other, null, true, false);
        KafkaTopics.send(BOOKINGS, cancelledBooking.toString(), KafkaTopics.envelope("BookingConfirmed", cancelledBooking, 1,
                Events.sealed(Events.booking(cancelledBooking, "confirmed", old, someone, List.of(), ORG, ORG), sealing)));
        Map<String, Object> cancelled = Events.sealed(Events.booking(cancelledBooking, "cancelled_by_service", old, someone,
                List.of(), ORG, ORG), sealing);
        cancelled.put("cancelReason", "Fermeture exceptionnelle du lieu : travaux");
        cancelled.put("reason", "Fermeture exceptionnelle du lieu : travaux");
        cancelled.put("absenceId", UUID.randomUUID().toString());
        cancelled.put("rebookUrl", "http://127.0.0.1:8080/offres/00000000-0000-4000-8000-000000000301");
        KafkaTopics.send(BOOKINGS, cancelledBooking.toString(), KafkaTopics.envelope("BookingCancelled", cancelledBooking, 2,
                cancelled));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(2, smsTo(other).size()));
        String told = smsTo(other).get(1);
        assertTrue(told.contains("est annulé : Fermeture exceptionnelle du lieu : travaux.")
                && told.endsWith("Reprendre RDV : http://127.0.0.1:8080/offres/00000000-0000-4000-8000-000000000301"), told);
        assertFalse(told.contains("/rdv/"), "no self-service link after a cancellation: " + told);
        List<Map<String, Object>> rows = Api.byBooking(cancelledBooking);
        assertEquals(1, where(rows, "template", "booking_cancelled_by_absence").size(), rows.toString());
        assertEquals(0, where(rows, "template", "booking_cancelled_by_service").size(), rows.toString());
    }

    @Test
    void aDemoVolunteersFictionNumberGetsNoSmsOutsideTheLocalStack() {
        // default setting (false): 06 39 98 xx xx is not a mobile, recorded skipped as before
        UUID person = volunteer("+33639980099", null, true, false);
        UUID shift = UUID.randomUUID();
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        KafkaTopics.send(SHIFTS, shift.toString(), KafkaTopics.envelope("ShiftAssigned", shift, 1,
                shift(shift, person, "assigned", nineOClock(3))));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = Api.list("shiftId", shift.toString());
            assertEquals(1, rows.size(), rows.toString());
            assertEquals("not_a_french_mobile", rows.get(0).get("skipReason"), rows.toString());
        });
    }
}
