package fr.maillage.system;

import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Booking requests as a citizen on a partner's website (the France Services desk's application of the demo), straight
 * to booking-service (load generation, not the gateway under test).
 */
public final class Bookings {
    private static final String TOKEN = Tokens.partnerApp(Demo.id("PARTNER_FRANCE_SERVICES"));

    private Bookings() {
    }

    public static Response book(String slotId, People.Mobile mobile, String firstName) {
        return RestAssured.given().baseUri("http://127.0.0.1").port(8083).auth().oauth2(TOKEN).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", firstName, "phone", mobile.national(), "smsConsent", true, "emailConsent", false),
                "need", Map.of("theme", "aide_demarches", "text", "Test de charge"),
                "bookedBy", "citizen"))
                .when().post("/api/v1/bookings");
    }
}
