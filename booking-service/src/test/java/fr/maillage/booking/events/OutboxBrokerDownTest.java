package fr.maillage.booking.events;

import static fr.maillage.booking.support.Bookings.book;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.booking.support.TcpProxy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The relay publishes to a bootstrap address where, at first, nothing listens (the broker is
 * unreachable from the relay's point of view). Bookings are still accepted; their events wait in the
 * outbox and are published when the address becomes reachable, every copy with the same event id.
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
@TestProfile(OutboxBrokerDownTest.UnreachableBroker.class)
class OutboxBrokerDownTest {
    static final int RELAY_PORT = TcpProxy.freePort();

    public static class UnreachableBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("maillage.outbox.bootstrap-servers", "127.0.0.1:" + RELAY_PORT);
        }
    }

    @Inject
    EntityManager em;

    @Test
    void a_booking_accepted_while_the_broker_is_unreachable_is_published_once_it_is_back() throws Exception {
        var session = Sessions.plan(Sessions.session());
        try (Events events = new Events("booking.bookings.v1")) {
            UUID id = UUID.fromString(book(session.id));
            asAdmin().get("/api/v1/bookings/" + id).then().statusCode(200).body("status", equalTo("confirmed"));

            assertEquals(0, events.during(Duration.ofSeconds(5), Events.about(id)).size(), "nothing can be published yet");
            assertTrue(pending(id) > 0, "the event waits in the outbox");

            try (TcpProxy broker = TcpProxy.start(RELAY_PORT, "127.0.0.1", 9092)) {
                var published = events.await(Events.about(id, "BookingConfirmed"), 1);
                assertEquals(id.toString(), published.get(0).data().path("id").asText());
                await().atMost(Duration.ofSeconds(15)).until(() -> pending(id) == 0);
                // At-least-once: a batch interrupted by the outage may be sent again, but every copy is the
                // same event (same eventId), which is what consumers deduplicate on.
                var copies = events.during(Duration.ofSeconds(2), Events.about(id, "BookingConfirmed"));
                assertEquals(1, copies.stream().map(c -> c.json().path("eventId").asText()).distinct().count());
                assertEquals(1, copies.stream().map(Events.Received::value).distinct().count());
            }
        }
    }

    private long pending(UUID aggregateId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE aggregate_id = :id AND published_at IS NULL")
                .setParameter("id", aggregateId.toString()).getSingleResult()).longValue());
    }
}
