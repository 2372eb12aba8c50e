package fr.maillage.booking.api;

import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 17, self-service: the link is the citizen's page /rdv/{token}; through its token the person reads what the page
 * needs, downloads the calendar file and moves the booking to another slot of the same offer (the agents' reschedule
 * rules, one piece of code).
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class SelfServiceChangesTest {
    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static int confirmed(UUID slotId) {
        return given().get("/api/v1/slots/" + slotId).then().statusCode(200).extract().path("confirmed");
    }

    private static io.restassured.response.Response move(String token, Object slotId) {
        return given().contentType(ContentType.JSON).body(Map.of("slotId", slotId))
                .post("/api/v1/bookings/self/" + token + "/reschedule");
    }

    @Test
    void the_link_is_the_page_and_the_view_gives_what_the_page_needs() {
        var session = Sessions.plan(Sessions.session());
        String url = post(request(session.id, uniquePhone(), null)).then().statusCode(201).extract().path("selfServiceUrl");
        assertTrue(url.startsWith("http://127.0.0.1:8080/rdv/"), url);
        String token = token(url);
        var view = given().get("/api/v1/bookings/self/" + token).then().statusCode(200)
                .body("status", equalTo("confirmed")).body("offerId", equalTo(session.offerId.toString()))
                .body("placeId", equalTo(session.placeId.toString())).body("start", notNullValue()).body("end", notNullValue())
                .body("selfServiceUrl", equalTo(url)).body("place.name", equalTo("Pôle socioculturel"))
                .body("icsUrl", notNullValue()).extract();
        assertTrue(OffsetDateTime.parse(view.path("start")).isEqual(session.start));
        // the offer's delays: cancel until 120 min before, move until 120 min before
        assertTrue(OffsetDateTime.parse(view.path("cancelUntil")).isEqual(session.start.minusMinutes(120)));
        assertTrue(OffsetDateTime.parse(view.path("rescheduleUntil")).isEqual(session.start.minusMinutes(120)));

        given().delete("/api/v1/bookings/self/" + token).then().statusCode(200);
        given().get("/api/v1/bookings/self/" + token).then().statusCode(200).body("status", equalTo("cancelled_by_citizen"))
                .body("cancelUntil", nullValue()).body("rescheduleUntil", nullValue()).body("person", nullValue());
    }

    @Test
    void the_calendar_file_opens_with_the_token() {
        var session = Sessions.plan(Sessions.session());
        String token = token(post(request(session.id, uniquePhone(), "agenda.prive@example.org")).then().statusCode(201)
                .extract().path("selfServiceUrl"));
        String ics = given().get("/api/v1/bookings/self/" + token + ".ics").then().statusCode(200)
                .contentType(startsWith("text/calendar")).header("Content-Disposition", containsString("rendez-vous.ics"))
                .extract().asString();
        assertTrue(ics.contains("BEGIN:VEVENT") && ics.contains("Aide aux démarches en ligne"), ics);
        assertTrue(!ics.contains("agenda.prive") && !ics.contains("Josiane"), "no personal data: " + ics);
        given().get("/api/v1/bookings/self/" + token.substring(1) + "x.ics").then().spec(problem(404, "token"));
        given().delete("/api/v1/bookings/self/" + token).then().statusCode(200);
        assertTrue(given().get("/api/v1/bookings/self/" + token + ".ics").then().statusCode(200).extract().asString()
                .contains("STATUS:CANCELLED"));
    }

    @Test
    void the_person_moves_the_booking_to_another_slot_of_the_same_offer() throws Exception {
        var from = Sessions.plan(Sessions.session());
        var to = Sessions.plan(Sessions.session().with(s -> {
            s.offerId = from.offerId;
            s.start = from.start.plusDays(1);
        }));
        var full = Sessions.plan(Sessions.session().with(s -> {
            s.offerId = from.offerId;
            s.start = from.start.plusDays(2);
            s.capacity = 1;
        }));
        var otherOffer = Sessions.plan(Sessions.session());
        post(request(full.id, uniquePhone(), null)).then().statusCode(201);
        String url = post(request(from.id, uniquePhone(), null)).then().statusCode(201).extract().path("selfServiceUrl");
        String token = token(url);
        String id = given().get("/api/v1/bookings/self/" + token).then().extract().path("id");

        move(token, otherOffer.id).then().spec(problem(422, "slotId")).body("detail", containsString("même offre"));
        move(token, from.id).then().spec(problem(422, "slotId"));
        move(token, full.id).then().spec(problem(409, "slotId")).body("nextSlots", notNullValue());
        move(token, UUID.randomUUID()).then().spec(problem(404, "slotId"));
        move(token, "pas-un-uuid").then().spec(problem(400));
        move("x".repeat(43), to.id).then().spec(problem(404, "token"));
        assertEquals(1, confirmed(from.id), "refusals changed nothing");
        assertEquals(0, confirmed(to.id));

        try (Events events = new Events("booking.bookings.v1")) {
            move(token, to.id).then().statusCode(200).body("status", equalTo("confirmed")).body("slotId", equalTo(to.id.toString()))
                    .body("selfServiceUrl", equalTo(url)).body("previousStart", notNullValue());
            var moved = events.await(Events.about(UUID.fromString(id), "BookingRescheduled"), 1).get(0);
            assertEquals(to.id.toString(), moved.data().path("slotId").asText());
        }
        assertEquals(0, confirmed(from.id), "the old seat is free");
        assertEquals(1, confirmed(to.id));
        given().get("/api/v1/bookings/self/" + token).then().body("slotId", equalTo(to.id.toString()));

        given().delete("/api/v1/bookings/self/" + token).then().statusCode(200);
        move(token, from.id).then().spec(problem(409, "status"));
    }

    @Test
    void moving_is_refused_once_the_offer_delay_has_passed() {
        var from = Sessions.plan(Sessions.session().with(s -> {
            s.start = OffsetDateTime.now().plusMinutes(90).withNano(0).withSecond(0)
                    .atZoneSameInstant(java.time.ZoneId.of("Europe/Paris")).toOffsetDateTime();
            s.minDelayMinutes = 30;
        }));
        var to = Sessions.plan(Sessions.session().with(s -> s.offerId = from.offerId));
        String token = token(post(request(from.id, uniquePhone(), null)).then().statusCode(201).extract().path("selfServiceUrl"));
        given().get("/api/v1/bookings/self/" + token).then().body("rescheduleUntil", notNullValue());
        move(token, to.id).then().spec(problem(422, "slotId")).body("detail", containsString("ne peut plus être déplacé"));
        assertEquals(1, confirmed(from.id));
    }
}
