package fr.maillage.system;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Booking requests as citizens on partners' websites (applications of the France Services desk of the demo), straight
 * to booking-service (load generation, not the gateway under test). Each request comes from a client of its own (its
 * own token subject): the load stands for many sites and people, so booking-service's per-caller limit on booking
 * creation (5/s, burst 10: RateLimitsKeyedOnVerifiedCallerTest tests it) does not throttle it.
 */
public final class Bookings {
    private static final String ORG = Demo.id("PARTNER_FRANCE_SERVICES");
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private Bookings() {
    }

    public static Response book(String slotId, People.Mobile mobile, String firstName) {
        String token = Tokens.withSubject("partner-app", ORG, "system-test-booking-site-" + CLIENTS.incrementAndGet());
        return RestAssured.given().baseUri("http://127.0.0.1").port(8083).auth().oauth2(token).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", firstName, "phone", mobile.national(), "smsConsent", true, "emailConsent", false),
                "need", Map.of("theme", "aide_demarches", "text", "Test de charge"),
                "bookedBy", "citizen"))
                .when().post("/api/v1/bookings");
    }
}
