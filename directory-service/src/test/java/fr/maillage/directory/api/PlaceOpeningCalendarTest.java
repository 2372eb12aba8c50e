package fr.maillage.directory.api;

import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.maillage.directory.TestData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 21, items 2 and 5: « ouvert à » (openAt) reads a place's opening hours on ITS calendar — the public holidays
 * of its département (PH) — through the platform's OpeningHours: Alsace-Moselle's Vendredi saint and 26 décembre, each
 * DROM's abolition of slavery day; a metropolitan place with the same hours stays open those days. 12:00 UTC is within
 * 08:00-18:00 in every territory tested (08:00 at Cayenne … 16:00 at Saint-Denis).
 */
@QuarkusTest
class PlaceOpeningCalendarTest {
    static final String HOURS = "Mo-Su 08:00-18:00; PH off";

    static String place(UUID partner, String insee, String postalCode, double lat, double lon) {
        Map<String, Object> body = TestData.place(partner, "Lieu " + insee + " " + UUID.randomUUID());
        body.put("address", new HashMap<>(Map.of("street", "1 rue de la Mairie", "postalCode", postalCode, "inseeCode", insee)));
        body.put("latitude", lat);
        body.put("longitude", lon);
        body.put("openingHours", HOURS);
        return asAdmin().contentType("application/json").body(body).post("/api/v1/places").then().statusCode(201)
                .extract().path("id");
    }

    static void open(UUID partner, String at, String id, boolean open) {
        var body = given().queryParam("partnerId", partner.toString()).queryParam("openAt", at).queryParam("size", 100)
                .get("/api/v1/places").then().statusCode(200);
        body.body("items.id", open ? hasItem(id) : not(hasItem(id)));
    }

    @ParameterizedTest(name = "{0} closed on {5}")
    @CsvSource({
            "57463, 57000, 49.10483, 6.19623, Metz, 2027-03-26",
            "57463, 57000, 49.10483, 6.19623, Metz, 2026-12-26",
            "67482, 67000, 48.56907, 7.76208, Strasbourg, 2027-03-26",
            "68224, 68100, 47.75267, 7.32561, Mulhouse, 2026-12-26",
            "97105, 97100, 15.99916, -61.72939, Basse-Terre, 2027-05-27",
            "97209, 97200, 14.64925, -61.06863, Fort-de-France, 2027-05-22",
            "97302, 97300, 4.94639, -52.33191, Cayenne, 2027-06-10",
            "97411, 97400, -20.94342, 55.4444, Saint-Denis, 2026-12-20",
            "97611, 97600, -12.78751, 45.19642, Mamoudzou, 2027-04-27" })
    void aPlaceIsClosedOnItsOwnHolidaysAndAMetropolitanOneIsNot(String insee, String postalCode, double lat, double lon,
            String commune, String day) {
        UUID partner = TestData.createPartner("Structure " + commune + " " + UUID.randomUUID());
        String local = place(partner, insee, postalCode, lat, lon);
        String corbie = place(partner, "80212", "80800", 49.9085, 2.5090);
        open(partner, day + "T12:00:00Z", local, false);
        open(partner, day + "T12:00:00Z", corbie, true);
        // the day after is an ordinary day in both (27 décembre, Holy Saturday, …)
        String next = java.time.LocalDate.parse(day).plusDays(1) + "T12:00:00Z";
        open(partner, next, local, true);
        open(partner, next, corbie, true);
    }
}
