package fr.maillage.offers.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.offers.Fixtures;
import fr.maillage.offers.Fixtures.Place;
import fr.maillage.offers.KafkaTestSupport.Received;
import fr.maillage.offers.KafkaTestSupport.Tap;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The rolling planner and the communes loader, driven directly. */
@QuarkusTest
class PlanningJobsTest {
    static final Place PLACE = Place.near("CCAS", "45197", "Marigny-les-Usages", "45760", 47.95828, 2.01516);

    @Inject
    RollingPlanner planner;
    @Inject
    CommuneLoader communes;
    @Inject
    EntityManager em;

    private List<String> plannedIds(UUID offer) {
        return given().queryParam("size", 100).get("/api/v1/offers/" + offer + "/sessions").then().statusCode(200).extract()
                .jsonPath().<Map<String, Object>>getList("items").stream().filter(s -> s.get("status").equals("planned"))
                .map(s -> (String) s.get("id")).toList();
    }

    @Test
    void rollingPlannerExtendsTheWindowWithTheSameIdsAndOnlyForDueOffers() {
        Fixtures.publishPlaceAndWait(PLACE);
        UUID offer = Fixtures.createPublished(Fixtures.atelier(PLACE.id()));
        Map<String, Object> weekly = Fixtures.permanence(PLACE.id());
        UUID other = Fixtures.createPublished(weekly);
        List<String> before = plannedIds(offer);
        assertTrue(before.size() >= 2);
        // As if the window had been planned a while ago: the last session is not planned yet.
        String last = before.get(before.size() - 1);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM session WHERE id = :id").setParameter("id", UUID.fromString(last)).executeUpdate();
            em.createNativeQuery("UPDATE offer SET planned_until = now() - interval '1 day' WHERE id = :id")
                    .setParameter("id", offer).executeUpdate();
        });
        assertEquals(before.size() - 1, plannedIds(offer).size());
        Fixtures.awaitOutboxDrained();
        try (Tap tap = new Tap("offers.sessions.v1")) {
            int replanned = planner.extend();
            assertTrue(replanned >= 1, "at least the offer made due");
            assertEquals(before, plannedIds(offer));
            List<Received> events = tap.await(e -> e.data() != null
                    && List.of(offer.toString(), other.toString()).contains(e.data().path("offerId").asText()), 1, Duration.ofSeconds(20));
            // Exactly the missing session is planned again; the other, up-to-date offer produced nothing.
            assertEquals(1, tap.settle(e -> e.data() != null && List.of(offer.toString(), other.toString())
                    .contains(e.data().path("offerId").asText()), Duration.ofSeconds(3)).size());
            assertEquals("SessionPlanned", events.get(0).type());
            assertEquals(last, events.get(0).key());
        }
        // Nothing due any more.
        assertEquals(0, planner.extend());
    }

    @Test
    void communesAreLoadedOnceAndReloadedOnlyWhenTheFileChanges() throws Exception {
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM commune_ref WHERE geog IS NOT NULL").getSingleResult()).longValue());
        assertTrue(rows > 34_800, "communes with coordinates: " + rows);
        assertEquals(0, communes.load(Path.of("../../shared/data/communes.csv")), "same checksum: not reloaded");
        Object[] romagne = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT name, epci_code, round(latitude::numeric, 3) FROM commune_ref WHERE insee_code = '35243'").getSingleResult());
        assertEquals("Romagné", romagne[0]);
        assertEquals("200072452", romagne[1]);
        assertEquals("48.345", romagne[2].toString());
    }
}
