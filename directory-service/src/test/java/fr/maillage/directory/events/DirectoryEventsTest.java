package fr.maillage.directory.events;

import static fr.maillage.platform.testing.Tokens.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.directory.TestData;
import fr.maillage.platform.events.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;

/** REST changes reach Kafka through the outbox, in the shape the JSON Schemas document. */
@QuarkusTest
class DirectoryEventsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The event in the record, checked against the schema its topic publishes (the platform's contract check). */
    static JsonNode valid(ConsumerRecord<String, String> record) throws Exception {
        JsonNode event = JSON.readTree(record.value());
        List<String> problems = EventSchemas.produced(record.topic(), event);
        assertTrue(problems.isEmpty(), () -> record.topic() + " event breaks its schema: " + problems + "\n" + record.value());
        assertEquals(event.get("aggregateId").asText(), record.key(), "key = aggregate id");
        return event;
    }

    @Test
    void partnerPlaceAndPersonChangesArePublishedInTheirContracts() throws Exception {
        try (TopicWatcher watcher = new TopicWatcher(Snapshots.PARTNERS, Snapshots.PLACES, Snapshots.PEOPLE)) {
            UUID partner = TestData.createPartner("Mission locale du Pays de Fougères " + UUID.randomUUID());
            Map<String, Object> placeBody = TestData.place(partner, "Permanence jeunes");
            UUID place = TestData.createPlace(placeBody);
            String person = asAdmin().contentType("application/json").body(Map.of("role", "conseiller_numerique",
                    "firstName", "Dominique", "lastName", "Fictif", "phone", "06 39 98 00 02", "notifySms", true,
                    "placeIds", List.of(place.toString()), "partnerId", partner.toString()))
                    .post("/api/v1/people").then().statusCode(201).extract().path("id");
            // a replay of the same place changes nothing and must not publish
            asAdmin().contentType("application/json").body(placeBody).put("/api/v1/places/" + place).then().statusCode(200);
            placeBody.put("name", "Permanence jeunes (mardi)");
            asAdmin().contentType("application/json").body(placeBody).put("/api/v1/places/" + place).then().statusCode(200);
            asAdmin().delete("/api/v1/people/" + person).then().statusCode(204);

            List<ConsumerRecord<String, String>> partners = watcher.await(r -> r.key().equals(partner.toString()), 1, Duration.ofSeconds(20));
            JsonNode p = valid(partners.get(0));
            assertEquals("PartnerUpserted", p.get("type").asText());
            assertEquals("+33199001234", p.at("/data/phone").asText());

            List<ConsumerRecord<String, String>> places = watcher.await(r -> r.key().equals(place.toString()), 2, Duration.ofSeconds(20));
            JsonNode created = valid(places.get(0));
            JsonNode renamed = valid(places.get(1));
            assertEquals("PlaceUpserted", created.get("type").asText());
            assertEquals("Corbie", created.at("/data/address/commune").asText());
            assertEquals("80212", created.at("/data/servedCommunes/0").asText());
            assertEquals(0, created.get("version").asLong());
            assertEquals(1, renamed.get("version").asLong());
            assertEquals("Permanence jeunes (mardi)", renamed.at("/data/name").asText());

            List<ConsumerRecord<String, String>> people = watcher.await(r -> r.key().equals(person), 2, Duration.ofSeconds(20));
            JsonNode upserted = valid(people.get(0));
            JsonNode deleted = valid(people.get(1));
            assertEquals("+33639980002", upserted.at("/data/phone").asText());
            assertEquals(place.toString(), upserted.at("/data/placeIds/0").asText());
            assertEquals(partner.toString(), upserted.at("/data/partnerId").asText());
            assertEquals("PersonDeleted", deleted.get("type").asText());
            assertTrue(deleted.at("/data/deleted").asBoolean());

            // nothing more for the place than its two real changes (the replay published nothing)
            assertEquals(2, watcher.await(r -> r.key().equals(place.toString()), 3, Duration.ofSeconds(2)).size());
        }
    }

    @Test
    void theSchemasRejectABrokenEvent() throws Exception {
        JsonNode broken = JSON.readTree("""
                {"eventId":"not-a-uuid","type":"PlaceUpserted","occurredAt":"2026-01-01T10:00:00Z","aggregateId":"x","version":0,
                 "data":{"id":"x","services":["Cours de cuisine"],"itinerance":"Mobile"}}""");
        assertTrue(EventSchemas.produced(Snapshots.PLACES, broken).size() >= 4);
    }
}
