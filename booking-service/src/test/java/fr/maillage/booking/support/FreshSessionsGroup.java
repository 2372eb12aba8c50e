package fr.maillage.booking.support;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Each test boot consumes offers.sessions.v1 with its own consumer group from the end of the topic:
 * the shared broker holds the events of every earlier run and of other services' tests, which this
 * run must neither wait for nor apply. {@link Sessions} waits for the partition assignment before
 * publishing, so nothing the tests publish is missed.
 */
public class FreshSessionsGroup implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("mp.messaging.incoming.offers-sessions.group.id", "booking-test-" + UUID.randomUUID(),
                "mp.messaging.incoming.offers-sessions.auto.offset.reset", "latest");
    }

    @Override
    public void stop() {
        // nothing to stop: the group simply stops being used
    }
}
