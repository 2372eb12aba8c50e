package fr.maillage.system.fidelity;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.maillage.system.Gateway;

/**
 * Issue 21, item 3 (and the communes side of 6) through the gateway: Paris, Lyon and Marseille and their arrondissements
 * municipaux have coordinates and are found — a place in Lyon 1er (69381) by {@code places?insee=69123}, an offer in
 * Paris 8e (75108) by {@code offers?near=75056} — the postal code 35133 ranks Romagné before Iffendic (INSEE 35133),
 * and EPCI and départements are listed with their communes. On the code before issue 21 the place in 69381 was refused
 * (unknown commune), {@code offers?near=75056} answered 422 (no coordinates), Iffendic came first and /epcis and
 * /departements were not routed (404).
 */
class ParisLyonMarseilleTest {
    static final OverseasPlaces.Commune LYON_1ER = new OverseasPlaces.Commune("69381", "69001", 45.7677, 4.8344);
    static final OverseasPlaces.Commune PARIS_8E = new OverseasPlaces.Commune("75108", "75008", 48.8732, 2.3111);

    @Test
    void parisLyonMarseilleAndTheirArrondissementsAreFound() {
        Gateway.given().when().get("/api/v1/communes/75056").then().statusCode(200).body("latitude", notNullValue())
                .body("longitude", notNullValue());
        Gateway.given().when().get("/api/v1/communes/13208").then().statusCode(200)
                .body("nom", equalTo("Marseille 8e Arrondissement")).body("communeParente", equalTo("13055"))
                .body("codesPostaux", hasItem("13008")).body("latitude", notNullValue());

        // directory: a place in Lyon 1er is a place of Lyon
        String partner = OverseasPlaces.partner("Structure Lyon " + java.util.UUID.randomUUID().toString().substring(0, 8));
        String place = OverseasPlaces.place(partner, "Permanence Lyon 1er", LYON_1ER);
        Gateway.given().queryParam("insee", "69123").queryParam("partnerId", partner).when().get("/api/v1/places").then()
                .statusCode(200).body("items.id", hasItem(place));
        Gateway.given().queryParam("insee", "69387").queryParam("partnerId", partner).when().get("/api/v1/places").then()
                .statusCode(200).body("items.id", not(hasItem(place)));

        // offers: an offer in Paris 8e near Paris, and near a point
        OverseasPlaces.Published paris = OverseasPlaces.nineOClock(PARIS_8E,
                LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(9));
        Gateway.given().queryParam("near", "75056").queryParam("size", 100).when().get("/api/v1/offers").then()
                .statusCode(200).body("items.id", hasItem(paris.offerId()));
        Gateway.given().queryParam("near", "48.8566,2.3522").queryParam("radiusKm", 5).queryParam("size", 100).when()
                .get("/api/v1/offers").then().statusCode(200).body("items.id", hasItem(paris.offerId()));
        Gateway.given().queryParam("near", "13055").when().get("/api/v1/offers").then().statusCode(200);
    }

    @Test
    void aPostalCodeRanksItsCommunesFirst() {
        // 35133: postal code of Romagné (35243) and 14 neighbours, INSEE code of Iffendic
        List<String> codes = Gateway.given().queryParam("q", "35133").when().get("/api/v1/communes").then().statusCode(200)
                .body("items[0].codesPostaux", hasItem("35133")).extract().path("items.code");
        org.junit.jupiter.api.Assertions.assertTrue(codes.indexOf("35243") >= 0 && codes.indexOf("35243") < codes.indexOf("35133"),
                "Romagné before Iffendic: " + codes);
    }

    @Test
    void epcisAndDepartementsAreListedWithTheirCommunes() {
        Gateway.given().queryParam("q", "val de somme").when().get("/api/v1/epcis").then().statusCode(200)
                .header("X-Total-Count", "1").body("items[0].code", equalTo("248000499"));
        Gateway.given().queryParam("size", 2).when().get("/api/v1/epcis/200046977").then().statusCode(200)
                .body("nom", equalTo("Métropole de Lyon")).body("communes.items.size()", equalTo(2))
                .header("X-Total-Count", Integer.toString(58));
        Gateway.given().queryParam("size", 5).when().get("/api/v1/departements").then().statusCode(200)
                .body("items.size()", equalTo(5)).header("X-Total-Count", notNullValue());
        Gateway.given().when().get("/api/v1/departements/75").then().statusCode(200).body("nom", equalTo("Paris"))
                .body("communes.items.code", equalTo(List.of("75056")));
        Gateway.given().when().get("/api/v1/departements/974").then().statusCode(200)
                .body("nombreCommunes", equalTo(24)).body("population", greaterThan(800000));
        Gateway.given().when().get("/api/v1/epcis/abc").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("siren"));
        Gateway.given().when().get("/api/v1/departements/20").then().statusCode(404)
                .contentType("application/problem+json").body("field", equalTo("code"));
    }
}
