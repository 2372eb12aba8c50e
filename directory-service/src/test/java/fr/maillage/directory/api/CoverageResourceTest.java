package fr.maillage.directory.api;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.directory.TestData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * CC Cœur de Lozère (SIREN 244800405): Mende (12,464 inhabitants, dense) and six rural communes
 * totalling 3,316 inhabitants, 5.7 to 10.5 km from Mende's centre. No other test puts places there.
 */
@QuarkusTest
class CoverageResourceTest {
    static final String EPCI = "244800405";
    static final String DEMARCHES = "Aide aux démarches administratives";

    @Test
    void ruralCommunesOutOfReachAreListedByPopulationWithTheirShare() {
        given().queryParam("epci", EPCI).queryParam("service", DEMARCHES).queryParam("radiusKm", 6).get("/api/v1/coverage")
                .then().statusCode(200)
                .body("communes", equalTo(7)).body("population", equalTo(15780))
                .body("ruralCommunes", equalTo(6)).body("ruralPopulation", equalTo(3316))
                .body("uncoveredCommunes", equalTo(6)).body("uncoveredPopulation", equalTo(3316))
                .body("uncoveredShareOfPopulation", equalTo(0.2101f))
                .body("items[0].code", equalTo("48013")) // Badaroux, 930 inhabitants
                .body("items.code", not(hasItem("48095"))); // Mende is not rural

        UUID partner = TestData.createPartner("France Services de Mende " + UUID.randomUUID());
        Map<String, Object> place = TestData.place(partner, "France Services de Mende");
        place.put("address", new HashMap<>(Map.of("street", "Place Urbain V", "postalCode", "48000", "inseeCode", "48095")));
        place.put("latitude", 44.53491);
        place.put("longitude", 3.49086);
        place.put("servedCommunes", List.of("48111")); // Pelouse, 10.5 km away, served by a permanence
        TestData.createPlace(place);

        // Badaroux (5.7 km) is now within reach, Pelouse is served: 4 communes, 930 + 231 fewer inhabitants
        given().queryParam("epci", EPCI).queryParam("service", DEMARCHES).queryParam("radiusKm", 6).get("/api/v1/coverage")
                .then().statusCode(200)
                .body("uncoveredCommunes", equalTo(4)).body("uncoveredPopulation", equalTo(3316 - 930 - 231))
                .body("items[0].code", equalTo("48018")) // Barjac, 806
                .body("items.code", not(hasItem("48013"))).body("items.code", not(hasItem("48111")))
                .body("items[0].nearestPlaceKm", both(greaterThan(6.9f)).and(lessThan(7.2f))); // on the ellipsoid
        // a service the place does not offer leaves every rural commune uncovered
        given().queryParam("epci", EPCI).queryParam("service", "Accès internet et matériel informatique")
                .queryParam("radiusKm", 6).get("/api/v1/coverage").then().statusCode(200).body("uncoveredCommunes", equalTo(6));
        // the département view includes this EPCI's gaps
        given().queryParam("departement", "48").queryParam("service", DEMARCHES).queryParam("radiusKm", 6)
                .queryParam("size", 100).get("/api/v1/coverage")
                .then().statusCode(200).body("uncoveredCommunes", greaterThan(100)).body("items.code", not(hasItem("48013")))
                .body("items[0].population", greaterThan(1000));
    }

    @Test
    void badParametersAreProblems() {
        given().get("/api/v1/coverage").then().spec(problem(400)).body("field", equalTo("departement"));
        given().queryParam("departement", "80").queryParam("epci", EPCI).get("/api/v1/coverage").then().spec(problem(400));
        given().queryParam("departement", "80").queryParam("radiusKm", 0).get("/api/v1/coverage").then().spec(problem(400))
                .body("field", equalTo("radiusKm"));
        given().queryParam("departement", "80").queryParam("service", "Jardinage").get("/api/v1/coverage").then().spec(problem(400))
                .body("field", equalTo("service"));
        given().queryParam("epci", "999999999").get("/api/v1/coverage").then().spec(problem(404));
    }
}
