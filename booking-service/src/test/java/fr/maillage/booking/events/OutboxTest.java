package fr.maillage.booking.events;

import static fr.maillage.booking.support.Bookings.book;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.Sessions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import fr.maillage.booking.support.FreshSessionsGroup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class OutboxTest {
    @Inject
    EntityManager em;

    /**
     * A relay that crashed after Kafka acknowledged a batch but before marking it published sends
     * the batch again: the copies carry the same event id, which is what consumers deduplicate on.
     */
    @Test
    void a_relay_crash_mid_batch_republishes_the_same_event_ids() {
        var session = Sessions.plan(Sessions.session());
        try (Events events = new Events("booking.bookings.v1")) {
            UUID id = UUID.fromString(book(session.id));
            var first = events.await(Events.about(id, "BookingConfirmed"), 1).get(0);
            UUID eventId = UUID.fromString(first.json().path("eventId").asText());
            await().atMost(Duration.ofSeconds(10)).until(() -> published(eventId));

            // simulate the crash: the acknowledged row is back to pending, as if the mark was never committed
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE outbox_event SET published_at = NULL WHERE id = :id").setParameter("id", eventId).executeUpdate());

            List<Events.Received> copies = events.await(Events.about(id, "BookingConfirmed"), 2);
            assertEquals(2, copies.size());
            assertEquals(copies.get(0).value(), copies.get(1).value(), "a republished event is byte-identical");
            assertEquals(1, copies.stream().map(c -> c.json().path("eventId").asText()).distinct().count());
            await().atMost(Duration.ofSeconds(10)).until(() -> published(eventId));
        }
    }

    private boolean published(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> (Boolean) em.createNativeQuery(
                "SELECT published_at IS NOT NULL FROM outbox_event WHERE id = :id").setParameter("id", eventId).getSingleResult());
    }
}
