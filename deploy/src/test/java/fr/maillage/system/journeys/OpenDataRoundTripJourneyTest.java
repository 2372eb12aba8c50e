package fr.maillage.system.journeys;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.system.Gateway;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.ServiceProcess;
import fr.maillage.system.Tokens;
import io.restassured.RestAssured;

/**
 * Journey 6: exporting the directory in the standard des lieux de médiation numérique and importing it
 * into a fresh instance gives the same places. The fresh instance is a second directory-service on its
 * own (wiped) database, publishing nowhere.
 */
class OpenDataRoundTripJourneyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void exportThenImportIntoAFreshInstanceGivesTheSamePlaces() throws Exception {
        // the file as published, byte for byte (UTF-8), is what the other instance receives
        byte[] csv = Gateway.given().queryParam("format", "csv").when().get("/api/v1/places/export")
                .then().statusCode(200).extract().asByteArray();
        Map<String, JsonNode> original = byId(Gateway.given().queryParam("format", "json").when().get("/api/v1/places/export")
                .then().statusCode(200).extract().asString());
        assertFalse(original.isEmpty(), "the demo directory has places to export");

        try (ServiceProcess fresh = ServiceProcess.start("directory", "directory-fresh", 18081,
                Map.of("DB_NAME", "directory_scratch", "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"),
                "-Dquarkus.flyway.clean-disabled=false", "-Dquarkus.flyway.clean-at-start=true")) {
            // the fresh instance loads the communes reference at start-up; places are checked against it
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> RestAssured.given()
                    .baseUri(fresh.baseUri()).when().get("/api/v1/communes/35243").statusCode() == 200);
            // importing a whole national file is the territory administrator's job
            RestAssured.given().baseUri(fresh.baseUri()).contentType("text/csv; charset=UTF-8").body(csv)
                    .when().post("/api/v1/places/import").then().spec(ProblemJson.problem(ProblemJson.Kind.UNAUTHORIZED));
            String report = RestAssured.given().baseUri(fresh.baseUri()).auth().oauth2(Tokens.admin()).contentType("text/csv; charset=UTF-8").body(csv)
                    .when().post("/api/v1/places/import")
                    .then().statusCode(200).extract().asString();
            assertEquals(0, (int) io.restassured.path.json.JsonPath.from(report).getInt("rejected"), "import report: " + report);
            Map<String, JsonNode> imported = byId(RestAssured.given().baseUri(fresh.baseUri()).queryParam("format", "json")
                    .when().get("/api/v1/places/export").then().statusCode(200).extract().asString());
            assertEquals(original.keySet(), imported.keySet(), "same places by id");
            for (String id : original.keySet()) {
                assertEquals(original.get(id), imported.get(id), "place " + id + " differs after the round trip");
            }
        }
    }

    private static Map<String, JsonNode> byId(String export) throws Exception {
        JsonNode root = JSON.readTree(export);
        JsonNode places = root.isArray() ? root : root.path("items");
        Map<String, JsonNode> byId = new TreeMap<>();
        for (JsonNode place : places) {
            byId.put(place.path("id").asText(), place);
        }
        return byId;
    }
}
