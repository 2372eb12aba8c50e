package fr.maillage.booking.api;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.support.Bookings;
import fr.maillage.booking.support.Directory;
import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.events.EventSchemas;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 19 §B: absences of a person and closures of a place — preview, declaration and its effects in one transaction
 * (slots closed, bookings moved through the reschedule's path or cancelled with a reason and a link to book again,
 * shifts removed), the closure kept when offers re-sends a session and applied to a session arriving inside it,
 * withdrawal, who may.
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class AbsenceTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalDate DAY = LocalDate.now(PARIS).plusDays(3);

    private static OffsetDateTime at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(PARIS).toOffsetDateTime();
    }

    private static Sessions.Session slot(UUID offer, UUID partner, UUID place, OffsetDateTime start, int capacity) {
        return Sessions.plan(Sessions.session().with(s -> {
            s.offerId = offer;
            s.partnerId = partner;
            s.placeId = place;
            s.start = start;
            s.durationMinutes = 30;
            s.capacity = capacity;
        }));
    }

    private static Map<String, Object> closure(UUID place, LocalDate from, LocalDate to, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("placeId", place);
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("reason", reason);
        return body;
    }

    private static ValidatableResponse post(String token, String path, Object body) {
        return Tokens.as(token).contentType(ContentType.JSON).body(body).post(path).then();
    }

    @Test
    void a_place_closure_closes_its_sessions_moves_or_cancels_the_bookings_and_removes_the_shift() {
        UUID partner = UUID.randomUUID();
        UUID place = UUID.randomUUID();
        UUID offer = UUID.randomUUID();
        // day 1: a permanence of two 30-minute slots; day 2: one slot; day 3 (not closed): one slot with one seat
        var first = slot(offer, partner, place, at(DAY, 9, 0), 3);
        var second = slot(offer, partner, place, at(DAY, 9, 30), 3);
        var nextDay = slot(offer, partner, place, at(DAY.plusDays(1), 9, 0), 3);
        var later = slot(offer, partner, place, at(DAY.plusDays(2), 9, 0), 1);
        String moved = Bookings.book(first.id);
        String cancelled = Bookings.book(first.id);
        String agent = Tokens.agent(partner);
        UUID volunteer = Directory.person(partner);
        String shiftId = post(agent, "/api/v1/slots/" + first.id + "/shifts", Map.of("personId", volunteer))
                .statusCode(201).extract().path("id");
        Map<String, Object> body = closure(place, DAY, DAY.plusDays(1), "travaux");

        // the preview lists everything and changes nothing
        post(agent, "/api/v1/absences/preview", body).statusCode(200)
                .body("kind", equalTo("place")).body("from", equalTo(DAY.toString()))
                .body("sessions", hasSize(3))
                .body("sessions[0].slotId", equalTo(first.id.toString()))
                .body("sessions[0].permanenceId", equalTo(first.id.toString()))
                .body("sessions[1].permanenceId", equalTo(first.id.toString()))
                .body("sessions[2].slotId", equalTo(nextDay.id.toString()))
                .body("sessions[0].bookings", equalTo(2))
                .body("bookings", hasSize(2))
                .body("bookings[0].bookingId", equalTo(moved))
                .body("bookings[0].outcome", equalTo("moved"))
                .body("bookings[0].movedTo.slotId", equalTo(later.id.toString()))
                .body("bookings[0].firstName", equalTo("Josiane"))
                .body("bookings[1].bookingId", equalTo(cancelled))
                .body("bookings[1].outcome", equalTo("cancelled"))
                .body("shifts", hasSize(1)).body("shifts[0].shiftId", equalTo(shiftId));
        Tokens.asAdmin().get("/api/v1/slots/" + first.id).then().statusCode(200).body("closed", equalTo(false))
                .body("confirmed", equalTo(2));
        Tokens.asAdmin().get("/api/v1/bookings/" + moved).then().body("slotId", equalTo(first.id.toString()));

        String absenceId;
        try (Events events = new Events("booking.bookings.v1", "booking.shifts.v1", "booking.slots.v1")) {
            var answer = post(agent, "/api/v1/absences", body).statusCode(201).body("effects.sessions", hasSize(3))
                    .body("effects.bookings[0].outcome", equalTo("moved")).extract();
            absenceId = answer.path("id");
            assertTrue(answer.header("Location").endsWith("/api/v1/absences/" + absenceId));
            var rescheduled = events.await(Events.about(UUID.fromString(moved), "BookingRescheduled"), 1).get(0);
            assertEquals(absenceId, rescheduled.data().path("absenceId").asText());
            assertEquals(List.of(), EventSchemas.produced("booking.bookings.v1", rescheduled.json()));
            assertEquals("Fermeture exceptionnelle du lieu : travaux", rescheduled.data().path("reason").asText());
            assertEquals(later.id.toString(), rescheduled.data().path("slotId").asText());
            assertTrue(OffsetDateTime.parse(rescheduled.data().path("previousStart").asText()).isEqual(first.start));

            var cancel = events.await(Events.about(UUID.fromString(cancelled), "BookingCancelled"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.bookings.v1", cancel.json()));
            assertEquals("cancelled_by_service", cancel.data().path("status").asText());
            assertEquals("Fermeture exceptionnelle du lieu : travaux", cancel.data().path("cancelReason").asText());
            assertEquals(absenceId, cancel.data().path("absenceId").asText());
            assertTrue(cancel.data().path("rebookUrl").asText().endsWith("/offres/" + offer), cancel.value());

            var shift = events.await(Events.about(UUID.fromString(shiftId), "ShiftCancelled"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.shifts.v1", shift.json()));
            assertEquals(absenceId, shift.data().path("absenceId").asText());
            assertEquals(DAY.toString(), shift.data().path("absenceFrom").asText());
            assertEquals(DAY.plusDays(1).toString(), shift.data().path("absenceTo").asText());

            var closed = events.await(r -> r.topic().equals("booking.slots.v1") && r.key().equals(second.id.toString())
                    && r.data().path("closed").asBoolean(), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.slots.v1", closed.json()));
            assertEquals("cancelled", closed.data().path("status").asText());
            assertEquals("Fermeture exceptionnelle du lieu : travaux", closed.data().path("closedReason").asText());
        }
        Tokens.as(agent).get("/api/v1/absences/" + absenceId).then().statusCode(200).body("status", equalTo("active"))
                .body("kind", equalTo("place")).body("placeId", equalTo(place.toString()))
                .body("reason", equalTo("travaux")).body("effects", nullValue());
        Tokens.asAdmin().get("/api/v1/bookings/" + moved).then().body("slotId", equalTo(later.id.toString()))
                .body("status", equalTo("confirmed"));
        Tokens.asAdmin().get("/api/v1/bookings/" + cancelled).then().body("status", equalTo("cancelled_by_service"));
        Tokens.asAdmin().get("/api/v1/slots/" + first.id).then().body("closed", equalTo(true))
                .body("closedReason", equalTo("Fermeture exceptionnelle du lieu : travaux")).body("confirmed", equalTo(0));

        // a closed slot is refused like a cancelled one, also after offers re-sends the session
        Bookings.post(Bookings.request(second.id, Bookings.uniquePhone(), null)).then().statusCode(409)
                .body("field", equalTo("slotId"));
        Sessions.publish(second.with(s -> s.capacity = 4), "SessionChanged");
        Tokens.asAdmin().get("/api/v1/slots/" + second.id).then().body("closed", equalTo(true)).body("capacity", equalTo(4));
        Bookings.post(Bookings.request(second.id, Bookings.uniquePhone(), null)).then().statusCode(409);
        // a session planned inside the closure arrives closed
        var arriving = slot(offer, partner, place, at(DAY, 14, 0), 3);
        Tokens.asAdmin().get("/api/v1/slots/" + arriving.id).then().body("closed", equalTo(true));
        Bookings.post(Bookings.request(arriving.id, Bookings.uniquePhone(), null)).then().statusCode(409);
        // not an available slot any more
        Tokens.asAdmin().queryParam("offerId", offer).queryParam("available", true).get("/api/v1/slots").then()
                .statusCode(200).body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(second.id.toString())))
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(arriving.id.toString())));

        // listing is scoped to the organisation
        Tokens.as(agent).queryParam("placeId", place).get("/api/v1/absences").then().statusCode(200)
                .header("X-Total-Count", "1").body("items[0].id", equalTo(absenceId));
        Tokens.as(Tokens.agent(UUID.randomUUID())).queryParam("placeId", place).get("/api/v1/absences").then()
                .statusCode(200).body("total", equalTo(0));
        Tokens.as(Tokens.agent(UUID.randomUUID())).get("/api/v1/absences/" + absenceId).then().spec(problem(404));

        // withdrawn: the slots reopen; what was moved or cancelled stays so
        Tokens.as(Tokens.agent(UUID.randomUUID())).delete("/api/v1/absences/" + absenceId).then().spec(problem(404));
        Tokens.as(agent).delete("/api/v1/absences/" + absenceId).then().statusCode(200)
                .body("status", equalTo("withdrawn"));
        Tokens.as(agent).delete("/api/v1/absences/" + absenceId).then().spec(problem(409));
        Tokens.asAdmin().get("/api/v1/slots/" + second.id).then().body("closed", equalTo(false));
        Bookings.book(second.id);
        Tokens.asAdmin().get("/api/v1/bookings/" + cancelled).then().body("status", equalTo("cancelled_by_service"));
    }

    @Test
    void the_declaration_is_idempotent_and_answers_its_effects() {
        UUID partner = UUID.randomUUID();
        UUID place = UUID.randomUUID();
        var only = slot(UUID.randomUUID(), partner, place, at(DAY, 10, 0), 2);
        String booking = Bookings.book(only.id);
        String agent = Tokens.agent(partner);
        Map<String, Object> body = closure(place, DAY, DAY, null);
        var created = Tokens.as(agent).contentType(ContentType.JSON).header("Idempotency-Key", "closure-" + place)
                .body(body).post("/api/v1/absences").then().statusCode(201)
                .body("effects.sessions", hasSize(1)).body("effects.bookings[0].bookingId", equalTo(booking))
                .body("effects.bookings[0].outcome", equalTo("cancelled")).body("status", equalTo("active"))
                .extract();
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/v1/absences/" + id));
        Tokens.as(agent).contentType(ContentType.JSON).header("Idempotency-Key", "closure-" + place).body(body)
                .post("/api/v1/absences").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
        Tokens.as(agent).queryParam("placeId", place).get("/api/v1/absences").then().body("total", equalTo(1));
        Tokens.asAdmin().get("/api/v1/bookings/" + booking).then().body("status", equalTo("cancelled_by_service"))
                .body("cancelReason", equalTo("Fermeture exceptionnelle du lieu"));
    }

    @Test
    void a_person_absence_closes_the_sessions_they_alone_run() {
        UUID partner = UUID.randomUUID();
        UUID place = UUID.randomUUID();
        UUID volunteer = Directory.person(partner);
        UUID colleague = Directory.person(partner);
        var alone = Sessions.plan(Sessions.session().with(s -> {
            s.partnerId = partner;
            s.placeId = place;
            s.start = at(DAY, 9, 0);
            s.staffIds = List.of(volunteer);
        }));
        var together = Sessions.plan(Sessions.session().with(s -> {
            s.partnerId = partner;
            s.placeId = place;
            s.start = at(DAY, 9, 0);
            s.staffIds = List.of(volunteer, colleague);
        }));
        String booking = Bookings.book(alone.id);
        Map<String, Object> body = new HashMap<>();
        body.put("personId", volunteer);
        body.put("from", DAY.toString());
        body.put("to", DAY.toString());
        body.put("reason", "rendez-vous médical");
        // another volunteer may not declare it; the volunteer themselves may
        post(Tokens.volunteer(colleague), "/api/v1/absences", body).spec(problem(403));
        post(Tokens.agent(UUID.randomUUID()), "/api/v1/absences", body).spec(problem(403));
        try (Events events = new Events("booking.bookings.v1")) {
            post(Tokens.volunteer(volunteer), "/api/v1/absences", body).statusCode(201).body("kind", equalTo("person"))
                    .body("effects.sessions", hasSize(1)).body("effects.sessions[0].slotId", equalTo(alone.id.toString()));
            var cancel = events.await(Events.about(UUID.fromString(booking), "BookingCancelled"), 1).get(0);
            // the person's own reason is not told to the people booked
            assertEquals("Absence exceptionnelle de l'intervenant", cancel.data().path("reason").asText());
        }
        Tokens.asAdmin().get("/api/v1/slots/" + alone.id).then().body("closed", equalTo(true));
        Tokens.asAdmin().get("/api/v1/slots/" + together.id).then().body("closed", equalTo(false));
        Tokens.as(Tokens.volunteer(volunteer)).get("/api/v1/absences").then().body("total", equalTo(1))
                .body("items[0].reason", equalTo("rendez-vous médical"));
        Tokens.as(Tokens.volunteer(colleague)).get("/api/v1/absences").then().body("total", equalTo(0));
    }

    @Test
    void bad_declarations_are_refused_naming_the_field_and_change_nothing() {
        UUID partner = UUID.randomUUID();
        UUID place = UUID.randomUUID();
        var s = slot(UUID.randomUUID(), partner, place, at(DAY, 11, 0), 2);
        String agent = Tokens.agent(partner);
        Map<String, Object> both = closure(place, DAY, DAY, null);
        both.put("personId", UUID.randomUUID());
        post(agent, "/api/v1/absences", both).spec(problem(422, "personId"));
        Map<String, Object> neither = closure(place, DAY, DAY, null);
        neither.remove("placeId");
        post(agent, "/api/v1/absences", neither).spec(problem(422, "personId"));
        post(agent, "/api/v1/absences", closure(place, DAY, DAY.minusDays(1), null)).spec(problem(422, "to"));
        post(agent, "/api/v1/absences", closure(place, DAY, DAY.plusDays(366), null)).spec(problem(422, "to"));
        LocalDate past = LocalDate.now(PARIS).minusDays(2);
        post(agent, "/api/v1/absences", closure(place, past.minusDays(1), past, null)).spec(problem(422, "to"));
        post(agent, "/api/v1/absences/preview", closure(place, DAY, DAY, "x".repeat(201))).spec(problem(400, "reason"));
        post(agent, "/api/v1/absences/preview", closure(place, DAY, DAY, "travaux\nurgents")).spec(problem(400, "reason"));
        Map<String, Object> noFrom = closure(place, DAY, DAY, null);
        noFrom.remove("from");
        post(agent, "/api/v1/absences", noFrom).spec(problem(400, "from"));
        post(Tokens.volunteer(UUID.randomUUID()), "/api/v1/absences", closure(place, DAY, DAY, null)).spec(problem(403));
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(closure(place, DAY, DAY, null))
                .post("/api/v1/absences").then().statusCode(401);
        // an agent of another organisation closes nothing of this one's
        post(Tokens.agent(UUID.randomUUID()), "/api/v1/absences/preview", closure(place, DAY, DAY, null)).statusCode(200)
                .body("sessions", hasSize(0));
        Tokens.as(agent).queryParam("placeId", place).get("/api/v1/absences").then().body("total", equalTo(0));
        Tokens.asAdmin().get("/api/v1/slots/" + s.id).then().body("closed", equalTo(false));
    }

    @Test
    void withdrawing_one_of_two_overlapping_closures_keeps_the_slot_closed() {
        UUID partner = UUID.randomUUID();
        UUID place = UUID.randomUUID();
        var s = slot(UUID.randomUUID(), partner, place, at(DAY, 15, 0), 2);
        String agent = Tokens.agent(partner);
        String first = post(agent, "/api/v1/absences", closure(place, DAY, DAY, "travaux")).statusCode(201)
                .body("effects.sessions", hasSize(1)).extract().path("id");
        String second = post(agent, "/api/v1/absences", closure(place, DAY.minusDays(1), DAY.plusDays(1), "inventaire"))
                .statusCode(201).body("effects.sessions", hasSize(0)).extract().path("id");
        Tokens.as(agent).delete("/api/v1/absences/" + first).then().statusCode(200);
        Tokens.asAdmin().get("/api/v1/slots/" + s.id).then().body("closed", equalTo(true))
                .body("closedReason", equalTo("Fermeture exceptionnelle du lieu : inventaire"));
        Bookings.post(Bookings.request(s.id, Bookings.uniquePhone(), null)).then().statusCode(409);
        Tokens.as(agent).delete("/api/v1/absences/" + second).then().statusCode(200);
        Tokens.asAdmin().get("/api/v1/slots/" + s.id).then().body("closed", equalTo(false));
    }
}
