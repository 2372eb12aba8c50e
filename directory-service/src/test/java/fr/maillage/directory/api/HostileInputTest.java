package fr.maillage.directory.api;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.directory.TestData;
import fr.maillage.directory.domain.Place;
import fr.maillage.directory.domain.Standard;
import fr.maillage.directory.domain.StandardColumns;
import io.quarkus.test.junit.QuarkusTest;

/** Issue 16, items 2 and 8: wildcards, absurd dates, unbounded or repeated lists, control characters in imports. */
@QuarkusTest
class HostileInputTest {

    @Test
    void likeWildcardsInACommuneSearchAreMatchedLiterally() {
        // before: "%%%_" was a LIKE pattern matching all 34,969 communes
        given().queryParam("q", "%%%_").get("/api/v1/communes").then().statusCode(200).body("total", equalTo(0));
        given().queryParam("q", "%%").get("/api/v1/communes").then().statusCode(200).body("total", equalTo(0));
        given().queryParam("q", "__").get("/api/v1/communes").then().statusCode(200).body("total", equalTo(0));
        given().queryParam("q", "cor\\").get("/api/v1/communes").then().statusCode(200).body("total", lessThan(100));
        // an ordinary prefix still works
        given().queryParam("q", "corbi").get("/api/v1/communes").then().statusCode(200).body("items.code", hasItem("80212"));
    }

    @Test
    void likeWildcardsInAPartnerSearchAreMatchedLiterally() {
        TestData.createPartner("Joker " + UUID.randomUUID());
        given().queryParam("q", "%").get("/api/v1/partners").then().statusCode(200).body("total", equalTo(0));
        given().queryParam("q", "_").get("/api/v1/partners").then().statusCode(200).body("total", equalTo(0));
        given().queryParam("q", "x".repeat(101)).get("/api/v1/partners").then().spec(problem(400)).body("field", equalTo("q"));
    }

    @Test
    void anAbsurdDateMajIsRefusedNamingTheFieldAndNothingIsStored() {
        UUID partner = TestData.createPartner("Dates " + UUID.randomUUID());
        long before = Place.count();
        for (String date : List.of("1789-07-14", "2999-01-01", "9999-12-31")) {
            Map<String, Object> place = TestData.place(partner, "Lieu daté " + date);
            place.put("dateMaj", date);
            asAdmin().contentType("application/json").body(place).post("/api/v1/places").then().spec(problem(422))
                    .body("field", equalTo("dateMaj")).body("detail", containsString("2000-01-01"));
        }
        // a year beyond 9999 is not even read as a date (the platform's JSON layer: 400)
        Map<String, Object> place = TestData.place(partner, "Lieu daté 100000");
        for (String date : List.of("+100000-01-01", "100000-01-01")) {
            place.put("dateMaj", date);
            asAdmin().contentType("application/json").body(place).post("/api/v1/places").then().spec(problem(400))
                    .body("field", equalTo("dateMaj"));
        }
        assertEquals(before, Place.count());
        place.put("dateMaj", "2026-11-01");
        asAdmin().contentType("application/json").body(place).post("/api/v1/places").then().statusCode(201);
    }

    @Test
    void openAtOutsideACalendarYearIsA400() {
        given().queryParam("insee", "80212").queryParam("openAt", "+1000000-01-01T10:00:00Z").get("/api/v1/places").then()
                .spec(problem(400)).body("field", equalTo("openAt"));
        given().queryParam("insee", "80212").queryParam("openAt", "0001-01-01T10:00:00").get("/api/v1/places").then()
                .spec(problem(400)).body("field", equalTo("openAt"));
    }

