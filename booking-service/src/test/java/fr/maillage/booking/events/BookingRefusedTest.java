package fr.maillage.booking.events;

import static fr.maillage.booking.support.Bookings.count;
import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.events.EventSchemas;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 20 §2a: every booking event carries the need's theme code; a booking refused because the slot is full and no
 * waiting list takes it leaves BookingRefused (aggregate = the slot, no person) in a transaction of its own — also when
 * the request's own transaction (an Idempotency-Key) rolls back — and no other refusal emits anything.
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class BookingRefusedTest {
    private static final String TOPIC = "booking.bookings.v1";

    private static Map<String, Object> withResidence(Map<String, Object> body, String insee) {
        @SuppressWarnings("unchecked")
        Map<String, Object> person = (Map<String, Object>) body.get("person");
        person.put("residenceInsee", insee);
        return body;
    }

    @Test
    void a_booking_refused_because_full_is_recorded_without_any_person() {
        var full = Sessions.plan(Sessions.session().with(s -> s.capacity = 1));
        try (Events events = new Events(TOPIC)) {
            String id = post(withResidence(request(full.id, uniquePhone(), null), "80338")).then().statusCode(201)
                    .extract().path("id");
            Events.Received confirmed = events.await(Events.about(UUID.fromString(id), "BookingConfirmed"), 1).get(0);
            assertEquals("aide_demarches", confirmed.data().path("theme").asText(), "every booking event carries the theme");
            assertEquals(List.of(), EventSchemas.produced(TOPIC, confirmed.json()));

            String phone = uniquePhone();
            post(withResidence(request(full.id, phone, "refus@example.org"), "80021")).then().spec(problem(409, "slotId"));
            // the same refusal through an Idempotency-Key: the request's transaction (the key's claim) rolls back, the
            // trace stays
            Tokens.asAdmin().contentType(ContentType.JSON).header("Idempotency-Key", "refused-" + UUID.randomUUID())
                    .body(request(full.id, uniquePhone(), null)).post("/api/v1/bookings").then().spec(problem(409, "slotId"));

            List<Events.Received> refused = events.await(Events.about(full.id, "BookingRefused"), 2);
            assertEquals(2, refused.size());
            Events.Received first = refused.stream().filter(r -> !r.data().path("residenceInsee").isNull()).findFirst()
                    .orElseThrow();
            JsonNode data = first.data();
            assertEquals(List.of(), EventSchemas.produced(TOPIC, first.json()));
            assertEquals(full.id.toString(), first.json().path("aggregateId").asText());
            assertEquals(full.id.toString(), data.path("slotId").asText());
            assertEquals(full.offerId.toString(), data.path("offerId").asText());
            assertEquals(full.placeId.toString(), data.path("placeId").asText());
            assertEquals(full.partnerId.toString(), data.path("partnerId").asText());
            assertEquals(full.start.toInstant(), OffsetDateTime.parse(data.path("start").asText()).toInstant());
            assertEquals("aide_demarches", data.path("theme").asText());
            assertEquals("80021", data.path("residenceInsee").asText());
            assertEquals("full", data.path("reason").asText());
            assertEquals("citizen", data.path("bookedBy").asText());
            for (String personal : List.of("id", "contact", "person", "firstName", "lastName", "phone", "email", "need")) {
                assertFalse(data.has(personal), personal + " must not travel in BookingRefused");
            }
            assertFalse(first.value().contains(phone.replace(" ", "").substring(1)), "no phone anywhere in the event");
            assertFalse(first.value().contains("refus@example.org"), "no e-mail anywhere in the event");
            assertTrue(refused.stream().anyMatch(r -> r.data().path("residenceInsee").isNull()));
        }
        assertEquals(1, count(full.id), "the refused requests stored no booking");
    }

    @Test
    void other_refusals_and_a_waiting_list_emit_no_booking_refused() {
        var full = Sessions.plan(Sessions.session().with(s -> s.capacity = 1));
        var queue = Sessions.plan(Sessions.session().with(s -> {
            s.capacity = 1;
            s.waitingList = true;
        }));
        var past = Sessions.plan(Sessions.session().with(s -> s.start = s.start.minusDays(4)));
        try (Events events = new Events(TOPIC)) {
            String holder = uniquePhone();
            post(request(full.id, holder, null)).then().statusCode(201);
            post(request(full.id, holder, null)).then().spec(problem(409, "person.phone")); // same person: not full
            post(request(full.id, "12", null)).then().statusCode(org.hamcrest.Matchers.oneOf(400, 422)); // invalid phone
            Map<String, Object> otherTheme = request(full.id, uniquePhone(), null);
            otherTheme.put("need", Map.of("theme", "parentalite"));
            post(otherTheme).then().spec(problem(422, "need.theme"));                        // not the offer's theme
            Map<String, Object> noContact = request(full.id, null, null);
            post(noContact).then().spec(problem(422, "person.phone"));                        // no contact
            post(request(past.id, uniquePhone(), null)).then().statusCode(422);               // slot past
            post(request(queue.id, uniquePhone(), null)).then().statusCode(201).body("status", org.hamcrest.Matchers
                    .equalTo("confirmed"));
            post(request(queue.id, uniquePhone(), null)).then().statusCode(201).body("status", org.hamcrest.Matchers
                    .equalTo("waitlisted"));                                                   // full, but queued
            assertEquals(List.of(), events.during(Duration.ofSeconds(4), r -> "BookingRefused".equals(r.type())
                    && List.of(full.id.toString(), queue.id.toString(), past.id.toString()).contains(r.key())));
        }
    }
}
