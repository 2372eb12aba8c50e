package fr.maillage.notification.service;

import static fr.maillage.notification.support.Api.byBooking;
import static fr.maillage.notification.support.Api.randomMobile;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.notification.support.Events;
import fr.maillage.platform.testing.KafkaTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A message due now goes out when the transaction that created it commits (V5's NOTIFY heard by the worker), not at
 * the worker's poll: here the poll never runs (first one in an hour). SMS through the log provider, no other stub.
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

    @Test
    void aConfirmationDueNowIsSentOnCommitWithoutWaitingForThePoll() {
        UUID booking = UUID.randomUUID();
        KafkaTopics.send("booking.bookings.v1", booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1,
                Events.booking(booking, "confirmed", OffsetDateTime.now().plusDays(2),
                        Events.person("Solène", randomMobile(), null, true, false), List.of())));
        // the consumer group may need a few seconds to get its partitions after the restart of this profile
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertEquals(List.of("sent"),
                byBooking(booking).stream().map(r -> r.get("status")).toList()));
        Map<String, Object> row = byBooking(booking).get(0);
        Duration latency = Duration.between(OffsetDateTime.parse((String) row.get("dueAt")),
                OffsetDateTime.parse((String) row.get("sentAt")));
        assertTrue(latency.compareTo(Duration.ofSeconds(5)) < 0, "created → sent in " + latency.toMillis() + " ms");
    }
}
