package fr.maillage.notification.service;

import static fr.maillage.notification.support.Api.randomEmail;
import static fr.maillage.notification.support.Api.randomMobile;
import static fr.maillage.notification.support.Api.where;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.notification.domain.MessageModel;
import fr.maillage.notification.domain.QuietHours;
import fr.maillage.notification.support.Api;
import fr.maillage.notification.support.Events;
import fr.maillage.platform.testing.KafkaTopics;
import fr.maillage.notification.support.Stubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(Stubs.class)
class ShiftsQuietHoursAndTextsTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Duration WAIT = Duration.ofSeconds(90); // shared broker: other services' test events may be queued first

    @Inject
    MessageRenderer renderer;

    /** A clock set to another moment that keeps ticking (so retries and backoff still come due), and can jump. */
    static class MovableClock extends AppClock {
        private volatile Instant base;
        private volatile long baseNanos = System.nanoTime();

        MovableClock(Instant now) {
            this.base = now;
        }

        void set(Instant now) {
            this.base = now;
            this.baseNanos = System.nanoTime();
        }

        @Override
        public Instant now() {
            return base.plusNanos(System.nanoTime() - baseNanos);
        }
    }

    static class NightPolicy extends QuietHoursPolicy {
        NightPolicy() {
            super(new QuietHours(true, LocalTime.of(20, 0), LocalTime.of(8, 0), PARIS));
        }
    }

    @Test
    void volunteersGetTheirShiftAndAReminderTheDayBeforeFromTheDirectoryContact() {
        UUID person = UUID.randomUUID();
        String mobile = randomMobile();
        String email = randomEmail();
        KafkaTopics.send("directory.people.v1", person.toString(), KafkaTopics.envelope("PersonUpserted", person, 1,
                Events.directoryPerson(person, mobile, email, true, true)));
        UUID shift = UUID.randomUUID();
        // the day-before reminder is due 5 s from now
        OffsetDateTime start = OffsetDateTime.now().plusHours(24).plusSeconds(5);
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        KafkaTopics.send("booking.shifts.v1", shift.toString(), KafkaTopics.envelope("ShiftAssigned", shift, 1,
                Events.shift(shift, person, "assigned", start)));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = Api.list("personId", person.toString());
            assertEquals(4, rows.size(), rows.toString());
            assertEquals(4, where(rows, "status", "sent").size(), rows.toString());
            assertEquals(2, where(rows, "template", "shift_reminder").size());
        });
        assertEquals(2, NotificationFlowTest.mailsTo(email).size());

        // The person leaves the directory: nothing pending goes out any more.
        UUID later = UUID.randomUUID();
        KafkaTopics.send("booking.shifts.v1", later.toString(), KafkaTopics.envelope("ShiftAssigned", later, 1,
                Events.shift(later, person, "assigned", OffsetDateTime.now().plusDays(5))));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(2,
                where(Api.list("shiftId", later.toString()), "status", "pending").size()));
        // The shift moves by a day: its pending reminders move with it (same rows, new due time).
        OffsetDateTime moved = OffsetDateTime.now().plusDays(6).withNano(0);
        KafkaTopics.send("booking.shifts.v1", later.toString(), KafkaTopics.envelope("ShiftChanged", later, 2,
                Events.shift(later, person, "assigned", moved)));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = Api.list("shiftId", later.toString());
            assertEquals(2, where(where(rows, "template", "shift_changed"), "status", "sent").size(), rows.toString());
            List<Map<String, Object>> pending = where(rows, "status", "pending");
            assertEquals(2, pending.size(), rows.toString());
            assertTrue(pending.stream().allMatch(r -> OffsetDateTime.parse((String) r.get("dueAt")).toInstant()
                    .equals(moved.minusHours(24).toInstant())), pending.toString());
        });
        Map<String, Object> deleted = Events.directoryPerson(person, mobile, email, true, true);
        deleted.put("deleted", true);
        KafkaTopics.send("directory.people.v1", person.toString(), KafkaTopics.envelope("PersonDeleted", person, 2, deleted));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = Api.list("shiftId", later.toString());
            assertEquals(0, where(rows, "status", "pending").size(), rows.toString());
            assertTrue(rows.stream().filter(r -> "shift_reminder".equals(r.get("template")))
                    .allMatch(r -> "person_deleted".equals(r.get("skipReason"))), rows.toString());
        });
    }

    @Test
    void atNightAnSmsWaitsForTheMorningOrIsSkippedWhenTheAppointmentComesFirst() {
        // 23:00 in Paris, two days ago: rows created "now" are only due for this fake clock.
        Instant night = ZonedDateTime.now(PARIS).minusDays(2).with(LocalTime.of(23, 0)).toInstant();
        MovableClock clock = new MovableClock(night);
        QuarkusMock.installMockForType(clock, AppClock.class);
        QuarkusMock.installMockForType(new NightPolicy(), QuietHoursPolicy.class);
        Instant morning = night.atZone(PARIS).plusDays(1).with(LocalTime.of(8, 0)).toInstant();

        UUID later = UUID.randomUUID();
        UUID dawn = UUID.randomUUID();
        String email = randomEmail();
        KafkaTopics.send("booking.bookings.v1", later.toString(), KafkaTopics.envelope("BookingConfirmed", later, 1, Events.booking(
                later, "confirmed", morning.plusSeconds(2 * 3600).atOffset(java.time.ZoneOffset.UTC),
                Events.person("Nina", randomMobile(), email, true, true), List.of())));
        KafkaTopics.send("booking.bookings.v1", dawn.toString(), KafkaTopics.envelope("BookingConfirmed", dawn, 1, Events.booking(
                dawn, "confirmed", morning.minusSeconds(3600).atOffset(java.time.ZoneOffset.UTC),
                Events.person("Nina", randomMobile(), null, true, false), List.of())));
        // inside these two awaits, .get(0) on receipts not created yet means "not yet", not a failure (scoped here:
        // the JVM-wide default stays untouched, so no other await hides an IndexOutOfBoundsException)
        await().atMost(WAIT).ignoreExceptionsInstanceOf(IndexOutOfBoundsException.class).untilAsserted(() -> {
            Map<String, Object> sms = where(Api.byBooking(later), "channel", "sms").get(0);
            assertEquals("pending", sms.get("status"));
            assertEquals(morning, OffsetDateTime.parse((String) sms.get("nextAttemptAt")).toInstant());
            assertEquals(0, sms.get("attempts"));
            Map<String, Object> mail = where(Api.byBooking(later), "channel", "email").get(0);
            assertEquals("sent", mail.get("status"), "quiet hours are for SMS only");
            Map<String, Object> skipped = Api.byBooking(dawn).get(0);
            assertEquals("skipped", skipped.get("status"));
            assertEquals("quiet_hours", skipped.get("skipReason"));
        });
        String sentBefore = (String) where(Api.byBooking(later), "channel", "sms").get(0).get("id");
        clock.set(morning.plusSeconds(60));
        await().atMost(WAIT).ignoreExceptionsInstanceOf(IndexOutOfBoundsException.class).untilAsserted(() ->
                assertEquals("sent", where(Api.byBooking(later), "channel", "sms").get(0).get("status")));
        assertEquals(1, Stubs.smsCount(sentBefore));
    }

    @Test
    void theDefaultReminderWithRealisticDataFitsInOneSegment() {
        // Booking-service links (issue 17): public URL + /rdv/ + 43-character token, the citizen page.
        String url = "https://rdv.maillage.fr/rdv/" + Events.TOKEN.substring(0, 43);
        ZonedDateTime longestDate = ZonedDateTime.of(2026, 9, 23, 14, 30, 0, 0, PARIS); // "mercredi 23 septembre à 14 h 30"
        MessageModel model = new MessageModel(UUID.randomUUID(), null, "Marie-Thérèse", "Permanence conseiller numérique",
                "permanence", "Pôle socioculturel", "2 rue de la Mairie", "35133", "Romagné", "+33299987654",
                longestDate.toOffsetDateTime(), longestDate.plusMinutes(45).toOffsetDateTime(), null, null, url, null);
        MessageRenderer.SmsText reminder = renderer.sms("booking_reminder", model);
        assertEquals(1, reminder.segments(), reminder.text() + " (" + reminder.text().length() + ")");
        assertTrue(reminder.text().contains("mercredi 23 septembre à 14 h 30"), reminder.text());
        assertTrue(reminder.text().contains("Pole socioculturel") && reminder.text().contains(url), reminder.text());

        MessageModel shortUrl = new MessageModel(UUID.randomUUID(), null, "Marie", "Permanence", "permanence",
                "Pôle socioculturel", "2 rue de la Mairie", "35133", "Romagné", null,
                // a Tuesday still ahead: the link is offered with every action (ahead of the deadlines)
                ZonedDateTime.of(2030, 12, 3, 9, 30, 0, 0, PARIS).toOffsetDateTime(), null, null, null,
                "https://maillage.fr/r/Xk9fQ2", null);
        assertEquals("Rappel : RDV mardi 3 décembre à 9 h 30, Pole socioculturel, 2 rue de la Mairie Romagné."
                + " Voir, changer ou annuler : https://maillage.fr/r/Xk9fQ2", renderer.sms("booking_reminder", shortUrl).text());

        MessageRenderer.Email email = renderer.email("booking_reminder", shortUrl);
        assertEquals("Rappel de votre rendez-vous", email.subject());
        assertTrue(email.text().contains("Nous vous rappelons votre rendez-vous du mardi 3 décembre à 9 h 30."), email.text());
        assertTrue(email.html().contains("Adresse</th><td>2 rue de la Mairie, 35133 Romagné"), email.html());
    }
}
