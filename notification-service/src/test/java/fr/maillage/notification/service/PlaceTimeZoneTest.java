package fr.maillage.notification.service;

import static fr.maillage.notification.support.Api.byBooking;
import static fr.maillage.notification.support.Api.randomEmail;
import static fr.maillage.notification.support.Api.randomMobile;
import static fr.maillage.notification.support.Api.where;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;

import biweekly.Biweekly;
import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import fr.maillage.notification.domain.MessageModel;
import fr.maillage.notification.domain.QuietHours;
import fr.maillage.notification.support.Events;
import fr.maillage.notification.support.Stubs;
import fr.maillage.platform.testing.KafkaTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

/**
 * Issue 21 item 1 (people-facing side): a place's messages are written in the place's local time and its quiet hours are
 * the place's nights. La Réunion (974, Indian/Reunion, UTC+4 all year) against a metropolitan place (Europe/Paris), and an
 * event from before issue 21 (no {@code timeZone}: Europe/Paris).
 */
@QuarkusTest
@QuarkusTestResource(Stubs.class)
class PlaceTimeZoneTest {
    private static final ZoneId REUNION = ZoneId.of("Indian/Reunion");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Duration WAIT = Duration.ofSeconds(90); // shared broker

    @Inject
    MessageRenderer renderer;
    @Inject
    EmailSender email;
    @Inject
    ObjectMapper mapper;

    /** A 09:00-09:45 appointment at a place of {@code zone}, on Tuesday 12 January 2027, carrying that zone. */
    private static MessageModel at(ZoneId zone, String timeZone, String commune) {
        ZonedDateTime start = ZonedDateTime.of(2027, 1, 12, 9, 0, 0, 0, zone);
        return new MessageModel(UUID.randomUUID(), null, "Camille", "Permanence France Services", "permanence",
                "Maison France Services", "1 rue de Paris", "97400", commune, null, start.toOffsetDateTime(),
                start.plusMinutes(45).toOffsetDateTime(), null, null, "https://maillage.fr/r/Xk9fQ2", null)
                .withTimeZone(timeZone);
    }

    @Test
    void textsOfAPlaceInLaReunionSayItsLocalTime() {
        MessageModel reunion = at(REUNION, "Indian/Reunion", "Saint-Denis");
        assertEquals("2027-01-12T09:00+04:00", reunion.start().toString());
        String sms = renderer.sms("booking_confirmed", reunion).text();
        assertTrue(sms.contains("mardi 12 janvier à 9 h,"), sms);
        String reminder = renderer.sms("booking_reminder", reunion).text();
        assertTrue(reminder.contains("mardi 12 janvier à 9 h,"), reminder);
        MessageRenderer.Email mail = renderer.email("booking_confirmed", reunion);
        assertTrue(mail.text().contains("mardi 12 janvier à 9 h") && !mail.text().contains("6 h"), mail.text());
        assertTrue(mail.html().contains("mardi 12 janvier à 9 h"), mail.html());
        String voice = renderer.voice("booking_reminder", reunion);
        assertTrue(voice.contains("mardi 12 janvier à 9 heures"), voice);
        // a volunteer's permanence (shift texts): « de 9 h 00 à 9 h 45 »
        String shift = renderer.sms("shift_assigned", reunion).text();
        assertTrue(shift.contains("mardi 12 janvier de 9 h 00 à 9 h 45"), shift);
        String shiftReminder = renderer.sms("shift_reminder", reunion).text();
        assertTrue(shiftReminder.contains("9 h 00"), shiftReminder);

        // the same instant read with Paris' clock would have said 6 h: that was the bug
        MessageModel beforeIssue21 = at(REUNION, null, "Saint-Denis");
        String old = renderer.sms("booking_confirmed", beforeIssue21).text();
        assertTrue(old.contains("mardi 12 janvier à 6 h,"), "an event without timeZone is read at Paris time: " + old);
    }

    @Test
    void aMetropolitanPlaceAndAnEventWithoutTimeZoneStayAtParisTime() {
        for (String zone : new String[] { "Europe/Paris", null, "", "Not/AZone" }) {
            MessageModel paris = at(PARIS, zone, "Romagné");
            String sms = renderer.sms("booking_confirmed", paris).text();
            assertTrue(sms.contains("mardi 12 janvier à 9 h,"), zone + ": " + sms);
            assertTrue(renderer.sms("shift_assigned", paris).text().contains("de 9 h 00 à 9 h 45"), zone);
        }
    }

