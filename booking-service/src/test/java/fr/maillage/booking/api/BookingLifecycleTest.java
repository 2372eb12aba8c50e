package fr.maillage.booking.api;

import static fr.maillage.booking.support.Bookings.book;
import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class BookingLifecycleTest {

    @Test
    void a_citizen_views_and_cancels_through_the_token_link_only() {
        var session = Sessions.plan(Sessions.session());
        String url = post(request(session.id, uniquePhone(), null)).then().statusCode(201).extract().path("selfServiceUrl");
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertTrue(token.length() >= 43, "256-bit token");
        given().get("/api/v1/bookings/self/" + token).then().statusCode(200).body("status", equalTo("confirmed"))
                .body("selfServiceUrl", equalTo(url)).body("person.firstName", equalTo("Josiane"));
        given().get("/api/v1/bookings/self/" + token.substring(1) + "x").then().statusCode(404)
                .contentType("application/problem+json").body("field", equalTo("token"));
        given().delete("/api/v1/bookings/self/" + token).then().statusCode(200).body("status", equalTo("cancelled_by_citizen"));
        given().delete("/api/v1/bookings/self/" + token).then().statusCode(409).body("field", equalTo("status"));
        given().get("/api/v1/slots/" + session.id).then().body("confirmed", equalTo(0));
    }

    @Test
    void a_citizen_cannot_cancel_after_the_offers_deadline_but_the_service_can() {
        var session = Sessions.plan(Sessions.session().with(s -> {
            s.start = s.start.minusDays(3).plusHours(5);
            s.cancelUntilMinutes = 24 * 60;
        }));
        var created = post(request(session.id, uniquePhone(), null)).then().statusCode(201).extract();
        String url = created.path("selfServiceUrl");
        String id = created.path("id");
        given().delete("/api/v1/bookings/self/" + url.substring(url.lastIndexOf('/') + 1)).then().statusCode(422)
                .body("detail", containsString("1 jour avant"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("cancelledBy", "citizen")).post("/api/v1/bookings/" + id + "/cancel")
                .then().statusCode(422);
        asAdmin().get("/api/v1/bookings/" + id).then().body("status", equalTo("confirmed"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("cancelledBy", "service", "reason", "Fermeture exceptionnelle"))
                .post("/api/v1/bookings/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled_by_service")).body("cancelReason", equalTo("Fermeture exceptionnelle"))
                .body("selfServiceUrl", nullValue());
    }

    @Test
    void a_freed_seat_goes_to_the_first_in_line_in_the_same_transaction() throws Exception {
        var session = Sessions.plan(Sessions.session().with(s -> {
            s.capacity = 1;
            s.waitingList = true;
        }));
        String holder = book(session.id);
        String first = post(request(session.id, uniquePhone(), null)).then().body("status", equalTo("waitlisted")).extract().path("id");
        String second = post(request(session.id, uniquePhone(), null)).then().body("status", equalTo("waitlisted")).extract().path("id");
        try (Events events = new Events("booking.bookings.v1")) {
            asAdmin().contentType(ContentType.JSON).body("{}").post("/api/v1/bookings/" + holder + "/cancel").then().statusCode(200);
            asAdmin().get("/api/v1/bookings/" + first).then().body("status", equalTo("confirmed"));
            asAdmin().get("/api/v1/bookings/" + second).then().body("status", equalTo("waitlisted"));
            given().get("/api/v1/slots/" + session.id).then().body("confirmed", equalTo(1)).body("waitlisted", equalTo(1));
            var promoted = events.await(Events.about(UUID.fromString(first), "BookingPromoted"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.bookings.v1", promoted.json()));
            assertEquals("confirmed", promoted.data().path("status").asText());
            assertEquals(2, promoted.json().path("version").asLong());
            events.await(Events.about(UUID.fromString(holder), "BookingCancelled"), 1);
        }
        // a waiting person who leaves the queue frees no seat
        asAdmin().contentType(ContentType.JSON).body("{}").post("/api/v1/bookings/" + second + "/cancel").then().statusCode(200);
        given().get("/api/v1/slots/" + session.id).then().body("confirmed", equalTo(1)).body("waitlisted", equalTo(0));
    }

    @Test
    void waiting_list_alerts_are_bounded_per_person_and_offer() {
        // %test: maillage.waitlist.max-alerts=1
        var slotA = Sessions.plan(Sessions.session().with(s -> {
            s.capacity = 1;
            s.waitingList = true;
        }));
        var slotB = Sessions.plan(Sessions.session().with(s -> {
            s.offerId = slotA.offerId;
            s.start = slotA.start.plusDays(1);
            s.capacity = 1;
            s.waitingList = true;
        }));
        String often = uniquePhone();
        String holderA = book(slotA.id);
        String oftenA = post(request(slotA.id, often, null)).then().body("status", equalTo("waitlisted")).extract().path("id");
        asAdmin().contentType(ContentType.JSON).body("{}").post("/api/v1/bookings/" + holderA + "/cancel").then().statusCode(200);
        asAdmin().get("/api/v1/bookings/" + oftenA).then().body("status", equalTo("confirmed"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("cancelledBy", "citizen")).post("/api/v1/bookings/" + oftenA + "/cancel")
                .then().statusCode(200);

        String holderB = book(slotB.id);
        String oftenB = post(request(slotB.id, often, null)).then().body("status", equalTo("waitlisted")).extract().path("id");
        String next = post(request(slotB.id, uniquePhone(), null)).then().body("status", equalTo("waitlisted")).extract().path("id");
        asAdmin().contentType(ContentType.JSON).body("{}").post("/api/v1/bookings/" + holderB + "/cancel").then().statusCode(200);
        asAdmin().get("/api/v1/bookings/" + oftenB).then().body("status", equalTo("waitlisted"));
        asAdmin().get("/api/v1/bookings/" + next).then().body("status", equalTo("confirmed"));
    }

    @Test
    void reschedule_takes_the_new_seat_before_releasing_the_old_one() {
        var from = Sessions.plan(Sessions.session());
        var to = Sessions.plan(Sessions.session().with(s -> {
            s.offerId = from.offerId;
            s.start = from.start.plusDays(2);
            s.capacity = 1;
        }));
        var otherOffer = Sessions.plan(Sessions.session());
        String id = book(from.id);
        asAdmin().contentType(ContentType.JSON).body(Map.of("slotId", otherOffer.id)).post("/api/v1/bookings/" + id + "/reschedule")
                .then().statusCode(422).body("field", equalTo("slotId")).body("detail", containsString("même offre"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("slotId", UUID.randomUUID())).post("/api/v1/bookings/" + id + "/reschedule")
                .then().statusCode(404);

        String before = asAdmin().get("/api/v1/bookings/" + id).then().extract().path("start");
        asAdmin().contentType(ContentType.JSON).body(Map.of("slotId", to.id)).post("/api/v1/bookings/" + id + "/reschedule")
                .then().statusCode(200).body("slotId", equalTo(to.id.toString())).body("previousStart", equalTo(before))
                .body("status", equalTo("confirmed"));
        given().get("/api/v1/slots/" + from.id).then().body("confirmed", equalTo(0));
        given().get("/api/v1/slots/" + to.id).then().body("confirmed", equalTo(1));

        // the target is now full: moving another booking there fails and keeps its original seat
        String other = book(from.id);
        asAdmin().contentType(ContentType.JSON).body(Map.of("slotId", to.id)).post("/api/v1/bookings/" + other + "/reschedule")
                .then().statusCode(409).body("field", equalTo("slotId"));
        asAdmin().get("/api/v1/bookings/" + other).then().body("slotId", equalTo(from.id.toString())).body("status", equalTo("confirmed"));
        given().get("/api/v1/slots/" + from.id).then().body("confirmed", equalTo(1));
        given().get("/api/v1/slots/" + to.id).then().body("confirmed", equalTo(1));
    }

    @Test
    void attendance_is_marked_after_the_slot_started() {
        var session = Sessions.plan(Sessions.session());
        String id = book(session.id);
        asAdmin().contentType(ContentType.JSON).body(Map.of("attended", true)).post("/api/v1/bookings/" + id + "/attendance")
                .then().statusCode(422).body("detail", containsString("après le début"));
        try (Events events = new Events("booking.bookings.v1")) {
            session.start = session.start.minusDays(3).minusHours(1); // the session took place an hour ago
            Sessions.publish(session, "SessionChanged");
            events.await(Events.about(UUID.fromString(id), "BookingRescheduled"), 1);
            asAdmin().contentType(ContentType.JSON).body(Map.of("attended", false)).post("/api/v1/bookings/" + id + "/attendance")
                    .then().statusCode(200).body("status", equalTo("no_show"));
            asAdmin().contentType(ContentType.JSON).body(Map.of("attended", true)).post("/api/v1/bookings/" + id + "/attendance")
                    .then().statusCode(200).body("status", equalTo("attended"));
            var attended = events.await(Events.about(UUID.fromString(id), "BookingAttended"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.bookings.v1", attended.json()));
            events.await(Events.about(UUID.fromString(id), "BookingNoShow"), 1);
        }
        asAdmin().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/bookings/" + id + "/attendance").then().statusCode(400);
    }

    @Test
    void agents_list_bookings_with_filters_and_pages() {
        var session = Sessions.plan(Sessions.session());
        String a = book(session.id);
        String b = book(session.id);
        asAdmin().contentType(ContentType.JSON).body("{}").post("/api/v1/bookings/" + b + "/cancel").then().statusCode(200);
        asAdmin().queryParam("slotId", session.id).get("/api/v1/bookings").then().statusCode(200)
                .header("X-Total-Count", "2").body("items[0].id", equalTo(a)).body("items[0].selfServiceUrl", nullValue())
                .body("items[0].icsUrl", startsWith("http://"));
        asAdmin().queryParam("slotId", session.id).queryParam("status", "confirmed").get("/api/v1/bookings").then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(a));
        asAdmin().queryParam("offerId", session.offerId).queryParam("size", 1).queryParam("page", 1).get("/api/v1/bookings")
                .then().body("total", equalTo(2)).body("items[0].id", equalTo(b));
        asAdmin().queryParam("placeId", session.placeId).queryParam("from", session.start.plusMinutes(1).toString())
                .get("/api/v1/bookings").then().body("total", equalTo(0));
        asAdmin().queryParam("status", "perdu").get("/api/v1/bookings").then().statusCode(400).body("field", equalTo("status"));
        asAdmin().queryParam("slotId", "x").get("/api/v1/bookings").then().statusCode(400).body("field", equalTo("slotId"));
        asAdmin().get("/api/v1/bookings/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void the_citizen_gets_a_calendar_file_without_personal_data() {
        var session = Sessions.plan(Sessions.session());
        String id = book(session.id);
        String ics = given().get("/api/v1/bookings/" + id + ".ics").then().statusCode(200)
                .contentType(containsString("text/calendar")).extract().asString();
        assertTrue(ics.contains("BEGIN:VEVENT"), ics);
        assertTrue(ics.contains("UID:" + id), ics);
        assertTrue(ics.contains("Aide aux démarches en ligne"), ics);
        assertTrue(ics.contains("Romagné"), ics);
        assertTrue(!ics.contains("Josiane") && !ics.contains("+336"), "no personal data in the calendar");
        given().get("/api/v1/bookings/" + UUID.randomUUID() + ".ics").then().statusCode(404);
    }
}
