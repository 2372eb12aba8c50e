package fr.maillage.offers.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import fr.maillage.offers.Fixtures;
import fr.maillage.offers.Fixtures.Place;
import fr.maillage.offers.KafkaTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 19: booking-service closes a session (an absence of its staff, a closure of its place) and says so on
 * booking.slots.v1 ({@code closed}, {@code closedReason}); offers shows it not bookable — cancelled with the reason in
 * the sessions list, absent from next-available — keeps it so when the offer is re-planned, and reopens it when booking
 * does.
 */
@QuarkusTest
class SessionClosureTest {
    private static final String REASON = "Fermeture exceptionnelle du lieu : travaux";

    @Test
    void aSessionClosedByBookingIsShownNotBookableAndARePlanKeepsIt() {
        Place place = Place.near("Mairie de Villers-Bretonneux (essai fermeture)", "80799", "Villers-Bretonneux", "80800",
                49.8683, 2.5175);
        Fixtures.publishPlace(place, 1);
        // a fresh test boot reads directory.places.v1 from its beginning (every earlier run's places): allow for it
        for (int attempt = 1;; attempt++) {
            try {
                Fixtures.awaitPlace(place.id());
                break;
            } catch (AssertionError late) {
                if (attempt == 4) {
                    throw late;
                }
            }
        }
        Map<String, Object> body = Fixtures.permanence(place.id());
        body.put("themes", List.of("caf"));
        UUID offer = Fixtures.createPublished(body);
        JsonPath sessions = given().queryParam("size", 3).get("/api/v1/offers/" + offer + "/sessions").then()
                .statusCode(200).extract().jsonPath();
        String closed = sessions.getString("items[0].id");

        String closing = availability(closed, offer, 10, true, REASON);
        awaitSession(offer, closed, closing, s -> "cancelled".equals(s.get("status")) && REASON.equals(s.get("cancelReason")));
        assertFalse(nextAvailable(place).contains(closed), "a closed session is not offered as the next one");

        // a re-plan of the offer (its title changed) rewrites its sessions but cannot reopen this one
        body.put("title", "Permanence conseiller numérique (nouveau titre)");
        Fixtures.asOwnerOf(body).contentType(ContentType.JSON).body(body).put("/api/v1/offers/" + offer).then()
                .statusCode(200);
        Map<String, Object> after = session(offer, closed);
        assertEquals("cancelled", after.get("status"));
        assertEquals(REASON, after.get("cancelReason"));

        // booking reopens it (the closure withdrawn): bookable again
        String reopening = availability(closed, offer, 11, false, null);
        awaitSession(offer, closed, reopening, s -> "planned".equals(s.get("status")));
        assertNull(session(offer, closed).get("cancelReason"));
    }

    private static String availability(String slot, UUID offer, long version, boolean closed, String reason) {
        Map<String, Object> data = new HashMap<>();
        data.put("slotId", slot);
        data.put("offerId", offer.toString());
        data.put("capacity", 1);
        data.put("confirmed", 0);
        data.put("remaining", 1);
        data.put("waitlisted", 0);
        data.put("status", closed ? "cancelled" : "open");
        data.put("closed", closed);
        data.put("closedReason", reason);
        return KafkaTestSupport.envelope(UUID.randomUUID(), "SlotAvailabilityChanged", UUID.fromString(slot), version, data);
    }

    /** Sends the event (again, same event id, while the consumer may not hold its partition yet) until it shows. */
    private static void awaitSession(UUID offer, String id, String event, Predicate<Map<String, Object>> shown) {
        long deadline = System.currentTimeMillis() + Duration.ofSeconds(90).toMillis();
        int polls = 0;
        do {
            if (polls++ % 10 == 0) {
                KafkaTestSupport.send("booking.slots.v1", id, event);
            }
            Fixtures.sleep(300);
            if (shown.test(session(offer, id))) {
                return;
            }
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("session " + id + " not as expected: " + session(offer, id));
    }

    private static Map<String, Object> session(UUID offer, String id) {
        List<Map<String, Object>> items = given().queryParam("size", 3).get("/api/v1/offers/" + offer + "/sessions")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(s -> id.equals(s.get("id"))).findFirst().orElseThrow();
    }

    private static List<String> nextAvailable(Place place) {
        return given().queryParam("near", place.insee()).queryParam("theme", "caf").queryParam("size", 100)
                .get("/api/v1/offers/next-available").then().statusCode(200).extract().jsonPath().getList("items.sessionId");
    }
}
