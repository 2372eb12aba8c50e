package fr.maillage.directory.api;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.directory.TestData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 21 item 3 (geo): Paris, Lyon, Marseille and their arrondissements municipaux have coordinates and are found;
 * a postal-code query ranks the communes having it first; EPCI and départements are listed with their communes.
 */
@QuarkusTest
class ParisLyonMarseilleApiTest {

    static UUID place(UUID partner, String name, String insee, String postalCode, double lat, double lon) {
        Map<String, Object> body = TestData.place(partner, name);
        body.put("address", new HashMap<>(Map.of("street", "1 place de la Comédie", "postalCode", postalCode, "inseeCode", insee)));
        body.put("latitude", lat);
        body.put("longitude", lon);
        body.put("servedCommunes", java.util.List.of(insee));
        return TestData.createPlace(body);
    }

    @Test
    void parisLyonMarseilleAndTheirArrondissementsHaveCoordinates() {
        given().get("/api/v1/communes/75056").then().statusCode(200).body("latitude", equalTo(48.8589f))
                .body("longitude", equalTo(2.347f));
        given().get("/api/v1/communes/69123").then().statusCode(200).body("latitude", notNullValue());
        given().get("/api/v1/communes/13055").then().statusCode(200).body("latitude", notNullValue());
        given().get("/api/v1/communes/69381").then().statusCode(200).body("nom", equalTo("Lyon 1er Arrondissement"))
                .body("codesPostaux", hasItem("69001")).body("population", greaterThan(20000)).body("latitude", notNullValue())
                .body("communeParente", equalTo("69123"));
        given().get("/api/v1/communes/13216").then().statusCode(200).body("communeParente", equalTo("13055"));
        given().get("/api/v1/communes/75120").then().statusCode(200).body("epci.code", equalTo("200054781"));
    }

    @Test
    void aPlaceInAnArrondissementIsFoundInItsCommuneAndNearIt() {
        UUID partner = TestData.createPartner("Maison Lyon " + UUID.randomUUID());
        UUID inFirst = place(partner, "Permanence Lyon 1er", "69381", "69001", 45.7677, 4.8344);
        given().queryParam("insee", "69123").queryParam("partnerId", partner.toString()).get("/api/v1/places").then()
                .statusCode(200).body("items.id", hasItem(inFirst.toString()));
        given().queryParam("insee", "69381").queryParam("partnerId", partner.toString()).get("/api/v1/places").then()
                .statusCode(200).body("items.id", hasItem(inFirst.toString()));
        // another arrondissement is not this one
        given().queryParam("insee", "69387").queryParam("partnerId", partner.toString()).get("/api/v1/places").then()
                .statusCode(200).body("items.id", not(hasItem(inFirst.toString())));
        // a place of Lyon as a whole counts for each arrondissement
        UUID wholeCity = place(partner, "Permanence Lyon", "69123", "69003", 45.7597, 4.8422);
        given().queryParam("insee", "69387").queryParam("partnerId", partner.toString()).get("/api/v1/places").then()
                .statusCode(200).body("items.id", hasItem(wholeCity.toString()));
        // near Lyon's centre (the commune has coordinates now)
        given().queryParam("insee", "69123").queryParam("radiusKm", 5).queryParam("partnerId", partner.toString())
                .get("/api/v1/places").then().statusCode(200).body("items.id", hasItems(inFirst.toString(), wholeCity.toString()))
                .body("items.distanceKm", everyItem(notNullValue()));
        given().queryParam("lat", 45.764).queryParam("lon", 4.8357).queryParam("radiusKm", 3)
                .queryParam("partnerId", partner.toString()).get("/api/v1/places").then().statusCode(200)
                .body("items.id", hasItem(inFirst.toString()));
    }

    @Test
    void aPostalCodeRanksTheCommunesHavingItFirst() {
        // 35133 is Romagné's postal code and Iffendic's INSEE code
        // 35133 is the postal code of Romagné (35243) and of its neighbours, and the INSEE code of Iffendic
        java.util.List<String> codes = given().queryParam("q", "35133").get("/api/v1/communes").then().statusCode(200)
                .body("items[0].codesPostaux", hasItem("35133")).extract().path("items.code");
        org.junit.jupiter.api.Assertions.assertTrue(codes.contains("35243") && codes.contains("35133"), codes.toString());
        org.junit.jupiter.api.Assertions.assertTrue(codes.indexOf("35243") < codes.indexOf("35133"), "Romagné before Iffendic: " + codes);
        org.junit.jupiter.api.Assertions.assertEquals("35133", codes.get(codes.size() - 1), "Iffendic after every commune of 35133");
        given().queryParam("q", "69001").get("/api/v1/communes").then().statusCode(200)
                .body("items.code", hasItems("69123", "69381"));
    }

    @Test
    void epcisAreListedFilteredPaginatedAndShownWithTheirCommunes() {
        given().queryParam("q", "val de somme").get("/api/v1/epcis").then().statusCode(200)
                .header("X-Total-Count", "1").body("items[0].code", equalTo("248000499"))
                .body("items[0].departements", hasItem("80")).body("items[0].nombreCommunes", greaterThan(10));
        given().queryParam("size", 5).queryParam("page", 1).get("/api/v1/epcis").then().statusCode(200)
                .body("items.size()", equalTo(5)).body("page", equalTo(1))
                .header("X-Total-Count", org.hamcrest.Matchers.matchesPattern("\\d{4}"));
        given().queryParam("size", 3).get("/api/v1/epcis/248000499").then().statusCode(200)
                .body("nom", equalTo("CC du Val de Somme")).body("communes.items.size()", equalTo(3))
                .body("communes.total", greaterThan(10));
        // the Métropole de Lyon counts Lyon once, not its arrondissements
        given().queryParam("size", 100).get("/api/v1/epcis/200046977").then().statusCode(200)
                .body("communes.items.code", hasItem("69123")).body("communes.items.code", not(hasItem("69381")));
        given().get("/api/v1/epcis/999999999").then().spec(problem(404)).body("field", equalTo("siren"));
        given().get("/api/v1/epcis/24800").then().spec(problem(400)).body("field", equalTo("siren"));
        given().queryParam("size", 0).get("/api/v1/epcis").then().spec(problem(400)).body("field", equalTo("size"));
    }

    @Test
    void departementsAreListedFilteredPaginatedAndShownWithTheirCommunes() {
        given().queryParam("q", "reunion").get("/api/v1/departements").then().statusCode(200)
                .header("X-Total-Count", "1").body("items[0].code", equalTo("974"))
                .body("items[0].nom", equalTo("La Réunion")).body("items[0].nombreCommunes", equalTo(24));
        given().queryParam("size", 10).get("/api/v1/departements").then().statusCode(200)
                .body("items[0].code", equalTo("01")).body("items.size()", equalTo(10)).body("total", greaterThan(100));
        given().queryParam("size", 2).queryParam("page", 3).get("/api/v1/departements/2a").then().statusCode(200)
                .body("code", equalTo("2A")).body("nom", equalTo("Corse-du-Sud")).body("communes.items.size()", equalTo(2))
                .body("communes.page", equalTo(3)).header("X-Total-Count", "124");
        given().queryParam("size", 100).get("/api/v1/departements/75").then().statusCode(200)
                .body("nombreCommunes", equalTo(1)).body("communes.items.code", equalTo(java.util.List.of("75056")));
        given().get("/api/v1/departements/20").then().spec(problem(404)).body("field", equalTo("code"));
        given().get("/api/v1/departements/abc").then().spec(problem(400)).body("field", equalTo("code"));
    }
}
