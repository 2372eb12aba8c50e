package fr.maillage.notification.service;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.notification.support.Api.byBooking;
import static fr.maillage.notification.support.Api.randomEmail;
import static fr.maillage.notification.support.Api.randomMobile;
import static fr.maillage.notification.support.Api.where;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import fr.maillage.platform.testing.Metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import fr.maillage.notification.support.Events;
import fr.maillage.notification.support.LogCapture;
import fr.maillage.platform.testing.KafkaTopics;
import fr.maillage.notification.support.Stubs;
import fr.maillage.platform.events.EventSchemas;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** End to end through real Kafka, PostgreSQL, SMTP (GreenMail) and HTTP (WireMock). */
@QuarkusTest
@QuarkusTestResource(Stubs.class)
class NotificationFlowTest {
    private static final String BOOKINGS = "booking.bookings.v1";
    private static final Duration WAIT = Duration.ofSeconds(90); // shared broker: other services' test events may be queued first
    private static final UUID ORG = UUID.fromString("00000000-0000-4000-8000-000000000003");

    @Inject
    ObjectMapper mapper;
    @Inject
    DataSource dataSource;
    @Inject
    ReceiptAnonymiser anonymiser;

    @Test
    void confirmedBookingGetsConfirmationAndTimelyRemindersOnBothChannelsExactlyOnce() throws Exception {
        KafkaConsumer<String, String> deliveries = KafkaTopics.tail("notification.deliveries.v1");
        UUID booking = UUID.randomUUID();
        String mobile = randomMobile();
        String email = randomEmail();
        // H-2 reminder due in 5 s; the J-2 one was already past when the booking was made: not planned.
        OffsetDateTime start = OffsetDateTime.now().plusMinutes(120).plusSeconds(5);
        Map<String, Object> event = KafkaTopics.envelope("BookingConfirmed", booking, 1,
                Events.booking(booking, "confirmed", start, Events.person("Camille", mobile, email, true, true),
                        List.of(2880, 120)));
        KafkaTopics.send(BOOKINGS, booking.toString(), event);

        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = byBooking(booking);
            assertEquals(4, rows.size(), rows.toString());
            assertEquals(4, where(rows, "status", "sent").size(), rows.toString());
        });
        List<Map<String, Object>> rows = byBooking(booking);
        assertEquals(2, where(rows, "template", "booking_confirmed").size());
        assertEquals(2, where(rows, "template", "booking_reminder").size());
        for (Map<String, Object> sms : where(rows, "channel", "sms")) {
            assertEquals(1, sms.get("segments"));
            assertEquals(1, sms.get("attempts"));
            assertEquals("+336******" + mobile.substring(mobile.length() - 2), sms.get("recipient"));
        }

        // The SMS provider got each message once, keyed by the notification id, with the French text.
        for (Map<String, Object> sms : where(rows, "channel", "sms")) {
            String id = (String) sms.get("id");
            assertEquals(1, Stubs.smsCount(id), "SMS " + id);
        }
        List<LoggedRequest> requests = Stubs.wireMock.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/messages"))
                .withRequestBody(WireMock.matchingJsonPath("$.to", WireMock.equalTo(mobile))));
        assertEquals(2, requests.size());
        String reminderText = requests.stream().map(r -> r.getBodyAsString()).filter(b -> b.contains("Rappel")).findFirst()
                .orElseThrow();
        JsonNode reminder = mapper.readTree(reminderText);
        assertTrue(reminder.get("text").asText().contains("Pôle socioculturel".replace("ô", "o")), reminderText);
        assertTrue(reminder.get("text").asText().contains("/rdv/" + Events.TOKEN), reminderText);
        assertEquals("Maillage", reminder.get("from").asText());
        assertEquals("Bearer test-key", requests.get(0).getHeader("Authorization"));

        // Two emails over real SMTP: HTML + text + ICS.
        List<MimeMessage> mails = mailsTo(email);
        assertEquals(2, mails.size());
        MimeMessage confirmation = mails.stream().filter(m -> subject(m).contains("confirmé")).findFirst().orElseThrow();
        Map<String, String> parts = parts(confirmation);
        assertTrue(parts.keySet().stream().anyMatch(t -> t.startsWith("text/html")), parts.keySet().toString());
        assertTrue(parts.keySet().stream().anyMatch(t -> t.startsWith("text/plain")), parts.keySet().toString());
        String ics = parts.entrySet().stream().filter(e -> e.getKey().startsWith("text/calendar")).map(Map.Entry::getValue)
                .findFirst().orElseThrow();
        assertTrue(ics.contains("BEGIN:VEVENT") && ics.contains("UID:" + booking + "@maillage"), ics);
        String html = parts.entrySet().stream().filter(e -> e.getKey().startsWith("text/html")).map(Map.Entry::getValue)
                .findFirst().orElseThrow();
        assertTrue(html.contains("Bonjour Camille") && html.contains("2 rue de la Mairie, 35133 Romagné")
                && html.contains("+33299987654") && html.contains(" h"), html);

        // Each sent row produced a NotificationSent event matching the published schema.
        Set<String> ids = rows.stream().map(r -> (String) r.get("id")).collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> sent = KafkaTopics.await(deliveries, r -> ids.contains(r.key()), 4, WAIT);
        assertEquals(4, sent.size());
        for (ConsumerRecord<String, String> r : sent) {
            JsonNode e = mapper.readTree(r.value());
            assertEquals(List.of(), EventSchemas.produced("notification.deliveries.v1", e));
            assertEquals("NotificationSent", e.get("type").asText());
            assertEquals(booking.toString(), e.get("data").get("bookingId").asText());
        }
        deliveries.close();

        // Redelivery of the same event, and a replay with a new event id but the same version: no effect. A later
        // event of the same booking is the sentinel: same key, so same partition, consumed after both. Once its
        // messages are sent, the two copies were consumed and any row they made would exist (and would have been due).
        KafkaTopics.send(BOOKINGS, booking.toString(), event);
        Map<String, Object> replay = new HashMap<>(event);
        replay.put("eventId", UUID.randomUUID().toString());
        KafkaTopics.send(BOOKINGS, booking.toString(), replay);
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingCancelled", booking, 2,
                Events.booking(booking, "cancelled_by_citizen", start, Events.person("Camille", mobile, email, true, true),
                        List.of(2880, 120))));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(2, where(where(byBooking(booking), "template",
                "booking_cancelled_by_citizen"), "status", "sent").size(), byBooking(booking).toString()));
        List<Map<String, Object>> after = byBooking(booking);
        assertEquals(6, after.size(), "the four messages and the two cancellations, nothing else: " + after);
        assertEquals(2, where(after, "template", "booking_confirmed").size());
        assertEquals(2, where(after, "template", "booking_reminder").size());
        for (Map<String, Object> sms : where(rows, "channel", "sms")) {
            assertEquals(1, Stubs.smsCount((String) sms.get("id")));
        }
        assertEquals(3, mailsTo(email).size(), "the confirmation and the reminder once, then the cancellation");
    }

    @Test
    void rescheduleMovesPendingRemindersAndCancellationSkipsThem() {
        UUID booking = UUID.randomUUID();
        String mobile = randomMobile();
        OffsetDateTime start = OffsetDateTime.now().plusDays(3).withNano(0);
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1,
                Events.booking(booking, "confirmed", start, Events.person("Jean", mobile, null, true, false), null)));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = byBooking(booking);
            assertEquals(1, where(where(rows, "template", "booking_confirmed"), "status", "sent").size(), rows.toString());
            assertEquals(2, where(rows, "status", "pending").size(), rows.toString());
        });
        List<Map<String, Object>> before = where(byBooking(booking), "status", "pending");
        Set<Object> reminderIds = before.stream().map(r -> r.get("id")).collect(Collectors.toSet());
        Map<Object, Object> dueBefore = before.stream().collect(Collectors.toMap(r -> r.get("id"), r -> r.get("dueAt")));
        assertTrue(dueBefore.values().stream().anyMatch(d -> OffsetDateTime.parse((String) d).toInstant()
                .equals(start.minusMinutes(2880).toInstant())), dueBefore.toString());

        OffsetDateTime newStart = start.plusDays(2);
        Map<String, Object> moved = Events.booking(booking, "confirmed", newStart,
                Events.person("Jean", mobile, null, true, false), null);
        moved.put("previousStart", Events.iso(start));
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingRescheduled", booking, 2, moved));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = byBooking(booking);
            assertEquals(1, where(where(rows, "template", "booking_rescheduled"), "status", "sent").size(), rows.toString());
            List<Map<String, Object>> pending = where(rows, "status", "pending");
            assertEquals(reminderIds, pending.stream().map(r -> r.get("id")).collect(Collectors.toSet()), "moved, not doubled");
            assertTrue(pending.stream().allMatch(r -> {
                var due = OffsetDateTime.parse((String) r.get("dueAt")).toInstant();
                return due.equals(newStart.minusMinutes(2880).toInstant()) || due.equals(newStart.minusMinutes(120).toInstant());
            }), pending.toString());
        });
        String rescheduleSms = Stubs.wireMock.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/messages"))
                .withRequestBody(WireMock.matchingJsonPath("$.to", WireMock.equalTo(mobile)))).stream()
                .map(LoggedRequest::getBodyAsString).filter(b -> b.contains("placé au")).findFirst().orElseThrow();
        assertTrue(rescheduleSms.contains(fr.maillage.notification.domain.FrenchDates.dayAndTime(newStart.toInstant(),
                java.time.ZoneId.of("Europe/Paris")).replace("û", "u")), rescheduleSms);

        // A stale event (older version, new id) changes nothing.
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1,
                Events.booking(booking, "confirmed", start, Events.person("Jean", mobile, null, true, false), null)));

        Map<String, Object> cancelled = Events.booking(booking, "cancelled_by_citizen", newStart,
                Events.person("Jean", mobile, null, true, false), null);
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingCancelled", booking, 3, cancelled));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = byBooking(booking);
            assertEquals(0, where(rows, "status", "pending").size(), rows.toString());
            List<Map<String, Object>> skipped = where(rows, "status", "skipped");
            assertEquals(reminderIds, skipped.stream().map(r -> r.get("id")).collect(Collectors.toSet()));
            assertTrue(skipped.stream().allMatch(r -> "booking_cancelled".equals(r.get("skipReason"))));
            assertEquals(1, where(where(rows, "template", "booking_cancelled_by_citizen"), "status", "sent").size());
        });
        assertEquals(5, byBooking(booking).size(), "the stale confirmation created nothing");
    }

    @Test
    void waitingListGetsNoReminderUntilPromoted() {
        UUID booking = UUID.randomUUID();
        String mobile = randomMobile();
        OffsetDateTime start = OffsetDateTime.now().plusDays(4);
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingWaitlisted", booking, 1,
                Events.booking(booking, "waitlisted", start, Events.person("Yann", mobile, null, true, false), null)));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = byBooking(booking);
            assertEquals(1, rows.size(), rows.toString());
            assertEquals("booking_waitlisted", rows.get(0).get("template"));
            assertEquals("sent", rows.get(0).get("status"));
        });
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingPromoted", booking, 2,
                Events.booking(booking, "confirmed", start, Events.person("Yann", mobile, null, true, false), null)));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = byBooking(booking);
            assertEquals(1, where(where(rows, "template", "booking_promoted"), "status", "sent").size(), rows.toString());
            assertEquals(2, where(where(rows, "template", "booking_reminder"), "status", "pending").size(), rows.toString());
        });
    }

    /**
     * Issue 23: the trace context and request id an event carries (Kafka headers, as the outbox relay sends them) are
     * stored with the message it plans, so its sending continues that trace and logs that request id. The traceparent is
     * marked not sampled: the spans are real but nothing is exported from the module tests.
     */
    @Test
    void theEventsTraceContextAndRequestIdFollowItsSms() throws Exception {
        UUID booking = UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String requestId = "test-" + UUID.randomUUID();
        try (LogCapture logs = LogCapture.install()) {
            KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1, Events.booking(booking,
                    "confirmed", OffsetDateTime.now().plusDays(3), Events.person("Paul", randomMobile(), randomEmail(), true, false),
                    List.of())), Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-00", "X-Request-Id", requestId));
            await().atMost(WAIT).untilAsserted(() -> assertEquals(1,
                    where(where(byBooking(booking), "channel", "sms"), "status", "sent").size(), byBooking(booking).toString()));
            String stored;
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT CAST(trace_headers AS text) FROM notification WHERE booking_id = ? AND channel = 'sms'")) {
                ps.setObject(1, booking);
                var rs = ps.executeQuery();
                assertTrue(rs.next());
                stored = rs.getString(1);
            }
            JsonNode headers = mapper.readTree(stored);
            assertEquals(requestId, headers.path("X-Request-Id").asText(), stored);
            assertTrue(headers.path("traceparent").asText().startsWith("00-" + traceId + "-"), "the event's trace: " + stored);
            assertTrue(logs.withRequestId(requestId).stream().anyMatch(l -> l.startsWith("Notification ") && l.endsWith(": sent")),
                    "the SMS's log line carries the request id: " + logs.withRequestId(requestId));
        }
    }

    @Test
    void pastBookingsGetNothingAndLandlinesNoSms() {
        UUID past = UUID.randomUUID();
        KafkaTopics.send(BOOKINGS, past.toString(), KafkaTopics.envelope("BookingConfirmed", past, 1, Events.booking(past,
                "confirmed", OffsetDateTime.now().minusHours(1), Events.person("Paul", randomMobile(), randomEmail(), true, true), null)));
        UUID landline = UUID.randomUUID();
        String email = randomEmail();
        KafkaTopics.send(BOOKINGS, landline.toString(), KafkaTopics.envelope("BookingConfirmed", landline, 1, Events.booking(landline,
                "confirmed", OffsetDateTime.now().plusDays(1), Events.person("Rose", "+33299001122", email, true, true), null)));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = byBooking(landline);
            List<Map<String, Object>> sms = where(rows, "channel", "sms");
            assertEquals(1, sms.size(), rows.toString());
            assertEquals("skipped", sms.get(0).get("status"));
            assertEquals("not_a_french_mobile", sms.get(0).get("skipReason"));
            assertEquals("sent", where(where(rows, "channel", "email"), "template", "booking_confirmed").get(0).get("status"));
        });
        // The past booking's absence is asserted after a sentinel: a later event of the same booking (same key, so
        // same partition, consumed after it), moved to the future, whose messages show the first one was consumed.
        KafkaTopics.send(BOOKINGS, past.toString(), KafkaTopics.envelope("BookingRescheduled", past, 2, Events.booking(past,
                "confirmed", OffsetDateTime.now().plusDays(3), Events.person("Paul", randomMobile(), randomEmail(), true, true),
                List.of())));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(2,
                where(byBooking(past), "template", "booking_rescheduled").size(), byBooking(past).toString()));
        assertEquals(List.of("booking_rescheduled", "booking_rescheduled"),
                byBooking(past).stream().map(r -> r.get("template")).toList(), "nothing for the booking while it was past");
        assertEquals(1, mailsTo(email).size());
    }

    @Test
    void malformedEventsGoToTheDeadLetterTopicWithTheReasonAndDoNotBlock() throws Exception {
        double deadLettered = Metrics.value("maillage_events_dead_lettered_total", "topic", BOOKINGS);
        KafkaConsumer<String, String> dlq = KafkaTopics.tail("notification.dlq.v1");
        UUID broken = UUID.randomUUID();
        Map<String, Object> data = Events.booking(broken, "confirmed", OffsetDateTime.now().plusDays(1),
                Events.person("Lou", randomMobile(), null, true, false), null);
        data.remove("start");
        KafkaTopics.send(BOOKINGS, broken.toString(), KafkaTopics.envelope("BookingConfirmed", broken, 1, data));
        KafkaTopics.send(BOOKINGS, "not-json", "{this is not json");
        UUID badPhone = UUID.randomUUID();
        KafkaTopics.send(BOOKINGS, badPhone.toString(), KafkaTopics.envelope("BookingConfirmed", badPhone, 1, Events.booking(badPhone,
                "confirmed", OffsetDateTime.now().plusDays(1), Events.person("Lou", "06 12", null, true, false), null)));
        UUID fine = UUID.randomUUID();
        KafkaTopics.send(BOOKINGS, fine.toString(), KafkaTopics.envelope("BookingConfirmed", fine, 1, Events.booking(fine,
                "confirmed", OffsetDateTime.now().plusDays(1), Events.person("Lou", randomMobile(), null, true, false), null)));

        List<ConsumerRecord<String, String>> parked = KafkaTopics.await(dlq,
                r -> r.value().contains(broken.toString()) || r.value().contains("{this is not json")
                        || r.value().contains(badPhone.toString()), 3, WAIT);
        assertEquals(3, parked.size());
        for (ConsumerRecord<String, String> r : parked) {
            var reason = r.headers().lastHeader("dead-letter-reason");
            assertNotNull(reason, "reason header");
            String text = new String(reason.value(), StandardCharsets.UTF_8);
            if (r.value().contains(broken.toString())) {
                assertTrue(text.contains("start"), text);
            } else if (r.value().contains(badPhone.toString())) {
                assertTrue(text.contains("phone"), text);
            } else {
                assertTrue(text.contains("not JSON"), text);
            }
        }
        dlq.close();
        assertTrue(Metrics.value("maillage_events_dead_lettered_total", "topic", BOOKINGS) >= deadLettered + 3,
                "each parked event is counted (maillage_events_dead_lettered_total)");
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, where(byBooking(fine), "template", "booking_confirmed").size()));
        assertEquals(0, byBooking(broken).size());
        assertEquals(0, byBooking(badPhone).size());
    }

    @Test
    void providerErrorsArePermanentOn4xxAndRetriedWithBackoffOn5xx() throws Exception {
        double permanent = Metrics.value("maillage_notification_send_failures_total", "channel", "sms", "class", "permanent");
        double transientFailures = Metrics.value("maillage_notification_send_failures_total", "channel", "sms", "class", "transient");
        KafkaConsumer<String, String> deliveries = KafkaTopics.tail("notification.deliveries.v1");
        UUID rejected = UUID.randomUUID();
        KafkaTopics.send(BOOKINGS, rejected.toString(), KafkaTopics.envelope("BookingConfirmed", rejected, 1, Events.booking(rejected,
                "confirmed", OffsetDateTime.now().plusDays(1), Events.person("Ali", Stubs.REJECTED_MOBILE, null, true, false), List.of())));
        UUID failing = UUID.randomUUID();
        KafkaTopics.send(BOOKINGS, failing.toString(), KafkaTopics.envelope("BookingConfirmed", failing, 1, Events.booking(failing,
                "confirmed", OffsetDateTime.now().plusDays(1), Events.person("Ali", Stubs.FAILING_MOBILE, null, true, false), List.of())));
        // .get(0) before the receipt exists means "not yet": only this await ignores it
        await().atMost(WAIT).ignoreException(IndexOutOfBoundsException.class).untilAsserted(() -> {
            Map<String, Object> row = byBooking(rejected).get(0);
            assertEquals("failed", row.get("status"));
            assertEquals(1, row.get("attempts"), "a 4xx is not retried");
            assertTrue(((String) row.get("error")).contains("400") && ((String) row.get("error")).contains("numéro non attribué"),
                    row.toString());
        });
        // 503: attempt 1, backoff 1 s, attempt 2, backoff 2 s, attempt 3 = max-attempts -> failed
        // .get(0) before the receipt exists means "not yet": only this await ignores it
        await().atMost(WAIT).ignoreException(IndexOutOfBoundsException.class).untilAsserted(() -> {
            Map<String, Object> row = byBooking(failing).get(0);
            assertEquals("failed", row.get("status"), row.toString());
            assertEquals(3, row.get("attempts"));
            assertTrue(((String) row.get("error")).contains("503"), row.toString());
        });
        Set<String> ids = Set.of((String) byBooking(rejected).get(0).get("id"), (String) byBooking(failing).get(0).get("id"));
        List<ConsumerRecord<String, String>> failed = KafkaTopics.await(deliveries,
                r -> ids.contains(r.key()) && r.value().contains("NotificationFailed"), 2, WAIT);
        assertEquals(2, failed.size());
        // on /q/metrics by channel and class: the 4xx once as permanent, the three 503s as transient
        assertTrue(Metrics.value("maillage_notification_send_failures_total", "channel", "sms", "class", "permanent") >= permanent + 1);
        assertTrue(Metrics.value("maillage_notification_send_failures_total", "channel", "sms", "class", "transient")
                >= transientFailures + 3);
        for (ConsumerRecord<String, String> r : failed) {
            assertEquals(List.of(), EventSchemas.produced("notification.deliveries.v1", mapper.readTree(r.value())));
        }
        deliveries.close();
    }

    @Test
    void stopOptsOutOfSmsExceptWhatTheServiceOwes() {
        String mobile = randomMobile();
        String national = "0" + mobile.substring(3);
        provider().contentType("application/json").body(Map.of("from", national, "text", " Stop ")).when()
                .post("/api/v1/notifications/sms/inbound").then().statusCode(200).body("action", equalTo("opted_out"));
        Tokens.as(Tokens.admin()).when().get("/api/v1/notifications/opt-outs/" + mobile).then().statusCode(200)
                .body("optedOut", equalTo(true)).body("phone", equalTo(mobile));
        provider().contentType("application/json").body(Map.of("from", "pas un numéro", "text", "STOP")).when()
                .post("/api/v1/notifications/sms/inbound").then().spec(problem(400, "from"))
                .body("detail", containsString("numéro"));
        provider().contentType("application/json").body(Map.of("from", mobile, "text", "Merci")).when()
                .post("/api/v1/notifications/sms/inbound").then().statusCode(200).body("action", equalTo("ignored"));

        UUID booking = UUID.randomUUID();
        String email = randomEmail();
        OffsetDateTime start = OffsetDateTime.now().plusDays(1);
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1, Events.booking(booking,
                "confirmed", start, Events.person("Inès", mobile, email, true, true), List.of(), ORG, null)));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> rows = byBooking(booking);
            assertEquals(2, rows.size(), rows.toString());
            Map<String, Object> sms = where(rows, "channel", "sms").get(0);
            assertEquals("skipped", sms.get("status"));
            assertEquals("opted_out", sms.get("skipReason"));
            assertEquals("sent", where(rows, "channel", "email").get(0).get("status"));
        });
        Map<String, Object> cancelled = Events.booking(booking, "cancelled_by_service", start,
                Events.person("Inès", mobile, email, true, true), List.of());
        cancelled.put("cancelReason", "conseiller absent");
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingCancelled", booking, 2, cancelled));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> sms = where(where(byBooking(booking), "channel", "sms"), "template",
                    "booking_cancelled_by_service");
            assertEquals(1, sms.size());
            assertEquals("sent", sms.get(0).get("status"));
        });
        assertEquals(1, Stubs.wireMock.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/messages"))
                .withRequestBody(WireMock.matchingJsonPath("$.to", WireMock.equalTo(mobile)))).size(),
                "only the cancellation by the service reached the opted-out number");

        Tokens.as(Tokens.admin()).when().delete("/api/v1/notifications/opt-outs/" + mobile).then().statusCode(204);
        Tokens.as(Tokens.admin()).when().delete("/api/v1/notifications/opt-outs/" + mobile).then().statusCode(404)
                .body("field", equalTo("phone"));
        Tokens.as(Tokens.agent(ORG)).contentType("application/json").body(Map.of("phone", national)).when()
                .post("/api/v1/notifications/opt-outs").then().statusCode(201).body("phone", equalTo(mobile));
        Tokens.as(Tokens.agent(ORG)).contentType("application/json").body(Map.of("phone", mobile)).when()
                .post("/api/v1/notifications/opt-outs").then().statusCode(200);
        Tokens.as(Tokens.agent(ORG)).contentType("application/json").body(Map.of("phone", "")).when()
                .post("/api/v1/notifications/opt-outs").then().statusCode(400);
    }

    @Test
    void providerCallbacksMarkDeliveryAndAnonymisationRemovesPersonalData() throws Exception {
        UUID booking = UUID.randomUUID();
        String mobile = randomMobile();
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1, Events.booking(booking,
                "confirmed", OffsetDateTime.now().plusDays(1), Events.person("Léa", mobile, null, true, false), List.of())));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of("sent"),
                byBooking(booking).stream().map(r -> r.get("status")).toList()));
        String id = (String) byBooking(booking).get(0).get("id");
        KafkaConsumer<String, String> deliveries = KafkaTopics.tail("notification.deliveries.v1");

        provider().contentType("application/json").body(Map.of("messageId", "prov-" + id, "status", "bogus")).when()
                .post("/api/v1/notifications/callbacks/sms").then().statusCode(400).body("field", equalTo("status"));
        provider().contentType("application/json").body(Map.of("messageId", "prov-unknown", "status", "delivered")).when()
                .post("/api/v1/notifications/callbacks/sms").then().statusCode(404).body("field", equalTo("messageId"));
        assertEquals("sent", byBooking(booking).get(0).get("status"), "invalid callbacks changed nothing");
        provider().contentType("application/json").body(Map.of("messageId", "prov-" + id, "status", "delivered")).when()
                .post("/api/v1/notifications/callbacks/sms").then().statusCode(204);
        Map<String, Object> row = byBooking(booking).get(0);
        assertEquals("delivered", row.get("status"));
        assertNotNull(row.get("deliveredAt"));
        List<ConsumerRecord<String, String>> events = KafkaTopics.await(deliveries,
                r -> id.equals(r.key()) && r.value().contains("NotificationDelivered"), 1, WAIT);
        assertEquals(1, events.size());
        assertEquals(List.of(), EventSchemas.produced("notification.deliveries.v1", mapper.readTree(events.get(0).value())));
        deliveries.close();

        // Receipts older than the retention (6 months) lose their personal data; recent ones keep it.
        UUID recent = UUID.randomUUID();
        KafkaTopics.send(BOOKINGS, recent.toString(), KafkaTopics.envelope("BookingConfirmed", recent, 1, Events.booking(recent,
                "confirmed", OffsetDateTime.now().plusDays(1), Events.person("Léo", randomMobile(), null, true, false), List.of())));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of("sent"),
                byBooking(recent).stream().map(r -> r.get("status")).toList()));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE notification SET created_at = now() - interval '190 days' WHERE booking_id = ?")) {
            ps.setObject(1, booking);
            assertEquals(1, ps.executeUpdate());
        }
        assertTrue(anonymiser.anonymiseExpired() >= 1);
        row = byBooking(booking).get(0);
        assertNull(row.get("recipient"));
        assertEquals(true, row.get("anonymised"));
        assertEquals("delivered", row.get("status"), "the facts stay");
        assertNotNull(byBooking(recent).get(0).get("recipient"));

        // BookingAnonymised: the booking's receipts are anonymised at once.
        KafkaTopics.send(BOOKINGS, recent.toString(), KafkaTopics.envelope("BookingAnonymised", recent, 2, Events.booking(recent,
                "attended", OffsetDateTime.now().minusDays(1), null, List.of())));
        await().atMost(WAIT).untilAsserted(() -> assertNull(byBooking(recent).get(0).get("recipient")));
    }

    @Test
    void listValidatesFiltersAndPaginates() {
        Tokens.as(Tokens.admin()).queryParam("status", "bogus").when().get("/api/v1/notifications").then()
                .spec(problem(400, "status"))
                .body("detail", containsString("doit valoir"));
        Tokens.as(Tokens.admin()).queryParam("channel", "fax").when().get("/api/v1/notifications").then().statusCode(400)
                .body("field", equalTo("channel"));
        Tokens.as(Tokens.admin()).queryParam("bookingId", "12").when().get("/api/v1/notifications").then().statusCode(400)
                .body("field", equalTo("bookingId"));
        Tokens.as(Tokens.admin()).queryParam("size", 500).when().get("/api/v1/notifications").then()
                .spec(problem(400, "size"));
        Tokens.as(Tokens.admin()).queryParam("page", -1).when().get("/api/v1/notifications").then().statusCode(400);
        Tokens.as(Tokens.admin()).queryParam("size", 1).queryParam("page", 0).when().get("/api/v1/notifications").then().statusCode(200)
                .body("size", equalTo(1)).body("page", equalTo(0));
    }

    /** As the SMS provider calls us: with the shared callback secret (test profile value). */
    static io.restassured.specification.RequestSpecification provider() {
        return given().header("X-Sms-Callback-Secret", "test-sms-callback-secret");
    }

    static List<MimeMessage> mailsTo(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : Stubs.greenMail.getReceivedMessages()) {
            try {
                for (var to : m.getRecipients(Message.RecipientType.TO)) {
                    if (to.toString().contains(address)) {
                        found.add(m);
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Content type → content of every leaf part. */
    static Map<String, String> parts(MimeMessage message) throws MessagingException, IOException {
        Map<String, String> parts = new HashMap<>();
        collect(message.getContentType(), message.getContent(), parts);
        return parts;
    }

    private static void collect(String type, Object content, Map<String, String> parts) throws MessagingException, IOException {
        if (content instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                collect(part.getContentType(), part.getContent(), parts);
            }
        } else if (content instanceof String s) {
            parts.put(type.toLowerCase(), s);
        } else if (content instanceof java.io.InputStream in) {
            parts.put(type.toLowerCase(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
