package fr.maillage.system.security;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.Parallel;
import fr.maillage.system.People;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.Tokens;
import io.restassured.response.Response;

/**
 * Issue 16, item 9: Idempotency-Key behaves the same in directory, offers and booking (the platform's
 * IdempotentRequests). Through the gateway, for each service: parallel requests with one new key and one body make
 * ONE resource, one answer is the first and every other one replays it (same status 201, same body, same Location,
 * `Idempotent-Replayed: true`) — before, directory answered 201 and dropped the new body, offers a 409; the same key
 * with another body is a 422 problem+json naming `Idempotency-Key` (directory replayed the first resource, offers a
 * 409); a later retry with the first body still replays.
 */
class IdempotencyKeyTest {
    private static final String HOST = Demo.id("PARTNER_CCAS_BOIGNY");
    private static final int PARALLEL = 6;

    /** Sends {@link #PARALLEL} identical keyed POSTs at once; checks one effect and replays; returns the first answer. */
    private static Response oneEffectAndReplays(String token, String path, String key, Object body) throws Exception {
        List<Response> answers = Parallel.requests(PARALLEL,
                i -> Gateway.given().auth().oauth2(token).contentType("application/json").header("Idempotency-Key", key).body(body),
                spec -> spec.when().post(path));
        Response first = null;
        int replays = 0;
        for (Response answer : answers) {
            assertEquals(201, answer.statusCode(), path + " " + answer.asString());
            if ("true".equals(answer.header("Idempotent-Replayed"))) {
                replays++;
            } else {
                first = answer;
            }
        }
        assertEquals(PARALLEL - 1, replays, path + ": one answer is the first, every other one a replay");
        for (Response answer : answers) {
            assertEquals(first.asString(), answer.asString(), path + ": a replay is the first answer's body");
            assertEquals(first.header("Location"), answer.header("Location"), path);
        }
        // a later retry with the same body: the first answer again
        Response later = Gateway.given().auth().oauth2(token).contentType("application/json").header("Idempotency-Key", key)
                .body(body).when().post(path);
        later.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), later.asString());
        return first;
    }

    private static void anotherBodyIsRefused(String token, String path, String key, Object other) {
        Response refused = Gateway.given().auth().oauth2(token).contentType("application/json").header("Idempotency-Key", key)
                .body(other).when().post(path);
        refused.then().statusCode(422).header("Content-Type", org.hamcrest.Matchers.startsWith("application/problem+json"))
                .body("type", equalTo(ProblemJson.TYPE_BASE + "regle-non-respectee")).body("field", equalTo("Idempotency-Key"));
        assertNull(refused.header("Idempotent-Replayed"));
    }

    @Test
    void directoryCreatesOnePartnerAndRefusesAnotherBody() throws Exception {
        String admin = Tokens.admin("idempotency-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        String name = "Structure idempotente " + key;
        Response first = oneEffectAndReplays(admin, "/api/v1/partners", key, Map.of("name", name, "typologies", List.of("MUNI")));
        first.then().body("name", equalTo(name)).header("ETag", equalTo("\"0\""));
        Gateway.given().queryParam("q", key).when().get("/api/v1/partners").then().statusCode(200).body("total", equalTo(1));

        anotherBodyIsRefused(admin, "/api/v1/partners", key, Map.of("name", name + " bis", "typologies", List.of("MUNI")));
        Gateway.given().queryParam("q", key).when().get("/api/v1/partners").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void offersCreatesOneOfferAndRefusesAnotherBody() throws Exception {
        String app = Tokens.withSubject("partner-app", HOST, "idempotency-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_CCAS_BOIGNY"), HOST, "atelier_collectif", 6, 60,
                List.of(new AdHocOffers.Session(LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(9), LocalTime.of(10, 0),
                        LocalTime.of(11, 0))));
        Response first = oneEffectAndReplays(app, "/api/v1/offers", key, offer);
        String id = first.path("id");
        first.then().header("Location", org.hamcrest.Matchers.endsWith("/api/v1/offers/" + id));
        Gateway.given().auth().oauth2(app).queryParam("partnerId", HOST).queryParam("status", "draft").queryParam("size", 100)
                .when().get("/api/v1/offers").then().statusCode(200)
                .body("items.findAll { it.title == '" + offer.get("title") + "' }.size()", equalTo(1));

        Map<String, Object> other = new java.util.HashMap<>(offer);
        other.put("capacity", 7);
        anotherBodyIsRefused(app, "/api/v1/offers", key, other);
        Gateway.given().auth().oauth2(app).when().get("/api/v1/offers/" + id).then().statusCode(200).body("capacity", equalTo(6));
    }

    @Test
    void bookingBooksOnceAndRefusesAnotherBody() throws Exception {
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(8);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_CCAS_BOIGNY"), HOST, "permanence_individuelle", 3, 60,
                List.of(new AdHocOffers.Session(day, LocalTime.of(9, 0), LocalTime.of(10, 0))));
        String slotId = (String) AdHocOffers.publish(UUID.randomUUID().toString(), offer, 1).get(0).get("id");
        String admin = Tokens.admin("idempotency-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        Map<String, Object> booking = Map.of("slotId", slotId,
                "person", Map.of("firstName", "Odette", "phone", People.newMobile().national(), "smsConsent", false, "emailConsent", false),
                "need", Map.of("theme", "aide_demarches", "text", "Rejouer sans doublon"), "bookedBy", "citizen");
        Response first = oneEffectAndReplays(admin, "/api/v1/bookings", key, booking);
        first.then().body("status", equalTo("confirmed"));
        Gateway.given().auth().oauth2(admin).queryParam("slotId", slotId).when().get("/api/v1/bookings").then().statusCode(200)
                .body("total", equalTo(1));

        Map<String, Object> other = new java.util.HashMap<>(booking);
        other.put("person", Map.of("firstName", "Odette", "phone", People.newMobile().national(), "smsConsent", false, "emailConsent", false));
        anotherBodyIsRefused(admin, "/api/v1/bookings", key, other);
        Gateway.given().auth().oauth2(admin).queryParam("slotId", slotId).when().get("/api/v1/bookings").then().statusCode(200)
                .body("total", equalTo(1));
    }
}
