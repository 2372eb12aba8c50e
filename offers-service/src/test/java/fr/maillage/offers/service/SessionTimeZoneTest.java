package fr.maillage.offers.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.maillage.offers.Fixtures;
import fr.maillage.offers.Fixtures.Place;
import fr.maillage.offers.KafkaTestSupport.Received;
import fr.maillage.offers.KafkaTestSupport.Tap;
import fr.maillage.platform.events.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Issue 21, item 1: an offer scheduled at 09:00 is planned at 09:00 in its place's territory — 971, 972, 973, 974, 976
 * and metropolitan France — in the sessions API (start with the place's offset, timeZone) and in offers.sessions.v1.
 */
@QuarkusTest
class SessionTimeZoneTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** A Tuesday in the planning window, no public holiday anywhere. */
    static final LocalDate DAY = nextTuesdayAfter(LocalDate.now().plusDays(6));

    static LocalDate nextTuesdayAfter(LocalDate d) {
        LocalDate t = d;
        while (t.getDayOfWeek() != java.time.DayOfWeek.TUESDAY) {
            t = t.plusDays(1);
        }
        return t;
    }

    static Map<String, Object> atelierAt(Place place, Map<String, Object> schedule) {
        Map<String, Object> body = Fixtures.atelier(place.id());
        body.put("title", "Atelier à " + place.commune());
        body.put("schedule", schedule);
        return body;
    }

    @ParameterizedTest(name = "{0} {2} -> {5}")
    @CsvSource({
            "97105, 97100, Basse-Terre, 15.99916, -61.72939, America/Guadeloupe",
            "97209, 97200, Fort-de-France, 14.64925, -61.06863, America/Martinique",
            "97302, 97300, Cayenne, 4.94639, -52.33191, America/Cayenne",
            "97411, 97400, Saint-Denis, -20.94342, 55.4444, Indian/Reunion",
            "97611, 97600, Mamoudzou, -12.78751, 45.19642, Indian/Mayotte",
            "80212, 80800, Corbie, 49.9085, 2.5090, Europe/Paris" })
    void aNineOClockSessionIsNineOClockInThePlacesZone(String insee, String postalCode, String commune, double lat,
            double lon, String zone) {
        Place place = Place.near("Médiathèque de " + commune, insee, commune, postalCode, lat, lon);
        Fixtures.publishPlaceAndWait(place);
        String offset = java.time.ZoneId.of(zone).getRules().getOffset(DAY.atTime(9, 0)).getId();
        String expectedStart = DAY + "T09:00:00" + offset;
        try (Tap tap = new Tap("offers.sessions.v1")) {
            UUID offer = Fixtures.createPublished(atelierAt(place, Map.of("oneOffs",
                    List.of(Map.of("date", DAY.toString(), "startTime", "09:00", "endTime", "11:00")),
                    "skipPublicHolidays", false)));
            JsonPath sessions = given().get("/api/v1/offers/" + offer + "/sessions").then().statusCode(200).extract().jsonPath();
            assertEquals(1, sessions.getInt("total"));
            assertEquals(expectedStart, sessions.getString("items[0].start"));
            assertEquals(DAY + "T11:00:00" + offset, sessions.getString("items[0].end"));
            assertEquals(zone, sessions.getString("items[0].timeZone"));

            List<Received> events = tap.await(e -> offer.toString().equals(e.data().path("offerId").asText()), 1, WAIT);
            Received planned = events.get(0);
            assertEquals(List.of(), EventSchemas.produced("offers.sessions.v1", planned.json()), planned.raw());
            assertEquals(expectedStart, planned.data().get("start").asText());
            assertEquals(zone, planned.data().get("timeZone").asText());
        }
    }

    /** A weekly permanence in Saint-Denis cut into 30-min slots: 09:00+04:00, 09:30+04:00 (the RRULE path). */
    @Test
    void aWeeklyPermanenceInReunionIsCutInLocalTime() {
        Place place = Place.near("France services Saint-Denis", "97411", "Saint-Denis", "97400", -20.94342, 55.4444);
        Fixtures.publishPlaceAndWait(place);
        Map<String, Object> body = Fixtures.permanence(place.id());
        body.put("schedule", Map.of("rules", List.of(Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU;COUNT=1",
                "startDate", DAY.toString(), "startTime", "09:00", "endTime", "10:00")), "skipPublicHolidays", false));
        UUID offer = Fixtures.createPublished(body);
        JsonPath sessions = given().get("/api/v1/offers/" + offer + "/sessions").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(DAY + "T09:00:00+04:00", DAY + "T09:30:00+04:00"), sessions.getList("items.start"));
        assertEquals(List.of("Indian/Reunion", "Indian/Reunion"), sessions.getList("items.timeZone"));
    }

    /** Search results give the next session at its place's local time and name the place's zone. */
    @Test
    void searchShowsTheNextSessionAtThePlacesLocalTime() {
        Place place = Place.near("Case de Mamoudzou", "97611", "Mamoudzou", "97600", -12.78751, 45.19642);
        Fixtures.publishPlaceAndWait(place);
        UUID offer = Fixtures.createPublished(atelierAt(place, Map.of("oneOffs",
                List.of(Map.of("date", DAY.toString(), "startTime", "09:00", "endTime", "11:00")), "skipPublicHolidays", false)));
        JsonPath hits = given().queryParam("near", "97611").queryParam("size", 100).get("/api/v1/offers/next-available")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> hit = hits.<Map<String, Object>>getList("items").stream()
                .filter(h -> offer.toString().equals(h.get("offerId"))).findFirst().orElseThrow();
        assertEquals(DAY + "T09:00:00+03:00", hit.get("start"));
        assertEquals("Indian/Mayotte", ((Map<?, ?>) hit.get("place")).get("timeZone"));
    }
}
