package fr.maillage.booking.support;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Each test boot consumes offers.sessions.v1 and directory.people.v1 with its own consumer groups from the end of the
 * topics:
 * the shared broker holds the events of every earlier run and of other services' tests, which this
 * run must neither wait for nor apply. {@link Sessions} and {@link Directory} wait for the partition assignment
 * before publishing, so nothing the tests publish is missed.
 */
public class FreshSessionsGroup implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        String group = "booking-test-" + UUID.randomUUID();
        return Map.of("mp.messaging.incoming.offers-sessions.group.id", group,
                "mp.messaging.incoming.offers-sessions.auto.offset.reset", "latest",
                "mp.messaging.incoming.directory-people.group.id", group + "-people",
                "mp.messaging.incoming.directory-people.auto.offset.reset", "latest",
                "mp.messaging.incoming.directory-partners.group.id", group + "-partners",
                "mp.messaging.incoming.directory-partners.auto.offset.reset", "latest");
    }

    @Override
    public void stop() {
        // nothing to stop: the group simply stops being used
    }
}
