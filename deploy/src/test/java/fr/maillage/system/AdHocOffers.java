package fr.maillage.system;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

/**
 * Offers made by a test through the public API, with one-off sessions at chosen times, published, and
 * waited for until booking-service has built their slots from offers.sessions.v1.
 */
public final class AdHocOffers {
    private AdHocOffers() {
    }

    public record Session(LocalDate date, LocalTime start, LocalTime end) {
        Map<String, Object> json() {
            return Map.of("date", date.toString(), "startTime", start.toString(), "endTime", end.toString());
        }
    }

    /** Creates and publishes the offer (as its partner's application), then returns its slots once booking-service knows them. */
    public static List<Map<String, Object>> publish(String offerId, Map<String, Object> offer, int expectedSlots) {
        String partnerApp = Tokens.partnerApp((String) offer.get("partnerId"));
        Gateway.given().auth().oauth2(partnerApp).contentType("application/json").body(offer).when().put("/api/v1/offers/" + offerId)
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(200)));
        Gateway.given().auth().oauth2(partnerApp).when().post("/api/v1/offers/" + offerId + "/publish").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> slots(offerId).size() == expectedSlots);
        return slots(offerId);
    }

    public static List<Map<String, Object>> slots(String offerId) {
        JsonPath page = Gateway.given().queryParam("offerId", offerId).queryParam("size", 100)
                .when().get("/api/v1/slots").then().statusCode(200).extract().jsonPath();
        return page.getList("items");
    }

    public static Map<String, Object> slot(String slotId) {
        return Gateway.given().when().get("/api/v1/slots/" + slotId).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    /** An offer body with one-off sessions at a demo place; callers adjust what their journey needs. */
    public static Map<String, Object> offer(String placeId, String partnerId, String type, int capacity, int durationMinutes,
            List<Session> sessions) {
        Map<String, Object> offer = new HashMap<>();
        offer.put("placeId", placeId);
        offer.put("partnerId", partnerId);
        offer.put("title", "Test " + type + " " + UUID.randomUUID().toString().substring(0, 8));
        offer.put("description", "Offre créée par un test de bout en bout");
        offer.put("type", type);
        // every theme a journey books with (booking-service checks need.theme against the offer's themes)
        offer.put("themes", List.of("aide_demarches", "messagerie", "smartphone", "sante"));
        offer.put("capacity", capacity);
        offer.put("sessionDurationMinutes", durationMinutes);
        List<Map<String, Object>> oneOffs = new ArrayList<>();
        sessions.forEach(s -> oneOffs.add(s.json()));
        offer.put("schedule", Map.of("oneOffs", oneOffs, "skipPublicHolidays", false));
        offer.put("bookingRules", new HashMap<>(Map.of("minDelayMinutes", 0, "waitingList", true)));
        return offer;
    }
}
