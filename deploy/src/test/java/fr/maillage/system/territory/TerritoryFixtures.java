package fr.maillage.system.territory;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Gateway;
import fr.maillage.system.Structures;
import fr.maillage.system.People;
import fr.maillage.system.Tokens;
import io.restassured.response.Response;

/**
 * What the territory tests build through the public API (issue 20 §4): a structure, places at chosen coordinates of
 * real communes, published offers with one-off sessions, bookings. Each waits (bounded) for the service that must
 * learn it from events rather than sleeping.
 */
final class TerritoryFixtures {
    private TerritoryFixtures() {
    }

    /**
     * A structure of the directory (as the administrator), with a SIRET of its own (random, valid key): its places are
     * exported with their pivot, so the open-data round trip of the journeys re-imports them like any other. Its id.
     */
    static String partner(String name) {
        return Structures.create(name);
    }

    /**
     * A place of {@code partnerId} in commune {@code insee} at ({@code lat}, {@code lon}); {@code services} (labels of the
     * standard), {@code openingHours} (OSM syntax) and {@code servedCommunes} may be empty/null. Its id.
     */
    static String place(String partnerId, String name, String insee, String postalCode, double lat, double lon,
            List<String> services, String openingHours, List<String> servedCommunes) {
        return Structures.place(partnerId, name, insee, postalCode, lat, lon, services, openingHours, servedCommunes);
    }

    /**
     * Creates and publishes {@code offer} once offers-service knows its place and structure (it answers 422 « Lieu
     * inconnu » / « Structure inconnue » until it has read the directory's events), then waits until booking-service has
     * its {@code expectedSlots} slots: the slots.
     */
    static List<Map<String, Object>> publish(String offerId, Map<String, Object> offer, int expectedSlots) {
        String app = Tokens.partnerApp((String) offer.get("partnerId"));
        await("offers-service knows the place and structure of " + offer.get("title")).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300)).until(() -> {
                    Response r = Gateway.given().auth().oauth2(app).contentType("application/json").body(offer)
                            .when().put("/api/v1/offers/" + offerId);
                    if (r.statusCode() == 422 && r.asString().contains("inconnu")) {
                        return false;
                    }
                    r.then().statusCode(anyOf(is(201), is(200)));
                    return true;
                });
        return AdHocOffers.publish(offerId, offer, expectedSlots);
    }

    /** A booking for a citizen through the application of {@code partnerId} (a fresh mobile): the answer. */
    static Response book(String partnerId, String slotId, String theme, String residenceInsee) {
        People.Mobile mobile = People.newMobile();
        Map<String, Object> person = new HashMap<>(Map.of("firstName", "Habitant", "phone", mobile.national(),
                "smsConsent", false, "emailConsent", false));
        if (residenceInsee != null) {
            person.put("residenceInsee", residenceInsee);
        }
        // a client of its own per booking: booking creation is rate-limited per caller (5/s)
        String token = Tokens.withSubject("partner-app", partnerId, "system-test-territory-" + UUID.randomUUID());
        return Gateway.given().auth().oauth2(token).contentType("application/json").body(Map.of(
                "slotId", slotId, "person", person, "need", Map.of("theme", theme, "text", "Test du territoire"),
                "bookedBy", "citizen"))
                .when().post("/api/v1/bookings");
    }
}
