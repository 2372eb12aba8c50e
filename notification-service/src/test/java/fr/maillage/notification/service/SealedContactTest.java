package fr.maillage.notification.service;

import static fr.maillage.notification.support.Api.byBooking;
import static fr.maillage.notification.support.Api.randomEmail;
import static fr.maillage.notification.support.Api.randomMobile;
import static fr.maillage.notification.support.Api.where;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import fr.maillage.notification.support.Events;
import fr.maillage.notification.support.LogCapture;
import fr.maillage.notification.support.Stubs;
import fr.maillage.platform.crypto.SealedData;
import fr.maillage.platform.testing.KafkaTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 16, item 7 (consumer side): booking.bookings.v1 carries the contact and the self-service link sealed in
 * {@code contact}; notification opens it, keeps the link of the creation event for later messages, dead-letters an event
 * whose contact no key opens (its content in no log line), and still reads events of the previous version.
 */
@QuarkusTest
@QuarkusTestResource(Stubs.class)
class SealedContactTest {
    private static final String BOOKINGS = "booking.bookings.v1";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final UUID ORG = UUID.fromString("00000000-0000-4000-8000-000000000003");

    @Inject
    SealedData sealing;
    @Inject
    DataSource dataSource;

    private static List<String> smsTo(String mobile) {
        return Stubs.wireMock.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/messages"))
                .withRequestBody(WireMock.matchingJsonPath("$.to", WireMock.equalTo(mobile)))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
    }

    @Test
    void aSealedContactIsOpenedAndTheCreationLinkServesTheLaterMessages() throws Exception {
        UUID booking = UUID.randomUUID();
        String mobile = randomMobile();
        String email = randomEmail();
        OffsetDateTime start = OffsetDateTime.now().plusDays(3);
        Map<String, Object> created = Events.sealed(Events.booking(booking, "waitlisted", start,
                Events.person("Camille", mobile, email, true, true), List.of(), ORG, ORG), sealing);
        String raw = KafkaTopics.envelope("BookingWaitlisted", booking, 1, created).toString();
        assertFalse(raw.contains(mobile) || raw.contains(email) || raw.contains(Events.TOKEN), "nothing readable on the topic");
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingWaitlisted", booking, 1, created));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, smsTo(mobile).size()));
        assertTrue(smsTo(mobile).get(0).toLowerCase().contains("liste d'attente"), "opened: the waiting-list SMS reached the number");

        // promotion: booking-service no longer holds the token, the sealed link is null; notification reuses its own
        Map<String, Object> promoted = Events.booking(booking, "confirmed", start,
                Events.person("Camille", mobile, email, true, true), List.of(), ORG, ORG);
        promoted.put("selfServiceUrl", null);
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingPromoted", booking, 2,
                Events.sealed(promoted, sealing)));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(2, smsTo(mobile).size()));
        assertTrue(smsTo(mobile).get(1).contains("/rdv/" + Events.TOKEN),
                "the link of the creation event: " + smsTo(mobile).get(1));
        await().atMost(WAIT).untilAsserted(() -> assertEquals("sent",
                where(where(byBooking(booking), "channel", "email"), "template", "booking_promoted").get(0).get("status")));

        // the kept link is sealed at rest, and forgotten with the booking
        try (var c = dataSource.getConnection(); var q = c.prepareStatement(
                "SELECT self_service_url, phone FROM booking_contact WHERE booking_id = ?")) {
            q.setObject(1, booking);
            var rs = q.executeQuery();
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("s1."), "sealed");
            assertFalse(rs.getString(1).contains(Events.TOKEN));
            assertEquals(mobile, rs.getString(2));
        }
        Map<String, Object> anonymised = Events.booking(booking, "cancelled_by_citizen", start, null, List.of(), ORG, ORG);
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingAnonymised", booking, 3,
                Events.sealed(anonymised, sealing)));
        await().atMost(WAIT).untilAsserted(() -> {
            try (var c = dataSource.getConnection(); var q = c.prepareStatement(
                    "SELECT count(*) FROM booking_contact WHERE booking_id = ?")) {
                q.setObject(1, booking);
                var rs = q.executeQuery();
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        });
    }

    @Test
    void anEventWhoseContactNoKeyOpensIsDeadLetteredWithoutItsContentInTheLogs() throws Exception {
        UUID booking = UUID.randomUUID();
        String mobile = randomMobile();
        String email = randomEmail();
        Map<String, Object> data = Events.booking(booking, "confirmed", OffsetDateTime.now().plusDays(3),
                Events.person("Zoé", mobile, email, true, true), List.of(), ORG, ORG);
        // sealed with another key: well-formed, unreadable here
        String foreign = "s1.1." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
        data.remove("person");
        data.remove("selfServiceUrl");
        data.put("contact", foreign);
        KafkaConsumer<String, String> dlq = KafkaTopics.tail("notification.dlq.v1");
        try (LogCapture logs = LogCapture.install()) {
            KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1, data));
            List<ConsumerRecord<String, String>> parked = KafkaTopics.await(dlq, r -> r.value().contains(booking.toString()), 1, WAIT);
            assertEquals(1, parked.size());
            assertNotNull(parked.get(0).headers().lastHeader("dead-letter-reason"));
            assertEquals(List.of(), logs.containing(foreign, foreign.substring(5, 30)), "the sealed value is never logged");
        } finally {
            dlq.close();
        }
        assertEquals(List.of(), byBooking(booking), "nothing planned");
        assertTrue(smsTo(mobile).isEmpty());
    }

    @Test
    void eventsOfThePreviousVersionWithTheContactInClearAreStillRead() {
        UUID booking = UUID.randomUUID();
        String mobile = randomMobile();
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1,
                Events.booking(booking, "confirmed", OffsetDateTime.now().plusDays(3),
                        Events.person("Léo", mobile, null, true, false), List.of(), ORG, ORG)));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, smsTo(mobile).size()));
        assertTrue(smsTo(mobile).get(0).contains("/rdv/" + Events.TOKEN));
    }
}
