package fr.maillage.system;

import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.response.Response;

/** Booking requests as a citizen, straight to booking-service (load generation, not the gateway under test). */
public final class Bookings {
    private Bookings() {
    }

    public static Response book(String slotId, People.Mobile mobile, String firstName) {
        return RestAssured.given().baseUri("http://127.0.0.1").port(8083).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", firstName, "phone", mobile.national(), "smsConsent", true, "emailConsent", false),
                "need", Map.of("theme", "aide_demarches", "text", "Test de charge"),
                "bookedBy", "citizen"))
                .when().post("/api/v1/bookings");
    }
}
