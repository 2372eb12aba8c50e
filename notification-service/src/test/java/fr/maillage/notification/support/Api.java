package fr.maillage.notification.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import fr.maillage.platform.testing.Tokens;
import io.restassured.path.json.JsonPath;

/** Reads receipts through the API, as an administrator (every receipt). */
public final class Api {
    private Api() {
    }

    public static List<Map<String, Object>> byBooking(UUID bookingId) {
        return list("bookingId", bookingId.toString());
    }

    public static List<Map<String, Object>> list(String filter, String value) {
        JsonPath json = Tokens.as(Tokens.admin()).queryParam(filter, value).queryParam("size", 200).when().get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath();
        return json.getList("items");
    }

    public static List<Map<String, Object>> where(List<Map<String, Object>> rows, String key, Object value) {
        return rows.stream().filter(r -> value.equals(r.get(key))).toList();
    }

    /** A valid French mobile number no other test uses. */
    public static String randomMobile() {
        return "+3361" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    public static String randomEmail() {
        return "camille." + UUID.randomUUID().toString().substring(0, 8) + "@example.fr";
    }
}
