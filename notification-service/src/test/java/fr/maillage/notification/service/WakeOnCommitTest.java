package fr.maillage.notification.service;

import static fr.maillage.notification.support.Api.byBooking;
import static fr.maillage.notification.support.Api.randomMobile;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import fr.maillage.notification.support.Events;
import fr.maillage.notification.support.LogCapture;
import fr.maillage.platform.testing.KafkaTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * A message due now goes out when the transaction that created it commits (V5's NOTIFY heard by the worker), not at
 * the worker's poll: here the poll never runs (first one in an hour). SMS through the development log provider, no other stub.
 */
@QuarkusTest
@TestProfile(WakeOnCommitTest.PollOnceAnHour.class)
class WakeOnCommitTest {

    public static class PollOnceAnHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("maillage.notification.worker.interval", "1h", "maillage.notification.worker.delay", "1h",
                    "maillage.notification.quiet-hours.enabled", "false");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true; // not Stubs, which sets a 1 s poll
        }
    }

    @Inject
    DataSource dataSource;

    /**
     * Also issue 16, item 15: without SMS_URL (here: no stub) the development log stand-in "sends"; nobody receives the
     * message, so it is recorded skipped / no_provider, never sent, and its log line masks the number and the link.
     */
    @Test
    void aConfirmationDueNowIsHandledOnCommitWithoutWaitingForThePoll() throws Exception {
        UUID booking = UUID.randomUUID();
        String mobile = randomMobile();
        try (LogCapture logs = LogCapture.install()) {
            KafkaTopics.send("booking.bookings.v1", booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1,
                    Events.booking(booking, "confirmed", OffsetDateTime.now().plusDays(2),
                            Events.person("Solène", mobile, null, true, false), List.of())));
            // the consumer group may need a few seconds to get its partitions after the restart of this profile
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertEquals(List.of("skipped"),
                    byBooking(booking).stream().map(r -> r.get("status")).toList()));
            Map<String, Object> row = byBooking(booking).get(0);
            assertEquals("no_provider", row.get("skipReason"), "the log stand-in reached nobody: not 'sent'");
            assertNull(row.get("sentAt"));
            try (var c = dataSource.getConnection(); var q = c.prepareStatement(
                    "SELECT extract(epoch FROM updated_at - due_at) * 1000 FROM notification WHERE booking_id = ?")) {
                q.setObject(1, booking);
                var rs = q.executeQuery();
                assertTrue(rs.next());
                double latency = rs.getDouble(1);
                assertTrue(latency < 5000, "created → handled in " + latency + " ms");
            }
            // this message's line (other tests' events still queued on the shared topics may be logged meanwhile)
            List<String> lines = logs.lines().stream().filter(l -> l.contains("SMS not sent") && l.contains((String) row.get("id")))
                    .toList();
            assertEquals(1, lines.size(), "the development log shows the message: " + logs.lines());
            assertEquals(List.of(), logs.containing(mobile, mobile.substring(3), Events.TOKEN, "/rdv/"),
                    "number and link masked");
        }
    }
}