    @Test
    void everyListHasAMaximumAndDistinctValues() {
        UUID partner = TestData.createPartner("Listes " + UUID.randomUUID());
        long before = Place.count();
        Map<String, Object> tooMany = TestData.place(partner, "Trop de services");
        List<String> services = new ArrayList<>(Standard.SERVICES);
        services.add(Standard.SERVICES.get(0));
        tooMany.put("services", services);
        asAdmin().contentType("application/json").body(tooMany).post("/api/v1/places").then().spec(problem(400))
                .body("violations.field", hasItem("services"));
        Map<String, Object> repeated = TestData.place(partner, "Service répété");
        repeated.put("frais", List.of("Gratuit", "Gratuit"));
        asAdmin().contentType("application/json").body(repeated).post("/api/v1/places").then().spec(problem(400))
                .body("field", equalTo("frais"));
        Map<String, Object> flood = TestData.place(partner, "Communes à l'infini");
        flood.put("servedCommunes", Collections.nCopies(2001, "80212"));
        asAdmin().contentType("application/json").body(flood).post("/api/v1/places").then().spec(problem(400))
                .body("field", equalTo("servedCommunes"));
        assertEquals(before, Place.count());

        UUID place = TestData.createPlace(TestData.place(partner, "Lieu des bénévoles"));
        Map<String, Object> person = TestData.person(partner, place);
        person.put("placeIds", List.of(place.toString(), place.toString()));
        asAdmin().contentType("application/json").body(person).post("/api/v1/people").then().spec(problem(400))
                .body("field", equalTo("placeIds"));
        Map<String, Object> partnerBody = TestData.partner("Typologies répétées");
        partnerBody.put("typologies", List.of("MUNI", "MUNI"));
        asAdmin().contentType("application/json").body(partnerBody).post("/api/v1/partners").then().spec(problem(400))
                .body("field", equalTo("typologies"));
    }

    @Test
    void anImportedRowWithAControlCharacterOrAnAbsurdDateNeverCausesA500() {
        String header = String.join(",", StandardColumns.ALL);
        String nul = PlaceTransferResourceTest.row("hostile-nul", TestData.siret(), "Mairie\u0000de Corbie", "Corbie", "80800",
                "80212", "Aide aux démarches administratives");
        String invisible = PlaceTransferResourceTest.row("hostile-invisible", TestData.siret(), "\u200B\u200B", "Corbie", "80800",
                "80212", "Aide aux démarches administratives");
        String future = PlaceTransferResourceTest.row("hostile-date", TestData.siret(), "Mairie datée", "Corbie", "80800",
                "80212", "Aide aux démarches administratives").replace("2026-11-01", "+100000-01-01");
        PlaceTransferResourceTest.importCsv(header + "\n" + nul + "\n" + invisible + "\n" + future + "\n").statusCode(200)
                .body("results[0].status", equalTo("rejeté")).body("results[0].errors[0].field", equalTo("nom"))
                .body("results[0].errors[0].message", containsString("U+0000"))
                .body("results[1].status", equalTo("rejeté")).body("results[1].errors[0].field", equalTo("nom"))
                .body("results[2].status", equalTo("créé"))
                .body("results[2].warnings.find { it.field == 'date_maj' }.message", containsString("2000-01-01"));
        assertNull(Place.find("sourceId", "hostile-nul").firstResult());
        Place dated = Place.find("sourceId", "hostile-date").firstResult();
        assertNull(dated.dateMaj);
        // the same in JSON, where a lone surrogate can be written as an escape
        String json = "[{\"id\": \"hostile-json\", \"pivot\": \"" + TestData.siret() + "\", \"nom\": \"Mairie \\ud800\","
                + " \"code_postal\": \"80800\", \"code_insee\": \"80212\", \"adresse\": \"1 rue\","
                + " \"services\": \"Aide aux démarches administratives\"}]";
        asAdmin().contentType("application/json").body(json).post("/api/v1/places/import").then().statusCode(200)
                .body("results[0].status", equalTo("rejeté")).body("results[0].errors[0].field", equalTo("nom"));
        assertTrue(Place.find("sourceId", "hostile-json").firstResultOptional().isEmpty());
    }
}
