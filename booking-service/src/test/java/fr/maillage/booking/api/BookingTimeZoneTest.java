package fr.maillage.booking.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

/**
 * Issue 21, item 1: a slot from a session at 09:00 in its place's territory keeps that local time and offset — 971, 972,
 * 973, 974, 976 and metropolitan France — in the slot, booking and shift representations and in booking.slots.v1,
 * booking.bookings.v1 and booking.shifts.v1 ({@code timeZone} named, schemas checked); an old session event without
 * timeZone gets the zone of its place's commune.
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class BookingTimeZoneTest {
    static final LocalDate DAY = LocalDate.now().plusDays(9);

    static Sessions.Session nineOClockIn(String insee, String zone) {
        return Sessions.session().with(s -> {
            s.inseeCode = insee;
            s.timeZone = zone;
            s.start = DAY.atTime(9, 0).atZone(ZoneId.of(zone)).toOffsetDateTime();
            s.durationMinutes = 30;
        });
    }

    static String local(String zone, int hour, int minute) {
        return DAY + "T" + String.format("%02d:%02d:00", hour, minute)
                + ZoneId.of(zone).getRules().getOffset(DAY.atTime(hour, minute)).getId();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "97105, America/Guadeloupe", "97209, America/Martinique", "97302, America/Cayenne",
            "97411, Indian/Reunion", "97611, Indian/Mayotte", "35243, Europe/Paris" })
    void slotAndBookingKeepThePlacesLocalTime(String insee, String zone) {
        Sessions.Session session = Sessions.plan(nineOClockIn(insee, zone));
        given().get("/api/v1/slots/" + session.id).then().statusCode(200)
                .body("start", equalTo(local(zone, 9, 0))).body("end", equalTo(local(zone, 9, 30)))
                .body("timeZone", equalTo(zone));
        try (Events events = new Events("booking.bookings.v1", "booking.slots.v1")) {
            String booking = Bookings.book(session.id);
            Tokens.asAdmin().get("/api/v1/bookings/" + booking).then().statusCode(200)
                    .body("start", equalTo(local(zone, 9, 0))).body("timeZone", equalTo(zone));
            var confirmed = events.await(e -> e.topic().equals("booking.bookings.v1") && e.key().equals(booking), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.bookings.v1", confirmed.json()), confirmed.value());
            assertEquals(local(zone, 9, 0), confirmed.data().path("start").asText());
            assertEquals(zone, confirmed.data().path("timeZone").asText());
            var seats = events.await(e -> e.topic().equals("booking.slots.v1") && e.key().equals(session.id.toString()), 1)
                    .get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.slots.v1", seats.json()), seats.value());
            assertEquals(zone, seats.data().path("timeZone").asText());
        }
    }

    /** A session event from before issue 21 (no timeZone): the slot takes the zone of its place's commune. */
    @Test
    void anOldSessionEventWithoutTimeZoneGetsTheZoneOfItsCommune() {
        Sessions.Session session = Sessions.plan(nineOClockIn("97411", "Indian/Reunion").with(s -> s.timeZone = null));
        given().get("/api/v1/slots/" + session.id).then().statusCode(200)
                .body("start", equalTo(local("Indian/Reunion", 9, 0))).body("timeZone", equalTo("Indian/Reunion"));
        Sessions.Session paris = Sessions.plan(Sessions.session().with(s -> s.inseeCode = null));
        given().get("/api/v1/slots/" + paris.id).then().statusCode(200).body("timeZone", equalTo("Europe/Paris"));
    }

    /** A shift on a permanence in Saint-Denis: its bounds at 09:00+04:00 and its zone, in the API and booking.shifts.v1. */
    @Test
    void aShiftInReunionIsAtTheLocalTime() {
        Sessions.Session first = Sessions.plan(nineOClockIn("97411", "Indian/Reunion"));
        Sessions.Session second = Sessions.plan(nineOClockIn("97411", "Indian/Reunion").with(s -> {
            s.offerId = first.offerId;
            s.partnerId = first.partnerId;
            s.placeId = first.placeId;
            s.start = first.start.plusMinutes(30);
        }));
        UUID volunteer = Directory.person(first.partnerId);
        try (Events events = new Events("booking.shifts.v1")) {
            String shiftId = Tokens.as(Tokens.agent(first.partnerId)).contentType(ContentType.JSON)
                    .body(Map.of("personId", volunteer)).post("/api/v1/slots/" + second.id + "/shifts").then()
                    .statusCode(201).body("start", equalTo(local("Indian/Reunion", 9, 0)))
                    .body("end", equalTo(local("Indian/Reunion", 10, 0))).body("timeZone", equalTo("Indian/Reunion"))
                    .extract().path("id");
            var assigned = events.await(Events.about(UUID.fromString(shiftId), "ShiftAssigned"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.shifts.v1", assigned.json()), assigned.value());
            assertEquals(local("Indian/Reunion", 9, 0), assigned.data().path("start").asText());
            assertEquals("Indian/Reunion", assigned.data().path("timeZone").asText());
        }
    }
}
