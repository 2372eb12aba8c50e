package fr.maillage.booking.api;

import static fr.maillage.booking.support.Bookings.count;
import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 16, items 2 and 8 on booking's own paths: the need's theme is one of the offer's, times outside years 1-9999
 * are a 400, a flood of reminder offsets in a session event never becomes a flood of reminders, and no request value
 * (a phone number typed into the wrong member) reaches the logs.
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class HostileInputTest {

    @Test
    void the_need_theme_is_one_of_the_offers_themes() {
        var session = Sessions.plan(Sessions.session().with(s -> s.themes = List.of("aide_demarches", "impots")));
        for (String theme : List.of("sante", "IMPOTS", "n'importe quoi")) {
            Map<String, Object> body = request(session.id, uniquePhone(), null);
            body.put("need", Map.of("theme", theme, "text", "Déclarer mes revenus"));
            post(body).then().spec(problem(422, "need.theme")).body("detail", containsString("aide_demarches, impots"));
        }
        assertEquals(0, count(session.id), "nothing stored");
        Map<String, Object> body = request(session.id, uniquePhone(), null);
        body.put("need", Map.of("theme", "impots", "text", "Déclarer mes revenus"));
        post(body).then().statusCode(201).body("need.theme", equalTo("impots"));
    }

    @Test
    void times_beyond_year_9999_are_a_400_naming_the_parameter() {
        for (String path : List.of("/api/v1/slots", "/api/v1/bookings", "/api/v1/bookings/shifts")) {
            for (String from : List.of("+1000000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z")) {
                asAdmin().urlEncodingEnabled(true).queryParam("from", from).get(path).then().spec(problem(400, "from"));
            }
        }
        given().urlEncodingEnabled(false).get("/api/v1/slots?from=%2B1000000-01-01T00:00:00Z").then().spec(problem(400, "from"));
        given().urlEncodingEnabled(false).get("/api/v1/slots?to=%2B1000000-01-01T00:00:00Z").then().spec(problem(400, "to"));
        given().urlEncodingEnabled(false).get("/api/v1/slots?from=9999-12-31T23:00:00Z").then().statusCode(200);
    }

    @Test
    void a_session_with_a_flood_of_reminder_offsets_gives_each_booking_five_distinct_reminders_at_most() {
        List<Integer> flood = new ArrayList<>(IntStream.range(0, 40).map(i -> 60 * (1 + i % 20)).boxed().toList());
        var session = Sessions.plan(Sessions.session().with(s -> s.reminderOffsetsMinutes = flood));
        given().get("/api/v1/slots/" + session.id).then().statusCode(200)
                .body("bookingRules.reminderOffsetsMinutes", equalTo(List.of(60, 120, 180, 240, 300)));
        try (Events events = new Events("booking.bookings.v1")) {
            String id = post(request(session.id, uniquePhone(), null)).then().statusCode(201).extract().path("id");
            var confirmed = events.await(Events.about(UUID.fromString(id), "BookingConfirmed"), 1).get(0);
            assertEquals(5, confirmed.data().path("reminderOffsetsMinutes").size());
        }
    }

    @Test
    void request_values_never_reach_the_logs_even_in_type_errors() {
        List<String> logged = new CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getLoggerName() + " " + record.getMessage() + " "
                        + java.util.Arrays.toString(record.getParameters()) + " " + (record.getThrown() == null ? ""
                                : record.getThrown() + " " + record.getThrown().getCause()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        String marker = "hostile-input-capture-" + UUID.randomUUID();
        org.jboss.logging.Logger.getLogger(HostileInputTest.class).info(marker);
        String phone = "0617283940";
        String agent = Tokens.agent(UUID.randomUUID());
        try {
            var session = Sessions.plan(Sessions.session());
            String id = post(request(session.id, uniquePhone(), null)).then().statusCode(201).extract().path("id");
            // a phone number where a uuid, a number, a boolean or an enumeration is expected
            for (Map.Entry<String, Object> wrong : List.<Map.Entry<String, Object>>of(Map.entry("slotId", phone),
                    Map.entry("agentId", phone), Map.entry("partnerId", phone), Map.entry("bookedBy", phone))) {
                Map<String, Object> body = request(session.id, uniquePhone(), null);
                body.put(wrong.getKey(), wrong.getValue());
                post(body).then().statusCode(400).body("field", equalTo(wrong.getKey()));
            }
            Map<String, Object> body = request(session.id, uniquePhone(), null);
            ((Map<String, Object>) body.get("person")).put("smsConsent", phone);
            post(body).then().statusCode(400);
            post("{\"slotId\": \"" + phone + "\", \"person\": 0" + phone + "}").then().statusCode(400);
            post("[\"" + phone + "\"]").then().statusCode(400);
            Tokens.as(agent).contentType(ContentType.JSON).body(Map.of("attended", phone))
                    .post("/api/v1/bookings/" + id + "/attendance").then().statusCode(400);
            asAdmin().contentType(ContentType.JSON).body(Map.of("cancelledBy", phone)).post("/api/v1/bookings/" + id + "/cancel")
                    .then().statusCode(400);
            asAdmin().contentType(ContentType.JSON).body(Map.of("slotId", phone)).post("/api/v1/bookings/" + id + "/reschedule")
                    .then().statusCode(400);
            asAdmin().contentType(ContentType.JSON).body(Map.of("personId", phone)).post("/api/v1/slots/" + session.id + "/shifts")
                    .then().statusCode(400);
            for (String param : List.of("page", "size", "slotId", "offerId", "placeId", "status", "from", "to")) {
                asAdmin().queryParam(param, phone).get("/api/v1/bookings").then().statusCode(400);
            }
            for (String param : List.of("page", "size", "offerId", "placeId", "from", "to", "available")) {
                int status = given().queryParam(param, phone).get("/api/v1/slots").statusCode();
                assertTrue(status == 400 || status == 200, param + " -> " + status);
            }
            asAdmin().queryParam("personId", phone).get("/api/v1/bookings/shifts").then().statusCode(400);
            given().get("/api/v1/slots/" + phone).then().statusCode(404);
            given().get("/api/v1/bookings/self/" + phone).then().statusCode(404);
            given().get("/api/v1/bookings/" + phone + ".ics").then().statusCode(404);
            asAdmin().get("/api/v1/bookings/" + phone).then().statusCode(404);
            asAdmin().delete("/api/v1/slots/" + session.id + "/shifts/" + phone).then().statusCode(400)
                    .body("field", equalTo("shiftId"));
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(logged.stream().anyMatch(line -> line.contains(marker)), "the capture works");
        for (String line : logged) {
            assertTrue(!line.contains("17283940") && !line.contains("17 28 39 40"), "a request value in a log line: " + line);
        }
    }
}
