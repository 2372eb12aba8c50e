package fr.maillage.directory.events;

import static fr.maillage.platform.testing.Tokens.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fr.maillage.directory.TestData;
import fr.maillage.directory.service.VersionRepair;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * An id deleted then re-created with PUT goes on with its version sequence: consumers, which ignore any
 * version not above the highest they saw for an id, must see the re-creation (and its ETag never repeats
 * one the deleted entity had).
 */
@QuarkusTest
class RecreatedIdVersionsTest {
    @Inject
    EntityManager em;

    @Inject
    VersionRepair repair;

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

    @Test
    void aPlaceReimportedAfterItsDeletionContinuesItsVersions() throws Exception {
        try (TopicWatcher watcher = new TopicWatcher(Snapshots.PLACES)) {
            String sourceId = "reimport-" + UUID.randomUUID();
            String json = """
                    [{"id": "%s", "pivot": "%s", "nom": "Tiers-lieu de Corbie", "commune": "Corbie",
                      "code_postal": "80800", "code_insee": "80212", "adresse": "1 place de la République",
                      "services": ["Aide aux démarches administratives"], "frais_a_charge": "Gratuit", "itinerance": "Fixe"}]
                    """.formatted(sourceId, TestData.siret());
            String placeId = asAdmin().contentType("application/json").body(json).post("/api/v1/places/import").then()
                    .statusCode(200).body("results[0].status", org.hamcrest.Matchers.equalTo("créé"))
                    .extract().path("results[0].placeId");
            asAdmin().delete("/api/v1/places/" + placeId).then().statusCode(204);
            // the same source id gives the same place id: a re-creation
            asAdmin().contentType("application/json").body(json).post("/api/v1/places/import").then().statusCode(200)
                    .body("results[0].status", org.hamcrest.Matchers.equalTo("créé"))
                    .body("results[0].placeId", org.hamcrest.Matchers.equalTo(placeId));
            asAdmin().get("/api/v1/places/" + placeId).then().statusCode(200).header("ETag", "\"2\"");

            List<JsonNode> events = events(watcher, UUID.fromString(placeId), 3);
            assertTypesAndVersions(events, List.of("PlaceUpserted", "PlaceDeleted", "PlaceUpserted"), List.of(0L, 1L, 2L));
        }
    }

    /**
     * Ids re-created before the fix, from 0 again: migration V6 lists them, {@link VersionRepair} moves each
     * above everything published for its id and publishes its snapshot. The old behaviour is reproduced by
     * removing the tombstone before the re-creation; V6's selection statement is run as the migration has it.
     */
    @Test
    void anIdRecreatedBeforeTheFixIsRepublishedAboveItsDeletion() throws Exception {
        try (TopicWatcher watcher = new TopicWatcher(Snapshots.PARTNERS, Snapshots.PLACES, Snapshots.PEOPLE)) {
            UUID owner = TestData.createPartner("Médiathèque de Corbie " + UUID.randomUUID());
            UUID partner = UUID.randomUUID();
            UUID place = UUID.randomUUID();
            UUID person = UUID.randomUUID();
            Map<String, String> paths = Map.of(
                    "/api/v1/partners/" + partner, DirectoryEventsTest.JSON.writeValueAsString(TestData.partner("Association Clic " + partner)),
                    "/api/v1/places/" + place, DirectoryEventsTest.JSON.writeValueAsString(TestData.place(owner, "Point numérique")),
                    "/api/v1/people/" + person, DirectoryEventsTest.JSON.writeValueAsString(TestData.person(owner, null)));
            paths.forEach((path, body) -> {
                asAdmin().contentType("application/json").body(body).put(path).then().statusCode(201).header("ETag", "\"0\"");
                asAdmin().delete(path).then().statusCode(204);
            });
            // what the service did before: no tombstone, so the re-creation starts again from 0
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM deleted_entity WHERE id IN (:ids)")
                    .setParameter("ids", List.of(partner, place, person)).executeUpdate());
            paths.forEach((path, body) ->
                    asAdmin().contentType("application/json").body(body).put(path).then().statusCode(201).header("ETag", "\"0\""));

            String migration = Files.readString(Path.of("src/main/resources/db/migration/V6__version_repair.sql"));
            String selection = migration.substring(migration.indexOf("WITH published"));
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(selection).executeUpdate());
            assertEquals(3, repair.repair());
            assertEquals(0, repair.repair(), "done once");

            paths.keySet().forEach(path -> asAdmin().get(path).then().statusCode(200).header("ETag", "\"2\""));
            for (UUID id : List.of(partner, place, person)) {
                List<JsonNode> events = events(watcher, id, 4);
                assertEquals(List.of(0L, 1L, 0L, 2L), events.stream().map(e -> e.get("version").asLong()).toList());
                assertTrue(events.get(3).get("type").asText().endsWith("Upserted"));
                assertEquals(false, events.get(3).at("/data/deleted").asBoolean());
                assertEquals(id.toString(), events.get(3).at("/data/id").asText());
            }
        }
    }
}
