package fr.maillage.offers.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.offers.Fixtures;
import fr.maillage.offers.Fixtures.Place;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 21 item 3 (geo): Paris, Lyon and Marseille have coordinates in commune_ref (the platform's communes reader
 * completes communes.csv), so {@code offers?near=75056} answers instead of 422, and an offer at a place in an
 * arrondissement municipal is found near its commune, near the arrondissement and near a point.
 */
@QuarkusTest
class ParisLyonMarseilleSearchTest {

    @Test
    void anOfferInTheEighthIsFoundNearParisNearTheEighthAndNearAPoint() {
        Place eighth = Place.near("Permanence Paris 8e " + UUID.randomUUID(), "75108", "Paris 8e Arrondissement", "75008",
                48.8732, 2.3111);
        Fixtures.publishPlaceAndWait(eighth);
        UUID offer = Fixtures.createPublished(Fixtures.permanence(eighth.id()));

        given().queryParam("near", "75056").queryParam("size", 100).get("/api/v1/offers").then().statusCode(200)
                .body("items.id", hasItem(offer.toString()));
        given().queryParam("near", "75108").queryParam("radiusKm", 2).queryParam("size", 100).get("/api/v1/offers").then()
                .statusCode(200).body("items.id", hasItem(offer.toString()));
        given().queryParam("near", "48.8566,2.3522").queryParam("radiusKm", 5).queryParam("size", 100).get("/api/v1/offers")
                .then().statusCode(200).body("items.id", hasItem(offer.toString()));
        // Lyon and Marseille answer too (they had no coordinates: 422), without this Paris offer
        given().queryParam("near", "69123").get("/api/v1/offers").then().statusCode(200)
                .body("items.id", not(hasItem(offer.toString())));
        given().queryParam("near", "13055").get("/api/v1/offers").then().statusCode(200);
        given().queryParam("near", "69381").get("/api/v1/offers").then().statusCode(200);
    }

    @Test
    void theArrondissementsAreInTheReferenceWithTheirCommune() {
        given().queryParam("near", "13216").get("/api/v1/offers").then().statusCode(200).body("page", equalTo(0));
    }
}
