package fr.maillage.offers.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import fr.maillage.offers.Fixtures;
import fr.maillage.offers.Fixtures.Place;
import fr.maillage.platform.testing.Tokens;
import fr.maillage.offers.KafkaTestSupport.Received;
import fr.maillage.offers.KafkaTestSupport.Tap;
import fr.maillage.platform.events.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What offers publishes, read back from the real broker and checked against the published JSON Schemas. */
@QuarkusTest
class OfferEventsTest {
    static final Place PLACE = Place.near("Médiathèque", "35243", "Romagné", "35133", 48.3446, -1.2590);
    static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void places() {
        Fixtures.publishPlaceAndWait(PLACE);
    }

    private static io.restassured.specification.RequestSpecification owner() {
        return Tokens.as(Tokens.partnerApp(PLACE.partnerId()));
    }

    private static void assertValid(String topic, List<Received> events) {
        for (Received e : events) {
            assertEquals(List.of(), EventSchemas.produced(topic, e.json()), e.raw());
            assertEquals(e.key(), e.json().get("aggregateId").asText());
        }
    }

    private static List<String> sessionIds(UUID offer, String status) {
        return given().queryParam("size", 100).get("/api/v1/offers/" + offer + "/sessions").then().statusCode(200).extract()
                .jsonPath().<Map<String, Object>>getList("items").stream().filter(s -> s.get("status").equals(status))
                .map(s -> (String) s.get("id")).toList();
    }

