package fr.maillage.booking.api;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.domain.Roster;
import fr.maillage.booking.support.Directory;
import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.crypto.SealedData;
import fr.maillage.platform.events.EventSchemas;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** Issue 19 A: shifts per permanence, the permanences list, rosters, candidates and staffing requests. */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class PermanenceStaffingTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Inject
    SealedData sealed;

    /** A 2-hour permanence cut into four 30-minute sessions of one offer at one place, at 09:00 local {@code days} ahead. */
    private static List<Sessions.Session> permanence(UUID partner, int days) {
        OffsetDateTime nine = OffsetDateTime.now(PARIS).plusDays(days).withHour(9).truncatedTo(ChronoUnit.HOURS)
                .atZoneSameInstant(PARIS).toOffsetDateTime();
        UUID offer = UUID.randomUUID();
        UUID place = UUID.randomUUID();
        List<Sessions.Session> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int index = i;
            sessions.add(Sessions.plan(Sessions.session().with(s -> {
                s.partnerId = partner;
                s.offerId = offer;
                s.placeId = place;
                s.durationMinutes = 30;
                s.start = nine.plusMinutes(30L * index);
            })));
        }
        return sessions;
    }

    private static String day(OffsetDateTime start) {
        return Roster.DAYS.get(start.atZoneSameInstant(PARIS).getDayOfWeek().getValue() - 1);
    }

    @Test
    void one_shift_covers_the_whole_permanence_whatever_the_slot_named() {
        UUID host = UUID.randomUUID();
        List<Sessions.Session> slots = permanence(host, 3);
        UUID first = slots.get(0).id;
        UUID third = slots.get(2).id;
        UUID volunteer = Directory.person(host);
        String agent = Tokens.agent(host);
        Tokens.as(agent).get("/api/v1/permanences/" + third).then().statusCode(200)
                .body("id", equalTo(first.toString())).body("slotIds", hasSize(4)).body("status", equalTo("planned"))
                .body("understaffed", equalTo(true)).body("requiredStaff", equalTo(1)).body("staff", empty())
                .body("capacity", equalTo(12)).body("offerThemes", contains("aide_demarches"));
        Tokens.as(agent).queryParam("understaffed", true).get("/api/v1/permanences").then().statusCode(200)
                .header("X-Total-Count", "1").body("items[0].id", equalTo(first.toString()));
        try (Events events = new Events("booking.shifts.v1")) {
            String shiftId = Tokens.as(agent).contentType(ContentType.JSON).body(Map.of("personId", volunteer))
                    .post("/api/v1/permanences/" + first + "/shifts").then().statusCode(201)
                    .body("permanenceId", equalTo(first.toString())).body("slotId", equalTo(first.toString()))
                    .extract().path("id");
            // the same person through another slot of the same permanence: it is the same permanence
            Tokens.as(agent).contentType(ContentType.JSON).body(Map.of("personId", volunteer))
                    .post("/api/v1/slots/" + third + "/shifts").then().spec(problem(409, "personId"));
            var assigned = events.await(Events.about(UUID.fromString(shiftId), "ShiftAssigned"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.shifts.v1", assigned.json()));
            assertTrue(OffsetDateTime.parse(assigned.data().path("start").asText()).isEqual(slots.get(0).start));
            assertTrue(OffsetDateTime.parse(assigned.data().path("end").asText()).isEqual(slots.get(3).start.plusMinutes(30)));
            assertEquals(first.toString(), assigned.data().path("permanenceId").asText());
            assertEquals(1, events.during(java.time.Duration.ofSeconds(1), r -> "ShiftAssigned".equals(r.type())
                    && r.data().path("personId").asText().equals(volunteer.toString())).size(),
                    "one ShiftAssigned for the whole permanence");
            Tokens.as(agent).get("/api/v1/slots/" + slots.get(3).id + "/shifts").then().statusCode(200).body("", hasSize(1))
                    .body("[0].id", equalTo(shiftId));
            Tokens.as(agent).get("/api/v1/permanences/" + first).then().body("understaffed", equalTo(false))
                    .body("staff[0].shiftId", equalTo(shiftId)).body("staff[0].personId", equalTo(volunteer.toString()));
            Tokens.as(agent).queryParam("understaffed", true).get("/api/v1/permanences").then().header("X-Total-Count", "0");
            Tokens.as(Tokens.volunteer(volunteer)).get("/api/v1/bookings/shifts").then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].permanenceId", equalTo(first.toString()));
            String ics = Tokens.as(Tokens.volunteer(volunteer)).get("/api/v1/bookings/shifts.ics").then().statusCode(200)
                    .extract().asString();
            assertEquals(1, ics.split("BEGIN:VEVENT").length - 1, ics);
            // removed through the slot-based path with another slot of the permanence
            Tokens.as(agent).delete("/api/v1/slots/" + third + "/shifts/" + shiftId).then().statusCode(200)
                    .body("status", equalTo("cancelled"));
            var cancelled = events.await(Events.about(UUID.fromString(shiftId), "ShiftCancelled"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.shifts.v1", cancelled.json()));
        }
        // another organisation neither sees nor staffs it
        Tokens.as(Tokens.agent(UUID.randomUUID())).get("/api/v1/permanences/" + first).then().spec(problem(403));
        Tokens.as(Tokens.agent(UUID.randomUUID())).queryParam("partnerId", host).get("/api/v1/permanences").then()
                .spec(problem(403, "partnerId"));
        Tokens.as(Tokens.volunteer(volunteer)).get("/api/v1/permanences").then().statusCode(403);
        asAdmin().get("/api/v1/permanences/" + UUID.randomUUID()).then().spec(problem(404));
        asAdmin().queryParam("from", "2027-01-01T00:00:00+01:00").queryParam("to", "2027-06-01T00:00:00+01:00")
                .get("/api/v1/permanences").then().spec(problem(400, "to"));
    }

    @Test
    void a_roster_is_read_and_replaced_by_the_person_their_structure_or_an_admin() {
        UUID host = UUID.randomUUID();
        UUID person = Directory.person(host);
        String self = Tokens.volunteer(person);
        Tokens.as(self).get("/api/v1/staff/" + person + "/availability").then().statusCode(200)
                .body("personId", equalTo(person.toString())).body("weekly", empty()).body("excludedMonths", empty())
                .body("themes", empty());
        Map<String, Object> roster = Map.of("weekly", List.of(Map.of("day", "TU", "start", "09:00", "end", "12:00"),
                Map.of("day", "TU", "start", "14:00", "end", "17:00")), "excludedMonths", List.of(8),
                "themes", List.of("aide_demarches"));
        Tokens.as(self).contentType(ContentType.JSON).body(roster).put("/api/v1/staff/" + person + "/availability").then()
                .statusCode(200).body("weekly", hasSize(2)).body("weekly[0].day", equalTo("TU"))
                .body("weekly[0].start", equalTo("09:00")).body("excludedMonths", contains(8))
                .body("updatedAt", notNullValue());
        Tokens.as(Tokens.agent(host)).get("/api/v1/staff/" + person + "/availability").then().statusCode(200)
                .body("weekly[1].end", equalTo("17:00"));
        Map<String, Object> wrong = Map.of("weekly", List.of(Map.of("day", "XX", "start", "9h", "end", "12:00"),
                Map.of("day", "MO", "start", "10:00", "end", "09:00"), Map.of("day", "TU", "start", "09:00", "end", "12:00"),
                Map.of("day", "TU", "start", "11:00", "end", "13:00")), "excludedMonths", List.of(13, 8, 8),
                "themes", List.of("cuisine"));
        Tokens.as(self).contentType(ContentType.JSON).body(wrong).put("/api/v1/staff/" + person + "/availability").then()
                .spec(problem(422, "weekly[0].day")).body("violations.field", contains("weekly[0].day", "weekly[0].start",
                        "weekly[1].end", "weekly[3]", "excludedMonths[0]", "excludedMonths[2]", "themes[0]"));
        Tokens.as(self).get("/api/v1/staff/" + person + "/availability").then().body("weekly", hasSize(2)); // unchanged
        Tokens.as(Tokens.volunteer(UUID.randomUUID())).get("/api/v1/staff/" + person + "/availability").then().statusCode(403);
        Tokens.as(Tokens.agent(UUID.randomUUID())).contentType(ContentType.JSON).body(roster)
                .put("/api/v1/staff/" + person + "/availability").then().statusCode(403);
        asAdmin().get("/api/v1/staff/" + UUID.randomUUID() + "/availability").then().spec(problem(404));
    }

    @Test
    void the_first_acceptance_staffs_the_permanence_and_the_others_are_told_it_is_covered() throws Exception {
        UUID host = UUID.randomUUID();
        List<Sessions.Session> slots = permanence(host, 4);
        UUID permanence = slots.get(0).id;
        String day = day(slots.get(0).start);
        String agent = Tokens.agent(host);
        UUID first = Directory.person(host);
        UUID second = Directory.person(host);
        UUID away = Directory.person(host); // excludes this month
        UUID otherThemes = Directory.person(host); // helps with other themes only
        UUID mornings = Directory.person(host); // available 09:00-10:00 only: does not cover 09:00-11:00
        int month = slots.get(0).start.atZoneSameInstant(PARIS).getMonthValue();
        for (UUID person : List.of(first, second, away, otherThemes, mornings)) {
            Tokens.as(agent).contentType(ContentType.JSON).body(Map.of(
                    "weekly", List.of(Map.of("day", day, "start", "08:00", "end", person.equals(mornings) ? "10:00" : "12:00")),
                    "excludedMonths", person.equals(away) ? List.of(month) : List.of(),
                    "themes", person.equals(otherThemes) ? List.of("sante") : List.of()))
                    .put("/api/v1/staff/" + person + "/availability").then().statusCode(200);
        }
        List<String> candidates = Tokens.as(agent).get("/api/v1/permanences/" + permanence + "/candidates").then()
                .statusCode(200).extract().path("personId");
        assertEquals(List.of(first, second).stream().map(UUID::toString).sorted().toList(), candidates.stream().sorted().toList());
        Tokens.as(agent).contentType(ContentType.JSON).body(Map.of("personIds", List.of(away)))
                .post("/api/v1/permanences/" + permanence + "/staffing-requests").then().spec(problem(422, "personIds[0]"));
        try (Events events = new Events("booking.shifts.v1")) {
            List<String> ids = Tokens.as(agent).contentType(ContentType.JSON).body(Map.of())
                    .post("/api/v1/permanences/" + permanence + "/staffing-requests").then().statusCode(201)
                    .body("permanenceId", equalTo(permanence.toString())).body("requests", hasSize(2))
                    .body("requests.status", contains("pending", "pending")).extract().path("requests.id");
            Map<String, String> tokens = new java.util.HashMap<>();
            for (String id : ids) {
                var requested = events.await(Events.about(UUID.fromString(id), "StaffingRequested"), 1).get(0);
                assertEquals(List.of(), EventSchemas.produced("booking.shifts.v1", requested.json()));
                String sealedUrl = requested.data().path("answerUrl").asText();
                assertTrue(sealedUrl.startsWith("s1."), "the answer link travels sealed");
                assertFalse(requested.value().contains("/benevole/reponse/"), "no answer link in clear on Kafka");
                String url = sealed.open(sealedUrl);
                assertTrue(url.contains("/benevole/reponse/"), url);
                tokens.put(requested.data().path("personId").asText(), url.substring(url.lastIndexOf('/') + 1));
            }
            // already asked: no longer a candidate
            Tokens.as(agent).get("/api/v1/permanences/" + permanence + "/candidates").then().body("", empty());
            Tokens.as(agent).get("/api/v1/permanences/" + permanence).then().body("pendingRequests", equalTo(2));
            Tokens.as(Tokens.volunteer(first)).queryParam("status", "pending").get("/api/v1/staffing-requests").then()
                    .statusCode(200).body("total", equalTo(1)).body("items[0].permanence.id", equalTo(permanence.toString()));
            String firstToken = tokens.get(first.toString());
            io.restassured.RestAssured.given().get("/api/v1/staffing-requests/by-token/" + firstToken).then().statusCode(200)
                    .body("status", equalTo("pending")).body("personId", equalTo(first.toString()));
            String shiftId = io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Map.of("answer", "accept"))
                    .post("/api/v1/staffing-requests/by-token/" + firstToken + "/answer").then().statusCode(200)
                    .body("status", equalTo("accepted")).body("shiftId", notNullValue()).extract().path("shiftId");
            var assigned = events.await(Events.about(UUID.fromString(shiftId), "ShiftAssigned"), 1).get(0);
            assertEquals(first.toString(), assigned.data().path("personId").asText());
            String secondId = ids.stream().filter(id -> !id.equals(assigned.data().path("staffingRequestId").asText()))
                    .findFirst().orElseThrow();
            var covered = events.await(Events.about(UUID.fromString(secondId), "StaffingRequestCovered"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.shifts.v1", covered.json()));
            assertEquals(second.toString(), covered.data().path("personId").asText());
            // a late acceptance: 409, the request stays covered, no second shift
            io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Map.of("answer", "accept"))
                    .post("/api/v1/staffing-requests/by-token/" + tokens.get(second.toString()) + "/answer").then()
                    .spec(problem(409, "answer"));
            Tokens.as(Tokens.volunteer(second)).contentType(ContentType.JSON).body(Map.of("answer", "maybe"))
                    .post("/api/v1/staffing-requests/" + secondId + "/answer").then().spec(problem(400, "answer"));
            Tokens.as(Tokens.volunteer(second)).contentType(ContentType.JSON).body(Map.of("answer", "decline"))
                    .post("/api/v1/staffing-requests/" + secondId + "/answer").then().spec(problem(409, "answer"));
            Tokens.as(Tokens.volunteer(first)).contentType(ContentType.JSON).body(Map.of("answer", "decline"))
                    .post("/api/v1/staffing-requests/" + secondId + "/answer").then().statusCode(403);
            Tokens.as(agent).get("/api/v1/permanences/" + permanence).then().body("staff", hasSize(1))
                    .body("understaffed", equalTo(false)).body("pendingRequests", equalTo(0));
            Tokens.as(agent).queryParam("permanenceId", permanence).get("/api/v1/staffing-requests").then()
                    .body("total", equalTo(2)).body("items.status", org.hamcrest.Matchers.containsInAnyOrder("accepted", "covered"));
            Tokens.as(agent).contentType(ContentType.JSON).body(Map.of())
                    .post("/api/v1/permanences/" + permanence + "/staffing-requests").then().spec(problem(409, "id"));
        }
        io.restassured.RestAssured.given().get("/api/v1/staffing-requests/by-token/unknown-token").then().spec(problem(404));
    }

    @Test
    void a_declined_request_is_not_asked_again_and_nobody_available_is_a_422() {
        UUID host = UUID.randomUUID();
        List<Sessions.Session> slots = permanence(host, 5);
        UUID permanence = slots.get(0).id;
        String agent = Tokens.agent(host);
        Tokens.as(agent).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/permanences/" + permanence + "/staffing-requests").then().spec(problem(422, "personIds"));
        UUID person = Directory.person(host);
        Tokens.as(agent).contentType(ContentType.JSON).body(Map.of("weekly", List.of(Map.of("day", day(slots.get(0).start),
                "start", "09:00", "end", "11:00")), "excludedMonths", List.of(), "themes", List.of()))
                .put("/api/v1/staff/" + person + "/availability").then().statusCode(200);
        String id = Tokens.as(agent).contentType(ContentType.JSON).body(Map.of("personIds", List.of(person)))
                .post("/api/v1/permanences/" + permanence + "/staffing-requests").then().statusCode(201)
                .extract().path("requests[0].id");
        Tokens.as(Tokens.volunteer(person)).contentType(ContentType.JSON).body(Map.of("answer", "decline"))
                .post("/api/v1/staffing-requests/" + id + "/answer").then().statusCode(200).body("status", equalTo("declined"));
        Tokens.as(agent).get("/api/v1/permanences/" + permanence + "/candidates").then().body("", empty());
        Tokens.as(agent).get("/api/v1/permanences/" + permanence).then().body("understaffed", equalTo(true))
                .body("pendingRequests", equalTo(0));
    }

    /** A closure of the place withdraws the pending requests of its permanences, each with its event (review 19, item 4). */
    @Test
    void a_closure_withdraws_the_pending_requests_with_their_event() {
        UUID host = UUID.randomUUID();
        List<Sessions.Session> slots = permanence(host, 6);
        UUID permanence = slots.get(0).id;
        String agent = Tokens.agent(host);
        UUID person = Directory.person(host);
        Tokens.as(agent).contentType(ContentType.JSON).body(Map.of("weekly", List.of(Map.of("day", day(slots.get(0).start),
                "start", "09:00", "end", "11:00")), "excludedMonths", List.of(), "themes", List.of()))
                .put("/api/v1/staff/" + person + "/availability").then().statusCode(200);
        String id = Tokens.as(agent).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/permanences/" + permanence + "/staffing-requests").then().statusCode(201)
                .extract().path("requests[0].id");
        String date = slots.get(0).start.atZoneSameInstant(PARIS).toLocalDate().toString();
        try (Events events = new Events("booking.shifts.v1")) {
            Tokens.as(agent).contentType(ContentType.JSON).body(Map.of("placeId", slots.get(0).placeId, "from", date,
                    "to", date, "reason", "travaux")).post("/api/v1/absences").then().statusCode(201);
            var cancelled = events.await(Events.about(UUID.fromString(id), "StaffingRequestCancelled"), 1);
            assertEquals("cancelled", cancelled.get(0).data().path("status").asText());
            assertEquals(person.toString(), cancelled.get(0).data().path("personId").asText());
        }
        Tokens.as(agent).queryParam("permanenceId", permanence).queryParam("personId", person)
                .get("/api/v1/staffing-requests").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].status", equalTo("cancelled"));
        Tokens.as(Tokens.volunteer(person)).contentType(ContentType.JSON).body(Map.of("answer", "accept"))
                .post("/api/v1/staffing-requests/" + id + "/answer").then().spec(problem(409, "answer"));
    }
}
