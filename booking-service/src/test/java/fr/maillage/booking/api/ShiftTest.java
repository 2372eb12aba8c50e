package fr.maillage.booking.api;

import static fr.maillage.platform.testing.Tokens.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.support.Directory;
import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.events.EventSchemas;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class ShiftTest {

    @Test
    void staff_are_assigned_listed_told_of_changes_and_get_a_calendar_feed() {
        var first = Sessions.plan(Sessions.session());
        var second = Sessions.plan(Sessions.session().with(s -> {
            s.partnerId = first.partnerId;
            s.start = first.start.plusDays(7);
        }));
        UUID volunteer = Directory.person(first.partnerId); // a volunteer of the host structure, in the directory
        // the host structure's agent staffs its slots; the volunteer follows their own shifts
        String hostToken = Tokens.agent(first.partnerId);
        String volunteerToken = Tokens.volunteer(volunteer);
        try (Events events = new Events("booking.shifts.v1")) {
            String shiftId = Tokens.as(hostToken).contentType(ContentType.JSON).body(Map.of("personId", volunteer))
                    .post("/api/v1/slots/" + first.id + "/shifts").then().statusCode(201)
                    .body("status", equalTo("assigned")).body("personId", equalTo(volunteer.toString())).extract().path("id");
            Tokens.as(hostToken).contentType(ContentType.JSON).body(Map.of("personId", volunteer))
                    .post("/api/v1/slots/" + second.id + "/shifts").then().statusCode(201);
            Tokens.as(hostToken).contentType(ContentType.JSON).body(Map.of("personId", volunteer))
                    .post("/api/v1/slots/" + first.id + "/shifts").then().statusCode(409).body("field", equalTo("personId"));

            var assigned = events.await(Events.about(UUID.fromString(shiftId), "ShiftAssigned"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.shifts.v1", assigned.json()));
            assertEquals("Pôle socioculturel", assigned.data().path("place").path("name").asText());

            Tokens.as(volunteerToken).get("/api/v1/bookings/shifts").then().statusCode(200)
                    .body("total", equalTo(2)).body("items[0].slotId", equalTo(first.id.toString()))
                    .body("items[1].slotId", equalTo(second.id.toString()));
            String ics = Tokens.as(volunteerToken).get("/api/v1/bookings/shifts.ics").then().statusCode(200)
                    .extract().asString();
            assertEquals(2, ics.split("BEGIN:VEVENT").length - 1, ics);
            assertTrue(ics.contains("UID:" + shiftId), ics);

            first.start = first.start.plusHours(1);
            Sessions.publish(first, "SessionChanged");
            var changed = events.await(Events.about(UUID.fromString(shiftId), "ShiftChanged"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.shifts.v1", changed.json()));
            assertEquals(2, changed.json().path("version").asLong());

            Tokens.as(hostToken).delete("/api/v1/slots/" + first.id + "/shifts/" + shiftId).then().statusCode(200)
                    .body("status", equalTo("cancelled"));
            Tokens.as(hostToken).delete("/api/v1/slots/" + first.id + "/shifts/" + shiftId).then().statusCode(409);
            events.await(Events.about(UUID.fromString(shiftId), "ShiftCancelled"), 1);
        }
        Tokens.as(volunteerToken).queryParam("personId", volunteer).get("/api/v1/bookings/shifts").then().statusCode(200)
                .body("total", equalTo(1));
        asAdmin().queryParam("personId", volunteer).get("/api/v1/bookings/shifts").then().body("total", equalTo(1));
        Tokens.as(hostToken).get("/api/v1/slots/" + first.id + "/shifts").then().statusCode(200).body("", hasSize(1))
                .body("[0].status", equalTo("cancelled"));
    }

    @Test
    void shift_input_errors_are_problems() {
        var session = Sessions.plan(Sessions.session());
        asAdmin().contentType(ContentType.JSON).body(Map.of("personId", UUID.randomUUID()))
                .post("/api/v1/slots/" + UUID.randomUUID() + "/shifts").then().statusCode(404).contentType("application/problem+json");
        asAdmin().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/slots/" + session.id + "/shifts").then().statusCode(400);
        asAdmin().queryParam("personId", "quelqu'un").get("/api/v1/bookings/shifts").then().statusCode(400)
                .body("field", equalTo("personId"));
        asAdmin().delete("/api/v1/slots/" + session.id + "/shifts/" + UUID.randomUUID()).then().statusCode(404);
        asAdmin().get("/api/v1/slots/" + session.id + "/shifts").then().body("", hasSize(0));
    }
}
