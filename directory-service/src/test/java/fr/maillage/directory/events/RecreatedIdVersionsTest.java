package fr.maillage.directory.events;

import static fr.maillage.directory.support.Tokens.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fr.maillage.directory.TestData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An id deleted then re-created with PUT goes on with its version sequence: consumers, which ignore any
 * version not above the highest they saw for an id, must see the re-creation (and its ETag never repeats
 * one the deleted entity had).
 */
@QuarkusTest
class RecreatedIdVersionsTest {

    /** The events published for {@code id}, in order, once {@code count} of them arrived. */
    static List<JsonNode> events(TopicWatcher watcher, UUID id, int count) throws Exception {
        List<ConsumerRecord<String, String>> records = watcher.await(r -> r.key().equals(id.toString()), count, Duration.ofSeconds(20));
        assertEquals(count, records.size(), () -> "events for " + id + ": " + records);
        List<JsonNode> events = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            events.add(DirectoryEventsTest.JSON.readTree(record.value()));
        }
        return events;
    }

    static void assertTypesAndVersions(List<JsonNode> events, List<String> types, List<Long> versions) {
        assertEquals(types, events.stream().map(e -> e.get("type").asText()).toList());
        assertEquals(versions, events.stream().map(e -> e.get("version").asLong()).toList());
    }

    @Test
    void aRecreatedPartnerContinuesTheDeletedOnesVersions() throws Exception {
        try (TopicWatcher watcher = new TopicWatcher(Snapshots.PARTNERS)) {
            UUID id = UUID.randomUUID();
            Map<String, Object> body = TestData.partner("Centre social des Hauts " + id);
            String path = "/api/v1/partners/" + id;
            asAdmin().contentType("application/json").body(body).put(path).then().statusCode(201).header("ETag", "\"0\"");
            body.put("name", "Centre social des Hauts (renommé) " + id);
            asAdmin().contentType("application/json").body(body).put(path).then().statusCode(200).header("ETag", "\"1\"");
            asAdmin().header("If-Match", "\"1\"").delete(path).then().statusCode(204);
            asAdmin().get(path).then().statusCode(404);

            asAdmin().contentType("application/json").body(body).put(path).then().statusCode(201).header("ETag", "\"3\"")
                    .body("version", org.hamcrest.Matchers.equalTo(3));
            asAdmin().get(path).then().statusCode(200).header("ETag", "\"3\"");
            // an ETag read before the deletion never matches the re-created partner
            body.put("website", "https://centre-social.example.org");
            asAdmin().contentType("application/json").header("If-Match", "\"1\"").body(body).put(path).then().statusCode(409);
            asAdmin().contentType("application/json").header("If-Match", "\"3\"").body(body).put(path).then().statusCode(200)
                    .header("ETag", "\"4\"");
            // a second deletion and re-creation go on again from there
            asAdmin().delete(path).then().statusCode(204);
            asAdmin().contentType("application/json").body(body).put(path).then().statusCode(201).header("ETag", "\"6\"");

            List<JsonNode> events = events(watcher, id, 7);
            assertTypesAndVersions(events,
                    List.of("PartnerUpserted", "PartnerUpserted", "PartnerDeleted", "PartnerUpserted", "PartnerUpserted",
                            "PartnerDeleted", "PartnerUpserted"),
                    List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L));
            assertTrue(events.get(2).at("/data/deleted").asBoolean());
            assertTrue(events.get(3).get("version").asLong() > events.get(2).get("version").asLong(),
                    "the re-creation's version is above the deletion's");
            assertEquals(false, events.get(6).at("/data/deleted").asBoolean());
        }
    }

    @Test
    void aRecreatedPlaceContinuesTheDeletedOnesVersions() throws Exception {
        try (TopicWatcher watcher = new TopicWatcher(Snapshots.PLACES)) {
            UUID partner = TestData.createPartner("Mairie de Corbie " + UUID.randomUUID());
            UUID id = UUID.randomUUID();
            Map<String, Object> body = TestData.place(partner, "Espace numérique");
            String path = "/api/v1/places/" + id;
            asAdmin().contentType("application/json").body(body).put(path).then().statusCode(201).header("ETag", "\"0\"");
            asAdmin().delete(path).then().statusCode(204);
            asAdmin().contentType("application/json").body(body).put(path).then().statusCode(201).header("ETag", "\"2\"")
                    .body("version", org.hamcrest.Matchers.equalTo(2));
            asAdmin().contentType("application/json").header("If-Match", "\"0\"").body(body).put(path).then().statusCode(409);

            List<JsonNode> events = events(watcher, id, 3);
            assertTypesAndVersions(events, List.of("PlaceUpserted", "PlaceDeleted", "PlaceUpserted"), List.of(0L, 1L, 2L));
            assertTrue(events.get(2).get("version").asLong() > events.get(1).get("version").asLong(),
                    "the re-creation's version is above the deletion's");
            assertEquals("Espace numérique", events.get(2).at("/data/name").asText());
        }
    }

    @Test
    void aRecreatedPersonContinuesTheDeletedOnesVersions() throws Exception {
        try (TopicWatcher watcher = new TopicWatcher(Snapshots.PEOPLE)) {
            UUID partner = TestData.createPartner("France services de Corbie " + UUID.randomUUID());
            UUID id = UUID.randomUUID();
            Map<String, Object> body = TestData.person(partner, null);
            String path = "/api/v1/people/" + id;
            asAdmin().contentType("application/json").body(body).put(path).then().statusCode(201).header("ETag", "\"0\"");
            asAdmin().delete(path).then().statusCode(204);
            asAdmin().contentType("application/json").body(body).put(path).then().statusCode(201).header("ETag", "\"2\"")
                    .body("version", org.hamcrest.Matchers.equalTo(2));
            asAdmin().get(path).then().statusCode(200).header("ETag", "\"2\"");

            List<JsonNode> events = events(watcher, id, 3);
            assertTypesAndVersions(events, List.of("PersonUpserted", "PersonDeleted", "PersonUpserted"), List.of(0L, 1L, 2L));
            assertTrue(events.get(2).get("version").asLong() > events.get(1).get("version").asLong(),
                    "the re-creation's version is above the deletion's");
        }
    }
}
