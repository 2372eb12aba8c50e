package fr.maillage.booking.events;

import static fr.maillage.booking.support.Bookings.book;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fr.maillage.booking.support.Bookings;
import fr.maillage.booking.support.Events;
import fr.maillage.platform.testing.Tokens;
import io.restassured.http.ContentType;
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

    /**
     * The trace context of the request that booked and its request id are stored with the outbox rows it wrote and go
     * with their Kafka records, so the consumers continue that trace and log that id (issue 23). The caller's
     * traceparent is marked not sampled: the spans are real but nothing is exported from the module tests.
     */
    @Test
    void the_request_trace_context_and_request_id_go_from_the_outbox_row_to_the_kafka_headers() {
        var session = Sessions.plan(Sessions.session());
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String requestId = "test-" + UUID.randomUUID();
        try (Events events = new Events("booking.bookings.v1")) {
            UUID id = UUID.fromString(Tokens.as(Tokens.admin()).contentType(ContentType.JSON)
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-00").header("X-Request-Id", requestId)
                    .body(Bookings.request(session.id, Bookings.uniquePhone(), null)).post("/api/v1/bookings")
                    .then().statusCode(201).extract().path("id"));
            var event = events.await(Events.about(id, "BookingConfirmed"), 1).get(0);
            UUID eventId = UUID.fromString(event.json().path("eventId").asText());

            String stored = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                    "SELECT CAST(headers AS text) FROM outbox_event WHERE id = :id").setParameter("id", eventId).getSingleResult());
            JsonNode row = Sessions.JSON.readTree(stored);
            assertEquals(requestId, row.path("X-Request-Id").asText(), stored);
            String storedParent = row.path("traceparent").asText();
            assertTrue(storedParent.startsWith("00-" + traceId + "-"), "the request's trace: " + stored);

            assertEquals(requestId, event.headers().get("X-Request-Id"), event.headers().toString());
            String sent = event.headers().get("traceparent");
            assertTrue(sent != null && sent.startsWith("00-" + traceId + "-"), "same trace on Kafka: " + event.headers());
            assertNotEquals(storedParent, sent, "the relay's publish span is the parent the consumer sees");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private boolean published(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> (Boolean) em.createNativeQuery(
                "SELECT published_at IS NOT NULL FROM outbox_event WHERE id = :id").setParameter("id", eventId).getSingleResult());
    }
}
