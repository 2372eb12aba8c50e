package fr.maillage.directory.api;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.maillage.directory.TestData;
import fr.maillage.directory.domain.Place;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PlaceResourceTest {
    UUID partner;

    @BeforeEach
    void partner() {
        partner = TestData.createPartner("Communauté de communes du Val de Somme " + UUID.randomUUID());
    }

    @Test
    void createsAPlaceWithNormalisedPhoneAndItsCommune() {
        UUID id = TestData.createPlace(TestData.place(partner, "Mairie de Corbie"));
        given().get("/api/v1/places/" + id).then().statusCode(200)
                .body("address.commune", equalTo("Corbie"))
                .body("phone", equalTo("+33322960000"))
                .body("servedCommunes", hasItem("80212"))
                .body("itinerance", equalTo("Fixe"));
    }

    @Test
    void eachBadFieldIsNamedAndNothingIsStored() {
        long before = Place.count();
        bad("address.inseeCode", b -> address(b).put("inseeCode", "99999"));
        bad("address.inseeCode", b -> address(b).put("inseeCode", "8021"));
        bad("address.postalCode", b -> address(b).put("postalCode", "8080"));
        bad("address.postalCode", b -> address(b).put("postalCode", "35133")); // exists, but not Corbie's
        bad("openingHours", b -> b.put("openingHours", "lundi de 9h à midi"));
        bad("phone", b -> b.put("phone", "12"));
        bad("latitude", b -> b.put("latitude", 123.0));
        bad("latitude", b -> { b.put("latitude", 43.52609); b.put("longitude", 5.41423); }); // Aix-en-Provence, not Corbie
        bad("services", b -> b.put("services", List.of("Aide aux demarches")));
        bad("services", b -> b.put("services", List.of()));
        bad("itinerance", b -> b.put("itinerance", "Mobile"));
        bad("partnerId", b -> b.put("partnerId", UUID.randomUUID().toString()));
        bad("servedEpci", b -> b.put("servedEpci", "123456789"));
        bad("servedCommunes", b -> b.put("servedCommunes", List.of("80212", "00000")));
        assertEquals(before, Place.count());
    }

    @Test
    void servesAWholeEpciExpandedToItsCommunes() {
        Map<String, Object> body = TestData.place(partner, "Permanence itinérante du Val de Somme");
        body.put("itinerance", "Itinérant");
        String epci = given().get("/api/v1/communes/80212").then().extract().path("epci.code");
        body.put("servedEpci", epci);
        UUID id = TestData.createPlace(body);
        given().get("/api/v1/places/" + id).then().statusCode(200)
                .body("servedEpci", equalTo(epci))
                .body("servedCommunes", hasItems("80212", "80799", "80338"));
        // and a search from Villers-Bretonneux finds it through its served communes
        given().queryParam("insee", "80799").queryParam("partnerId", partner.toString()).get("/api/v1/places").then()
                .statusCode(200).body("items.id", hasItem(id.toString()));
    }

    @Test
    void searchesByRadiusSortedByDistanceWithFilters() {
        Map<String, Object> near = TestData.place(partner, "Proche");
        UUID nearId = TestData.createPlace(near);
        Map<String, Object> far = TestData.place(partner, "Plus loin");
        address(far).putAll(Map.of("inseeCode", "80799", "postalCode", "80800", "street", "Place de la mairie"));
        far.put("latitude", 49.8669);
        far.put("longitude", 2.5179);
        far.put("services", List.of("Aide aux démarches administratives", "Accès internet et matériel informatique"));
        far.put("openingHours", "Sa 09:00-12:00");
        UUID farId = TestData.createPlace(far);

        given().queryParam("lat", 49.9085).queryParam("lon", 2.5090).queryParam("radiusKm", 30)
                .queryParam("partnerId", partner.toString()).get("/api/v1/places").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].id", equalTo(nearId.toString()))
                .body("items[1].id", equalTo(farId.toString()))
                .body("items[1].distanceKm", greaterThan(4.0f));
        given().queryParam("lat", 49.9085).queryParam("lon", 2.5090).queryParam("radiusKm", 1)
                .queryParam("partnerId", partner.toString()).get("/api/v1/places").then().body("total", equalTo(1));
        given().queryParam("lat", 49.9085).queryParam("lon", 2.5090).queryParam("radiusKm", 30)
                .queryParam("service", "Accès internet et matériel informatique")
                .queryParam("partnerId", partner.toString()).get("/api/v1/places").then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(farId.toString()));
        // Tuesday 2026-12-01 10:00 Paris: only the weekday place is open; Saturday 10:00: only the other one
        given().queryParam("lat", 49.9085).queryParam("lon", 2.5090).queryParam("radiusKm", 30)
                .queryParam("openAt", "2026-12-01T10:00:00+01:00")
                .queryParam("partnerId", partner.toString()).get("/api/v1/places").then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(nearId.toString()));
        given().queryParam("lat", 49.9085).queryParam("lon", 2.5090).queryParam("radiusKm", 30)
                .queryParam("openAt", "2026-12-05T10:00:00")
                .queryParam("partnerId", partner.toString()).get("/api/v1/places").then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(farId.toString()));
        given().queryParam("lat", 49.9085).queryParam("lon", 2.5090).queryParam("radiusKm", 30)
                .queryParam("openAt", "2026-12-01T13:00:00+01:00")
                .queryParam("partnerId", partner.toString()).get("/api/v1/places").then()
                .body("total", equalTo(0));
        given().queryParam("insee", "80212").queryParam("partnerId", partner.toString()).get("/api/v1/places").then()
                .body("items.id", hasItem(nearId.toString())).body("items.id", not(hasItem(farId.toString())));
    }

    @Test
    void openAtFollowsPublicHolidaysWhereTheHoursNameThem() {
        Map<String, Object> closedOnHolidays = TestData.place(partner, "Fermé les jours fériés");
        closedOnHolidays.put("openingHours", "Mo-Fr 09:00-12:00; PH off");
        UUID closedId = TestData.createPlace(closedOnHolidays);
        Map<String, Object> regular = TestData.place(partner, "Horaires sans jours fériés");
        regular.put("openingHours", "Mo-Fr 09:00-12:00");
        UUID regularId = TestData.createPlace(regular);
        Map<String, Object> holidayMornings = TestData.place(partner, "Ouvert les matins fériés");
        holidayMornings.put("openingHours", "Mo-Fr 14:00-17:00; PH 10:00-12:00");
        UUID holidayId = TestData.createPlace(holidayMornings);
        // Wednesday 11 November 2026 (Armistice), 10:00 Paris: the hours that name PH apply, the others stay regular
        given().queryParam("partnerId", partner.toString()).queryParam("openAt", "2026-11-11T10:00:00")
                .queryParam("size", 100).get("/api/v1/places").then().statusCode(200)
                .body("items.id", hasItems(regularId.toString(), holidayId.toString()))
                .body("items.id", not(hasItem(closedId.toString())));
        // the next day is an ordinary Thursday
        given().queryParam("partnerId", partner.toString()).queryParam("openAt", "2026-11-12T10:00:00+01:00")
                .queryParam("size", 100).get("/api/v1/places").then().statusCode(200)
                .body("items.id", hasItems(regularId.toString(), closedId.toString()))
                .body("items.id", not(hasItem(holidayId.toString())));
        // Easter Monday 2027 (29 March) is computed, not listed
        given().queryParam("partnerId", partner.toString()).queryParam("openAt", "2027-03-29T10:00:00+02:00")
                .queryParam("size", 100).get("/api/v1/places").then().statusCode(200)
                .body("items.id", not(hasItem(closedId.toString()))).body("items.id", hasItem(holidayId.toString()));
    }

    @Test
    void badSearchParametersAreProblems() {
        given().queryParam("lat", 49.9).get("/api/v1/places").then().spec(problem(400)).body("field", equalTo("lon"));
        given().queryParam("lat", 49.9).queryParam("lon", 2.5).queryParam("radiusKm", 5000).get("/api/v1/places").then()
                .spec(problem(400)).body("field", equalTo("radiusKm"));
        given().queryParam("service", "Cours de cuisine").get("/api/v1/places").then().spec(problem(400))
                .body("field", equalTo("service")).body("detail", containsString("valeurs admises"));
        given().queryParam("openAt", "demain").get("/api/v1/places").then().spec(problem(400)).body("field", equalTo("openAt"));
        given().queryParam("insee", "99999").get("/api/v1/places").then().spec(problem(404));
    }

    @Test
    void staleVersionIsAConflict() {
        UUID id = TestData.createPlace(TestData.place(partner, "Versionné"));
        Map<String, Object> body = TestData.place(partner, "Versionné v1");
        asAdmin().contentType("application/json").header("If-Match", "0").body(body).put("/api/v1/places/" + id).then()
                .statusCode(200).header("ETag", "\"1\"");
        body.put("name", "Versionné v2 en retard");
        asAdmin().contentType("application/json").header("If-Match", "0").body(body).put("/api/v1/places/" + id).then()
                .spec(problem(409)).body("field", equalTo("If-Match"));
        given().get("/api/v1/places/" + id).then().body("name", equalTo("Versionné v1"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> address(Map<String, Object> body) {
        return (Map<String, Object>) body.get("address");
    }

    void bad(String field, java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> body = TestData.place(partner, "Lieu invalide");
        body.put("address", new HashMap<>(address(body)));
        change.accept(body);
        asAdmin().contentType("application/json").body(body).post("/api/v1/places").then().spec(problem(422)).body("violations.field", hasItem(field));
    }
}
