package fr.maillage.directory.api;

import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.directory.TestData;
import fr.maillage.directory.events.Snapshots;
import fr.maillage.directory.events.TopicWatcher;
import fr.maillage.platform.events.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 21, item 1: each place has the time zone of its territory, derived from its commune — in the API
 * (GET, POST, search) and in directory.places.v1 (the contract's schema checked) — for 971, 972, 973, 974, 976 and a
 * metropolitan place.
 */
@QuarkusTest
class PlaceTimeZoneTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, Object> placeIn(UUID partner, String insee, String postalCode, double lat, double lon) {
        Map<String, Object> body = TestData.place(partner, "Lieu " + insee + " " + UUID.randomUUID());
        body.put("address", new HashMap<>(Map.of("street", "1 rue de la Mairie", "postalCode", postalCode, "inseeCode", insee)));
        body.put("latitude", lat);
        body.put("longitude", lon);
        return body;
    }

    @ParameterizedTest(name = "{0} ({1}) -> {5}")
    @CsvSource({
            "97105, 97100, Basse-Terre, 15.99916, -61.72939, America/Guadeloupe",
            "97209, 97200, Fort-de-France, 14.64925, -61.06863, America/Martinique",
            "97302, 97300, Cayenne, 4.94639, -52.33191, America/Cayenne",
            "97411, 97400, Saint-Denis, -20.94342, 55.4444, Indian/Reunion",
            "97611, 97600, Mamoudzou, -12.78751, 45.19642, Indian/Mayotte",
            "80212, 80800, Corbie, 49.9085, 2.5090, Europe/Paris" })
    void placeCarriesTheTimeZoneOfItsTerritory(String insee, String postalCode, String commune, double lat, double lon,
            String zone) throws Exception {
        UUID partner = TestData.createPartner("Structure " + commune + " " + UUID.randomUUID());
        try (TopicWatcher watcher = new TopicWatcher(Snapshots.PLACES)) {
            String id = asAdmin().contentType("application/json").body(placeIn(partner, insee, postalCode, lat, lon))
                    .post("/api/v1/places").then().statusCode(201)
                    .body("timeZone", equalTo(zone))
                    .body("address.inseeCode", equalTo(insee))
                    .extract().path("id");
            given().get("/api/v1/places/" + id).then().statusCode(200)
                    .body("timeZone", equalTo(zone)).body("address.commune", equalTo(commune));
            given().queryParam("insee", insee).queryParam("partnerId", partner.toString()).get("/api/v1/places")
                    .then().statusCode(200).body("items.find { it.id == '" + id + "' }.timeZone", equalTo(zone));

            List<ConsumerRecord<String, String>> events = watcher.await(r -> r.key().equals(id), 1, Duration.ofSeconds(20));
            JsonNode event = JSON.readTree(events.get(0).value());
            assertEquals(List.of(), EventSchemas.produced(Snapshots.PLACES, event), "directory.places.v1 contract");
            assertEquals(zone, event.at("/data/timeZone").asText());
        }
    }

    @Test
    void movingAPlaceToAnotherTerritoryChangesItsZone() {
        UUID partner = TestData.createPartner("Structure itinérante " + UUID.randomUUID());
        Map<String, Object> body = placeIn(partner, "80212", "80800", 49.9085, 2.5090);
        String id = asAdmin().contentType("application/json").body(body).post("/api/v1/places").then().statusCode(201)
                .body("timeZone", equalTo("Europe/Paris")).extract().path("id");
        Map<String, Object> moved = placeIn(partner, "97411", "97400", -20.94342, 55.4444);
        moved.put("name", body.get("name"));
        asAdmin().contentType("application/json").body(moved).put("/api/v1/places/" + id).then().statusCode(200)
                .body("timeZone", equalTo("Indian/Reunion"));
    }
}
