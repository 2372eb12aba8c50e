package fr.maillage.booking.support;

import static fr.maillage.platform.testing.Tokens.asAdmin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import fr.maillage.platform.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Request bodies and calls of the booking API used across tests (as the administrator unless a token is given). */
public final class Bookings {
    private Bookings() {
    }

    public static Map<String, Object> request(UUID slotId, String phone, String email) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("firstName", "Josiane");
        person.put("lastName", "Testard");
        person.put("phone", phone);
        person.put("email", email);
        person.put("smsConsent", true);
        person.put("emailConsent", false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slotId", slotId);
        body.put("person", person);
        body.put("need", Map.of("theme", "aide_demarches", "text", "Renouveler ma carte grise"));
        body.put("bookedBy", "citizen");
        return body;
    }

    /** A valid French mobile number (06 1x xx xx xx: 061 is an allocated range) unique to this call. */
    public static String uniquePhone() {
        long n = Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000L);
        return String.format("06 1%d %02d %02d %02d", n / 1_000_000, n / 10_000 % 100, n / 100 % 100, n % 100);
    }

    /** Books as the territory administrator, who declares the booker in the body (bookedBy citizen by default). */
    public static Response post(Object body) {
        return post(Tokens.admin(), body);
    }

    public static Response post(String token, Object body) {
        return Tokens.as(token).contentType(ContentType.JSON).body(body).post("/api/v1/bookings");
    }

    public static String book(UUID slotId) {
        return post(request(slotId, uniquePhone(), null)).then().statusCode(201).extract().path("id");
    }

    public static int count(UUID slotId) {
        return asAdmin().queryParam("slotId", slotId).get("/api/v1/bookings").then().statusCode(200).extract().path("total");
    }
}