    @Test
    void theCalendarFileIsValidAndHoldsTheRightInstant() {
        for (ZoneId zone : List.of(REUNION, PARIS)) {
            MessageModel m = at(zone, zone.getId(), "Saint-Denis");
            String ics = email.ics("booking_confirmed", m);
            // UTC form (RFC 5545 §3.3.5 FORM #2): 09:00+04:00 is 05:00Z, 09:00+01:00 is 08:00Z
            String utc = zone.equals(REUNION) ? "DTSTART:20270112T050000Z" : "DTSTART:20270112T080000Z";
            assertTrue(ics.contains(utc), ics);
            assertTrue(ics.contains("DTEND:20270112T" + (zone.equals(REUNION) ? "0545" : "0845") + "00Z"), ics);
            ICalendar parsed = Biweekly.parse(ics).first();
            VEvent event = parsed.getEvents().get(0);
            assertEquals(m.start().toInstant(), event.getDateStart().getValue().toInstant());
            assertEquals(m.end().toInstant(), event.getDateEnd().getValue().toInstant());
            assertTrue(parsed.validate(ICalVersion.V2_0).isEmpty(), parsed.validate(ICalVersion.V2_0).toString());
            assertTrue(ics.contains("VERSION:2.0") && ics.contains("PRODID:") && ics.contains("UID:")
                    && ics.contains("DTSTAMP:"), ics);
        }
    }

    @Test
    void quietHoursAreThePlacesNights() {
        QuietHours q = new QuietHours(true, LocalTime.of(20, 0), LocalTime.of(8, 0), PARIS);
        // 17:30 UTC: 21:30 in Saint-Denis (night), 18:30 in Paris (day)
        Instant now = Instant.parse("2027-01-11T17:30:00Z");
        Instant appointment = Instant.parse("2027-01-12T05:00:00Z"); // 09:00 in Saint-Denis
        assertEquals(new QuietHours.WaitUntil(Instant.parse("2027-01-12T04:00:00Z")), q.decide(now, appointment, REUNION),
                "waits for 8 h in Saint-Denis");
        assertInstanceOf(QuietHours.SendNow.class, q.decide(now, appointment, PARIS));
        assertInstanceOf(QuietHours.SendNow.class, q.decide(now, appointment, null), "no place zone: the configured one");
        // 06:30 UTC: 10:30 in Saint-Denis (day), 07:30 in Paris (night)
        Instant morning = Instant.parse("2027-01-12T06:30:00Z");
        assertInstanceOf(QuietHours.SendNow.class, q.decide(morning, null, REUNION));
        assertEquals(new QuietHours.WaitUntil(Instant.parse("2027-01-12T07:00:00Z")), q.decide(morning, null, PARIS));
        // an appointment before the place's morning: the message is no longer useful
        assertEquals(new QuietHours.Skip("quiet_hours"), q.decide(now, Instant.parse("2027-01-12T03:00:00Z"), REUNION));
    }

    @Test
    void aBookingEventInLaReunionIsToldInItsLocalTimeAndKeepsItsZone() throws Exception {
        UUID booking = UUID.randomUUID();
        String mobile = randomMobile();
        String address = randomEmail();
        // a day ahead, 09:00 in Saint-Denis (no reminder due during the test: offsets far ahead)
        ZonedDateTime start = ZonedDateTime.now(REUNION).plusDays(3).withHour(9).withMinute(0).withSecond(0).withNano(0);
        Map<String, Object> data = Events.booking(booking, "confirmed", start.toOffsetDateTime(),
                Events.person("Camille", mobile, address, true, true), List.of(1));
        // as booking-service writes it since issue 21: the place's offset (…T09:00:00+04:00)
        data.put("start", start.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        data.put("end", start.plusMinutes(45).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        data.put("timeZone", "Indian/Reunion");
        KafkaTopics.send("booking.bookings.v1", booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1, data));

        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = where(byBooking(booking), "template", "booking_confirmed");
            assertEquals(2, where(rows, "status", "sent").size(), rows.toString());
        });
        String day = fr.maillage.notification.domain.FrenchDates.day(start);
        var requests = Stubs.wireMock.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/messages"))
                .withRequestBody(WireMock.matchingJsonPath("$.to", WireMock.equalTo(mobile))));
        assertEquals(1, requests.size());
        String text = mapper.readTree(requests.get(0).getBodyAsString()).get("text").asText();
        assertTrue(text.contains(fr.maillage.notification.domain.Gsm7.transliterate(day) + " à 9 h,"), text);

        MimeMessage mail = NotificationFlowTest.mailsTo(address).get(0);
        Map<String, String> parts = NotificationFlowTest.parts(mail);
        String ics = parts.entrySet().stream().filter(e -> e.getKey().startsWith("text/calendar"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        ICalendar parsed = Biweekly.parse(ics).first();
        assertEquals(start.toInstant(), parsed.getEvents().get(0).getDateStart().getValue().toInstant());
        String plain = parts.entrySet().stream().filter(e -> e.getKey().startsWith("text/plain"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertTrue(plain.contains(day + " à 9 h"), plain);
        assertFalse(plain.contains(" à 6 h"), plain);
    }
}
