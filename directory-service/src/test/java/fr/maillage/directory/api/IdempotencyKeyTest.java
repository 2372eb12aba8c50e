package fr.maillage.directory.api;

import static fr.maillage.directory.TestData.partner;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.as;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import fr.maillage.directory.domain.Partner;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Issue 16 item 9: Idempotency-Key through the platform's IdempotentRequests, the same as in offers and booking. */
@QuarkusTest
class IdempotencyKeyTest {

    private static ExtractableResponse<Response> post(String key, Map<String, Object> body) {
        return asAdmin().contentType("application/json").header("Idempotency-Key", key).body(body)
                .post("/api/v1/partners").then().extract();
    }

    @Test
    void aReplayIsTheFirstAnswerEvenAfterTheResourceChanged() {
        String key = "replay-" + UUID.randomUUID();
        Map<String, Object> body = partner("Rejeu " + key);
        ExtractableResponse<Response> first = post(key, body);
        assertEquals(201, first.statusCode());
        assertEquals(null, first.header("Idempotent-Replayed"));
        String id = first.path("id");
        // the resource changes after the first answer
        Map<String, Object> changed = partner("Rejeu modifié " + key);
        changed.put("siret", body.get("siret"));
        asAdmin().contentType("application/json").body(changed).put("/api/v1/partners/" + id).then().statusCode(200);

        ExtractableResponse<Response> again = post(key, body);
        assertEquals(201, again.statusCode());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.header("ETag"), again.header("ETag"));
        assertEquals(first.asString(), again.asString());
        assertEquals("Rejeu " + key, again.path("name"));
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422AndCreatesNothing() {
        String key = "autre-corps-" + UUID.randomUUID();
        Map<String, Object> body = partner("Premier " + key);
        assertEquals(201, post(key, body).statusCode());
        long before = Partner.count();
        Map<String, Object> other = partner("Second " + key);
        asAdmin().contentType("application/json").header("Idempotency-Key", key).body(other).post("/api/v1/partners")
                .then().spec(problem(422, "Idempotency-Key"));
        assertEquals(before, Partner.count());
        // the same members in another order and layout are the same request: a replay
        String reordered = "{ \"phone\": \"" + body.get("phone") + "\", \"name\": \"" + body.get("name") + "\", \"siret\": \""
                + body.get("siret") + "\", \"typologies\": [\"MUNI\"], \"email\": \"" + body.get("email")
                + "\", \"programmes\": [\"Conseillers numériques\"] }";
        asAdmin().contentType("application/json").header("Idempotency-Key", key).body(reordered).post("/api/v1/partners")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void parallelRequestsWithOneKeyMakeOneEffectAndReplays() throws Exception {
        String key = "parallele-" + UUID.randomUUID();
        Map<String, Object> body = partner("Parallèle " + key);
        long before = Partner.count();
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ExtractableResponse<Response>>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return post(key, body);
                }));
            }
            start.countDown();
            List<ExtractableResponse<Response>> answers = new ArrayList<>();
            for (var call : calls) {
                answers.add(call.get());
            }
            String id = answers.get(0).path("id");
            int replays = 0;
            for (var answer : answers) {
                assertEquals(201, answer.statusCode(), answer.asString());
                assertEquals(id, answer.path("id"));
                assertEquals("Parallèle " + key, answer.path("name"));
                replays += "true".equals(answer.header("Idempotent-Replayed")) ? 1 : 0;
            }
            assertEquals(n - 1, replays);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 1, Partner.count());
    }

    @Test
    void keysAreScopedToTheOperationAndTheClient() {
        String key = "portee-" + UUID.randomUUID();
        String partnerId = post(key, partner("Portée " + key)).path("id");
        // the same key on another operation is another key
        Map<String, Object> place = fr.maillage.directory.TestData.place(UUID.fromString(partnerId), "Lieu " + key);
        String placeId = asAdmin().contentType("application/json").header("Idempotency-Key", key).body(place)
                .post("/api/v1/places").then().statusCode(201).header("Idempotent-Replayed", (String) null)
                .extract().path("id");
        assertNotEquals(partnerId, placeId);
        // another admin client (another subject) with the same key gets its own creation
        String other = as(Tokens.of("admin", null, null, "autre-admin-" + key)).contentType("application/json")
                .header("Idempotency-Key", key).body(partner("Portée autre " + key)).post("/api/v1/partners").then()
                .statusCode(201).header("Idempotent-Replayed", (String) null).extract().path("id");
        assertNotEquals(partnerId, other);
    }

    @Test
    void malformedKeysAndAnonymousCallersAreRefused() {
        Map<String, Object> body = partner("Clé invalide");
        long before = Partner.count();
        for (String bad : List.of("x".repeat(201), "clé-accentuée")) {
            asAdmin().contentType("application/json").header("Idempotency-Key", bad).body(body).post("/api/v1/partners")
                    .then().spec(problem(400, "Idempotency-Key"));
        }
        asAdmin().contentType("application/json").header("Idempotency-Key", ("k" + UUID.randomUUID()).repeat(6).substring(0, 200)).body(partner("Clé longue "
                + UUID.randomUUID())).post("/api/v1/partners").then().statusCode(201);
        assertEquals(before + 1, Partner.count());
        given().contentType("application/json").header("Idempotency-Key", "anonyme").body(body).post("/api/v1/partners")
                .then().statusCode(401);
    }
}
