package fr.maillage.booking.events;

import static fr.maillage.booking.support.Bookings.book;
import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.events.EventSchemas;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class SessionsConsumerTest {

    @Test
    void a_redelivered_or_older_event_never_overwrites_a_newer_state() {
        var session = Sessions.session();
        session.version = 1;
        UUID firstEventId = UUID.randomUUID();
        String first = Sessions.envelope(firstEventId, "SessionPlanned", 1, session.data());
        Sessions.send(first, session.id);
        session.capacity = 8;
        session.version = 1;
        Sessions.publish(session, "SessionChanged"); // version 2, waits until applied
        given().get("/api/v1/slots/" + session.id).then().body("capacity", equalTo(8));

        Sessions.send(first, session.id); // duplicate delivery of version 1
        var stale = session.data();
        stale.put("capacity", 2);
        Sessions.send(Sessions.envelope(UUID.randomUUID(), "SessionChanged", 1, stale), session.id); // older version
        // a sentinel on the same key (same partition, consumed in order): once it shows, both were consumed
        var sentinel = Sessions.session();
        Sessions.send(Sessions.envelope(UUID.randomUUID(), "SessionPlanned", 1, sentinel.data()), session.id);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/slots/" + sentinel.id).statusCode() == 200);
        given().get("/api/v1/slots/" + session.id).then().body("capacity", equalTo(8));
    }

    @Test
    void a_poison_message_goes_to_the_dead_letter_topic_and_does_not_block_the_partition() {
        try (Events dlq = new Events("booking.dlq.v1")) {
            var broken = Sessions.session();
            Map<String, Object> data = broken.data();
            data.remove("bookingRules");
            String poison = Sessions.envelope(UUID.randomUUID(), "SessionPlanned", 1, data);
            Sessions.send(poison, broken.id);
            Sessions.send("{pas du json", broken.id);
            var parked = dlq.await(r -> r.value().equals(poison) || r.value().equals("{pas du json"), 2);
            // a running stack's booking-service (same topics) may park its own copies: count distinct messages
            assertEquals(2, parked.stream().map(Events.Received::value).distinct().count());
            given().get("/api/v1/slots/" + broken.id).then().statusCode(404);
        }
        // same key, hence same partition: the next event is still consumed
        Sessions.plan(Sessions.session());
    }

    @Test
    void a_cancelled_session_cancels_its_bookings_and_tells_everyone() {
        var session = Sessions.plan(Sessions.session().with(s -> {
            s.capacity = 1;
            s.waitingList = true;
        }));
        String confirmed = book(session.id);
        String waiting = post(request(session.id, uniquePhone(), null)).then().body("status", equalTo("waitlisted"))
                .extract().path("id");
        try (Events events = new Events("booking.bookings.v1", "booking.slots.v1")) {
            session.status = "cancelled";
            session.cancelReason = "Conseillère numérique en formation";
            Sessions.publish(session, "SessionCancelled");
            for (String id : List.of(confirmed, waiting)) {
                asAdmin().get("/api/v1/bookings/" + id).then().body("status", equalTo("cancelled_by_service"))
                        .body("cancelReason", equalTo("Conseillère numérique en formation"));
                var cancelled = events.await(Events.about(UUID.fromString(id), "BookingCancelled"), 1).get(0);
                assertEquals(List.of(), EventSchemas.produced("booking.bookings.v1", cancelled.json()));
                assertEquals("Conseillère numérique en formation", cancelled.data().path("cancelReason").asText());
            }
            var slotEvents = events.await(r -> Events.about(session.id).test(r)
                    && "cancelled".equals(r.data().path("status").asText()), 1);
            assertEquals(0, slotEvents.get(0).data().path("confirmed").asInt());
        }
        given().get("/api/v1/slots/" + session.id).then().body("status", equalTo("cancelled")).body("confirmed", equalTo(0))
                .body("waitlisted", equalTo(0));
    }

    @Test
    void a_capacity_increase_promotes_the_waiting_list_and_a_decrease_never_evicts() {
        var session = Sessions.plan(Sessions.session().with(s -> {
            s.capacity = 1;
            s.waitingList = true;
        }));
        book(session.id);
        String waiting = post(request(session.id, uniquePhone(), null)).then().extract().path("id");
        session.capacity = 2;
        Sessions.publish(session, "SessionChanged");
        asAdmin().get("/api/v1/bookings/" + waiting).then().body("status", equalTo("confirmed"));
        session.capacity = 1;
        Sessions.publish(session, "SessionChanged");
        given().get("/api/v1/slots/" + session.id).then().body("capacity", equalTo(2)).body("confirmed", equalTo(2))
                .body("remaining", equalTo(0));
        asAdmin().queryParam("slotId", session.id).queryParam("status", "confirmed").get("/api/v1/bookings").then()
                .body("total", equalTo(2));
    }

    @Test
    void the_consumer_schema_matches_what_the_tests_publish() throws Exception {
        var event = Sessions.JSON.readTree(Sessions.envelope(UUID.randomUUID(), "SessionPlanned", 1, Sessions.session().data()));
        assertEquals(List.of(), EventSchemas.consumed("offers.sessions.v1", event));
        // what these tests publish is also valid for the producer's own schema (offers-service)
        java.nio.file.Path producer = java.nio.file.Path.of("../offers-service/src/main/resources/META-INF/events/offers.sessions.v1.schema.json");
        try (var in = java.nio.file.Files.newInputStream(producer)) {
            var schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
            assertEquals(java.util.Set.of(), schema.validate(event));
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("data")).put("capacity", 0);
        assertTrue(!EventSchemas.consumed("offers.sessions.v1", event).isEmpty());
    }

}