    @Test
    void lifecycleAndSessionEventsFollowTheContract() {
        UUID staff = UUID.randomUUID();
        Map<String, Object> body = Fixtures.permanence(PLACE.id());
        body.put("staffIds", List.of(staff.toString()));
        UUID offer = UUID.randomUUID();
        String offerKey = offer.toString();
        try (Tap tap = new Tap("offers.offers.v1", "offers.sessions.v1")) {
            owner().contentType(ContentType.JSON).body(body).put("/api/v1/offers/" + offer).then().statusCode(201);
            owner().post("/api/v1/offers/" + offer + "/publish").then().statusCode(200);
            List<String> planned = sessionIds(offer, "planned");
            assertTrue(planned.size() >= 6 * 12, "about 13 Tuesdays of 6 slots in 90 days, got " + planned.size());

            List<Received> offerEvents = tap.await(e -> e.topic().equals("offers.offers.v1") && offerKey.equals(e.key()), 2, WAIT);
            assertEquals(List.of("OfferCreated", "OfferPublished"), offerEvents.stream().map(Received::type).toList());
            assertEquals(List.of(1L, 2L), offerEvents.stream().map(e -> e.json().get("version").asLong()).toList());
            assertEquals("published", offerEvents.get(1).data().get("status").asText());
            assertEquals(PLACE.partnerId().toString(), offerEvents.get(1).data().get("partnerId").asText());
            assertValid("offers.offers.v1", offerEvents);

            List<Received> sessions = tap.await(e -> e.topic().equals("offers.sessions.v1")
                    && offerKey.equals(e.data().path("offerId").asText()), planned.size(), WAIT);
            assertEquals(planned.size(), sessions.size());
            assertValid("offers.sessions.v1", sessions);
            assertTrue(sessions.stream().allMatch(e -> e.type().equals("SessionPlanned") && e.json().get("version").asLong() == 1));
            assertEquals(Set.copyOf(planned), sessions.stream().map(Received::key).collect(Collectors.toSet()));
            var first = sessions.stream().filter(e -> e.key().equals(planned.get(0))).findFirst().orElseThrow().data();
            assertEquals("Médiathèque", first.at("/place/name").asText());
            assertEquals("35243", first.at("/place/inseeCode").asText());
            assertEquals("Permanence conseiller numérique", first.at("/offer/title").asText());
            assertEquals("permanence_individuelle", first.at("/offer/type").asText());
            assertEquals(staff.toString(), first.at("/staffIds/0").asText());
            assertEquals(List.of(2880, 120), List.of(first.at("/bookingRules/reminderOffsetsMinutes/0").asInt(),
                    first.at("/bookingRules/reminderOffsetsMinutes/1").asInt()));
            assertEquals(1, first.get("capacity").asInt());
            assertTrue(first.get("start").asText().matches("\\d{4}-\\d\\d-\\d\\dT09:00(:00)?\\+01:00"), first.get("start").asText());

            // Shorter range: the 11:00 and 11:30 slots are cancelled, the others keep their ids and get no event.
            Map<String, Object> shorter = Fixtures.permanence(PLACE.id());
            shorter.put("staffIds", List.of(staff.toString()));
            shorter.put("schedule", Map.of("rules", List.of(Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU",
                    "startDate", java.time.LocalDate.now().toString(), "startTime", "09:00", "endTime", "11:00"))));
            owner().contentType(ContentType.JSON).body(shorter).put("/api/v1/offers/" + offer).then().statusCode(200)
                    .body("version", org.hamcrest.Matchers.equalTo(3));
            List<String> kept = sessionIds(offer, "planned");
            assertEquals(planned.size() * 4 / 6, kept.size());
            assertTrue(planned.containsAll(kept), "re-planning keeps session ids");
            List<Received> changes = tap.settle(e -> e.topic().equals("offers.sessions.v1")
                    && offerKey.equals(e.data().path("offerId").asText()) && !e.type().equals("SessionPlanned"), Duration.ofSeconds(4));
            assertEquals(planned.size() - kept.size(), changes.size());
            assertTrue(changes.stream().allMatch(e -> e.type().equals("SessionCancelled")
                    && e.data().get("status").asText().equals("cancelled")
                    && e.data().get("cancelReason").asText().equals("Horaire modifié par la structure")
                    && e.json().get("version").asLong() == 2
                    && e.data().get("start").asText().matches(".*T11:(00|30).*")), changes.toString());
            assertValid("offers.sessions.v1", changes);

            // Capacity change: every planned future session changes, none is re-planned or cancelled.
            shorter.put("capacity", 2);
            owner().contentType(ContentType.JSON).body(shorter).put("/api/v1/offers/" + offer).then().statusCode(200);
            List<Received> changed = tap.await(e -> e.type().equals("SessionChanged") && offerKey.equals(e.data().path("offerId").asText()),
                    kept.size(), WAIT);
            assertEquals(Set.copyOf(kept), changed.stream().map(Received::key).collect(Collectors.toSet()));
            assertTrue(changed.stream().allMatch(e -> e.data().get("capacity").asInt() == 2));
            assertValid("offers.sessions.v1", changed);

            List<Received> all = tap.await(e -> e.topic().equals("offers.offers.v1") && offerKey.equals(e.key()), 4, WAIT);
            assertEquals(List.of("OfferCreated", "OfferPublished", "OfferUpdated", "OfferUpdated"), all.stream().map(Received::type).toList());
        }
    }

    @Test
    void atelierIsOneSessionWithItsSeatsAndArchivingCancelsIt() {
        UUID offer = Fixtures.createPublished(Fixtures.atelier(PLACE.id()));
        List<String> planned = sessionIds(offer, "planned");
        assertTrue(planned.size() >= 2 && planned.size() <= 4, "first Saturdays in 90 days: " + planned.size());
        given().get("/api/v1/offers/" + offer + "/sessions").then()
                .body("items[0].capacity", org.hamcrest.Matchers.equalTo(8), "items[0].remaining", org.hamcrest.Matchers.equalTo(8));
        try (Tap tap = new Tap("offers.offers.v1", "offers.sessions.v1")) {
            owner().post("/api/v1/offers/" + offer + "/archive").then().statusCode(200);
            List<Received> cancelled = tap.await(e -> e.type().equals("SessionCancelled")
                    && offer.toString().equals(e.data().path("offerId").asText()), planned.size(), WAIT);
            assertEquals(Set.copyOf(planned), cancelled.stream().map(Received::key).collect(Collectors.toSet()));
            assertTrue(cancelled.stream().allMatch(e -> e.data().get("cancelReason").asText().equals("Offre archivée")));
            List<Received> archived = tap.await(e -> e.type().equals("OfferArchived") && offer.toString().equals(e.key()), 1, WAIT);
            assertEquals(1, archived.size());
            assertValid("offers.offers.v1", archived);
        }
    }
}
