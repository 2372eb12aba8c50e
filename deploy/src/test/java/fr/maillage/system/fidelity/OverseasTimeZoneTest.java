package fr.maillage.system.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.Tokens;
import io.restassured.path.json.JsonPath;

/**
 * Issue 21, item 1 through the gateway: a place in Saint-Denis (La Réunion, INSEE 97411) has the time zone of its
 * territory, and an offer scheduled there at 09:00 gives a session, a slot and a booking at {@code 09:00+04:00}, each
 * naming {@code timeZone: Indian/Reunion}; the same offer at a metropolitan place (Corbie, 80212) is at 09:00 Paris
 * time (+01:00 in winter, +02:00 in summer). On the code before issue 21 the session in 974 was {@code 09:00+01:00}
 * (12:00 local) and nothing carried a time zone. No waiting for time to pass: fixtures through the API, short polls.
 */
class OverseasTimeZoneTest {
    static final LocalDate DAY = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(8);

    static String nineOClock(String zone) {
        return DAY + "T09:00:00" + ZoneId.of(zone).getRules().getOffset(DAY.atTime(9, 0)).getId();
    }

    @Test
    void aNineOClockOfferInSaintDenisIsAtNineLocalTimeAndAMetropolitanOneAtNineParisTime() {
        check(OverseasPlaces.SAINT_DENIS, "Indian/Reunion", "+04:00");
        check(OverseasPlaces.CORBIE, "Europe/Paris", null);
    }

    private static void check(OverseasPlaces.Commune commune, String zone, String offset) {
        String expected = nineOClock(zone);
        if (offset != null) {
            assertEquals(DAY + "T09:00:00" + offset, expected);
        }
        OverseasPlaces.Published p = OverseasPlaces.nineOClock(commune, DAY);

        // directory: the place's zone, derived from its commune
        Gateway.given().when().get("/api/v1/places/" + p.placeId()).then().statusCode(200)
                .body("timeZone", org.hamcrest.Matchers.equalTo(zone));

        // offers: the session at 09:00 local time
        JsonPath sessions = Gateway.given().when().get("/api/v1/offers/" + p.offerId() + "/sessions").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, sessions.getInt("total"), sessions.prettify());
        assertEquals(expected, sessions.getString("items[0].start"), "session start in " + commune.insee());
        assertEquals(zone, sessions.getString("items[0].timeZone"), "session timeZone in " + commune.insee());

        // booking: the slot keeps the offset (learnt from offers.sessions.v1)
        Map<String, Object> slot = p.slot();
        assertEquals(expected, slot.get("start"), "slot start in " + commune.insee());
        assertEquals(zone, slot.get("timeZone"), "slot timeZone in " + commune.insee());

        // a booking of that slot: the appointment at the same local time
        People.Mobile mobile = People.newMobile();
        String token = Tokens.withSubject("partner-app", p.partnerId(), "system-test-tz-" + java.util.UUID.randomUUID());
        JsonPath booking = Gateway.given().auth().oauth2(token).contentType("application/json").body(Map.of(
                "slotId", p.slotId(),
                "person", Map.of("firstName", "Habitant", "phone", mobile.national(), "smsConsent", false,
                        "emailConsent", false),
                "need", Map.of("theme", "aide_demarches", "text", "Test du fuseau horaire"), "bookedBy", "citizen"))
                .when().post("/api/v1/bookings").then().statusCode(201).extract().jsonPath();
        assertEquals(expected, booking.getString("start"), "booking start in " + commune.insee());
        assertEquals(zone, booking.getString("timeZone"), "booking timeZone in " + commune.insee());
    }
}
