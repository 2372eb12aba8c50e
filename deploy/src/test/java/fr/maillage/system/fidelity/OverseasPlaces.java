package fr.maillage.system.fidelity;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Gateway;
import fr.maillage.system.Structures;
import fr.maillage.system.Tokens;
import io.restassured.response.Response;

/**
 * Issue 21 fixtures built through the gateway: a structure, a place in a chosen commune (Saint-Denis 97411, Corbie 80212…),
 * an offer of one session at 09:00 local time there, published once offers-service knows the place, and its slot once
 * booking-service has it. Shared by the fidelity tests of time zones (OverseasTimeZoneTest, tzout's texts test).
 */
public final class OverseasPlaces {
    /** Saint-Denis (La Réunion): INSEE, postal code, coordinates of shared/data/communes.csv. */
    public static final Commune SAINT_DENIS = new Commune("97411", "97400", -20.94342, 55.4444);
    /** Corbie (Somme), a metropolitan commune (coordinates of shared/data/communes.csv). */
    public static final Commune CORBIE = new Commune("80212", "80800", 49.92165, 2.49753);

    public record Commune(String insee, String postalCode, double lat, double lon) {
    }

    /** A published offer and its one slot. */
    public record Published(String partnerId, String placeId, String offerId, Map<String, Object> slot) {
        public String slotId() {
            return (String) slot.get("id");
        }
    }

    private OverseasPlaces() {
    }

    /** A structure (as the administrator) with a SIRET of its own (random, valid Luhn key). Its id. */
    public static String partner(String name) {
        return Structures.create(name);
    }

    /** A place of the structure in the commune (as the administrator). Its id. */
    public static String place(String partnerId, String name, Commune commune) {
        return place(partnerId, name, commune, null);
    }

    /** A place of the structure in the commune with {@code openingHours} (OSM syntax, or null), as the administrator. Its id. */
    public static String place(String partnerId, String name, Commune commune, String openingHours) {
        return Structures.place(partnerId, name, commune.insee(), commune.postalCode(), commune.lat(), commune.lon(),
                List.of("Aide aux démarches administratives"), openingHours, null);
    }

    /**
     * A structure, a place in {@code commune} and a published offer (atelier, 5 seats) with one session on {@code day}
     * from 09:00 to 10:00 local time, once booking-service has its slot.
     */
    public static Published nineOClock(Commune commune, LocalDate day) {
        String partnerId = partner("Structure " + commune.insee() + " " + UUID.randomUUID().toString().substring(0, 8));
        String placeId = place(partnerId, "Lieu de médiation " + commune.insee(), commune);
        Map<String, Object> offer = AdHocOffers.offer(placeId, partnerId, "atelier_collectif", 5, 60,
                List.of(new AdHocOffers.Session(day, LocalTime.of(9, 0), LocalTime.of(10, 0))));
        String offerId = UUID.randomUUID().toString();
        String app = Tokens.partnerApp(partnerId);
        // offers answers 422 « Lieu inconnu » / « Structure inconnue » until it has read the directory's events
        await("offers-service knows the place in " + commune.insee()).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    Response r = Gateway.given().auth().oauth2(app).contentType("application/json").body(offer)
                            .when().put("/api/v1/offers/" + offerId);
                    if (r.statusCode() == 422 && r.asString().contains("inconnu")) {
                        return false;
                    }
                    r.then().statusCode(anyOf(is(201), is(200)));
                    return true;
                });
        List<Map<String, Object>> slots = AdHocOffers.publish(offerId, offer, 1);
        return new Published(partnerId, placeId, offerId, slots.get(0));
    }
}
