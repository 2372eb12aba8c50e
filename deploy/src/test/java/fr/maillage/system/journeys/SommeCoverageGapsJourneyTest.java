package fr.maillage.system.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.maillage.system.Gateway;
import io.restassured.path.json.JsonPath;

/**
 * Journey 5: an EPCI officer asks for the coverage gaps of the Somme for "Aide aux démarches
 * administratives" and gets the rural communes with no help within 15 km.
 */
class SommeCoverageGapsJourneyTest {

    @Test
    void ruralCommunesWithoutHelpWithin15KmSortedByPopulation() {
        JsonPath coverage = Gateway.given().queryParam("departement", "80")
                .queryParam("service", "Aide aux démarches administratives").queryParam("radiusKm", 15).queryParam("size", 100)
                .when().get("/api/v1/coverage").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> gaps = coverage.getList("items");
        assertFalse(gaps.isEmpty(), "the Somme has rural communes far from the demo places");

        // communes next to the Val de Somme places that help with procedures are covered
        List<String> codes = coverage.getList("items.code");
        for (String covered : List.of("80212", "80799", "80338")) {
            assertFalse(codes.contains(covered), covered + " has help within 15 km");
        }
        // every gap is really more than 15 km from the nearest such place (when there is one)
        for (Map<String, Object> gap : gaps) {
            Object nearest = gap.get("nearestPlaceKm");
            assertTrue(nearest == null || ((Number) nearest).doubleValue() > 15.0, "not a gap: " + gap);
        }
        // sorted by population, largest first
        for (int i = 1; i < gaps.size(); i++) {
            assertTrue(((Number) gaps.get(i - 1).get("population")).intValue() >= ((Number) gaps.get(i).get("population")).intValue());
        }
        double share = coverage.getDouble("uncoveredShareOfPopulation");
        assertTrue(share > 0 && share < 1, "share of the population concerned: " + share);
        assertTrue(coverage.getLong("uncoveredCommunes") >= gaps.size());
    }
}
