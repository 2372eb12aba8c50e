package fr.maillage.system.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.Tokens;
import io.restassured.path.json.JsonPath;

/**
 * Issue 16, item 8 (directory and offers): {@code communes?q=%%%_} matched every commune, {@code dateMaj} accepted year
 * 100000, and hostile values in imports, query parameters and schedules must be 400/422 naming the field, never a 500
 * nor a row stored half-read.
 */
class DirectoryAndOffersHostileInputTest {
    private static final String PARTNER = Demo.id("PARTNER_ROMAGNE");

    @Test
    void likeWildcardsMatchNothingButThemselves() {
        Gateway.given().queryParam("q", "%%%_").when().get("/api/v1/communes").then().statusCode(200).body("total", equalTo(0));
        Gateway.given().queryParam("q", "__").when().get("/api/v1/communes").then().statusCode(200).body("total", equalTo(0));
        // other tests may name a partner with a %: only those may be found
        Gateway.given().queryParam("q", "%").when().get("/api/v1/partners").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.everyItem(containsString("%")));
        Gateway.given().queryParam("q", "roma").when().get("/api/v1/communes").then().statusCode(200)
                .body("items.code", org.hamcrest.Matchers.hasItem("35243"));
    }

    @Test
    void absurdDatesAreRefusedNamingTheField() {
        Map<String, Object> place = new HashMap<>();
        place.put("partnerId", PARTNER);
        place.put("name", "Lieu hors du temps");
        place.put("address", Map.of("street", "1 rue de la Mairie", "postalCode", "35133", "inseeCode", "35243"));
        place.put("services", List.of("Aide aux démarches administratives"));
        for (String date : List.of("+100000-01-01", "100000-01-01")) {
            place.put("dateMaj", date);
            Gateway.asAdmin().contentType("application/json").body(place).when().post("/api/v1/places").then()
                    .spec(ProblemJson.problem(ProblemJson.Kind.BAD_REQUEST)).body("field", equalTo("dateMaj"));
        }
        for (String date : List.of("1789-07-14", "9999-12-31")) {
            place.put("dateMaj", date);
            Gateway.asAdmin().contentType("application/json").body(place).when().post("/api/v1/places").then().statusCode(422)
                    .contentType(org.hamcrest.Matchers.startsWith("application/problem+json")).body("field", equalTo("dateMaj"));
        }
        Gateway.given().queryParam("insee", "35243").queryParam("openAt", "+1000000-01-01T10:00:00Z").when().get("/api/v1/places")
                .then().spec(ProblemJson.problem(ProblemJson.Kind.BAD_REQUEST)).body("field", equalTo("openAt"));

        // a schedule starting in year -999999999 overflowed the planner's epoch milliseconds (500)
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(12);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_ROMAGNE"), PARTNER, "permanence_individuelle", 1, 30,
                List.of(new AdHocOffers.Session(day, LocalTime.of(14, 0), LocalTime.of(14, 30))));
        for (String start : List.of("-999999999-01-01", "0001-01-01")) {
            offer.put("schedule", Map.of("rules", List.of(Map.of("rrule", "FREQ=DAILY", "startDate", start, "startTime", "09:00",
                    "endTime", "12:00"))));
            int status = Gateway.given().auth().oauth2(Tokens.partnerApp(PARTNER)).contentType("application/json").body(offer)
                    .when().put("/api/v1/offers/" + UUID.randomUUID()).then()
                    .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                    .body("field", containsString("startDate")).extract().statusCode();
            assertTrue(status == 400 || status == 422, start + " -> " + status);
        }
    }

    @Test
    void anImportedRowWithAControlCharacterIsRejectedNamingItsColumn() {
        String header = "id,pivot,nom,commune,code_postal,code_insee,adresse,services,date_maj";
        String id = "hostile-" + UUID.randomUUID();
        String csv = header + "\n"
                + id + "-nul,,Mairie\u0000de Romagné,Romagné,35133,35243,1 rue de la Mairie,Aide aux démarches administratives,2026-11-01\n"
                + id + "-invisible,,\u200B\u200B,Romagné,35133,35243,1 rue de la Mairie,Aide aux démarches administratives,2026-11-01\n";
        String report = Gateway.asAdmin().contentType("text/csv; charset=UTF-8").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/places/import").then().statusCode(200).extract().asString();
        JsonPath r = JsonPath.from(report);
        assertEquals("rejeté", r.getString("results[0].status"), report);
        assertEquals("nom", r.getString("results[0].errors[0].field"), report);
        assertEquals("rejeté", r.getString("results[1].status"), report);
        assertEquals("nom", r.getString("results[1].errors[0].field"), report);
    }
}
