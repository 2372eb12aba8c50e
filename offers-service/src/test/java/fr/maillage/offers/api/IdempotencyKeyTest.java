package fr.maillage.offers.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.maillage.offers.Fixtures;
import fr.maillage.offers.Fixtures.Place;
import fr.maillage.offers.domain.Offer;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Issue 16 item 9: Idempotency-Key through the platform's IdempotentRequests, the same as in directory and booking. */
@QuarkusTest
class IdempotencyKeyTest {
    static final Place PLACE = Place.near("Médiathèque de Cléder", "29032", "Cléder", "29233", 48.6635, -4.1016);

    @BeforeAll
    static void places() {
        Fixtures.publishPlaceAndWait(PLACE);
    }

    private static RequestSpecification app() {
        return Tokens.as(Tokens.partnerApp(PLACE.partnerId()));
    }

    private static ExtractableResponse<Response> post(String key, Map<String, Object> body) {
        return app().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/offers").then().extract();
    }

    private static long offersTitled(String title) {
        return Offer.count("title", title);
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422AndNothingIsStored() {
        String key = "autre-" + UUID.randomUUID();
        Map<String, Object> body = Fixtures.atelier(PLACE.id());
        body.put("title", "Atelier " + key);
        ExtractableResponse<Response> first = post(key, body);
        assertEquals(201, first.statusCode(), first.asString());
        Map<String, Object> other = Fixtures.atelier(PLACE.id());
        other.put("title", "Autre atelier " + key);
        app().contentType(ContentType.JSON).header("Idempotency-Key", key).body(other).post("/api/v1/offers").then()
                .statusCode(422).contentType("application/problem+json").body("field", equalTo("Idempotency-Key"));
        assertEquals(0, offersTitled("Autre atelier " + key));
        // the first body again: the first answer, all of it
        ExtractableResponse<Response> again = post(key, body);
        assertEquals(201, again.statusCode());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.header("ETag"), again.header("ETag"));
        assertEquals(first.asString(), again.asString());
        assertEquals(1, offersTitled("Atelier " + key));
    }

    @Test
    void parallelRequestsWithOneKeyMakeOneOfferAndReplays() throws Exception {
        String key = "parallele-" + UUID.randomUUID();
        Map<String, Object> body = Fixtures.atelier(PLACE.id());
        body.put("title", "Atelier " + key);
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<ExtractableResponse<Response>> answers = new ArrayList<>();
        try {
            List<Future<ExtractableResponse<Response>>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return post(key, body);
                }));
            }
            start.countDown();
            for (var call : calls) {
                answers.add(call.get());
            }
        } finally {
            pool.shutdownNow();
        }
        String id = answers.get(0).path("id");
        int replays = 0;
        for (var answer : answers) {
            // never a 409, never a second offer, never an answer without the body
            assertEquals(201, answer.statusCode(), answer.asString());
            assertEquals(id, answer.path("id"));
            assertEquals("Atelier " + key, answer.path("title"));
            replays += "true".equals(answer.header("Idempotent-Replayed")) ? 1 : 0;
        }
        assertEquals(n - 1, replays);
        assertEquals(1, offersTitled("Atelier " + key));
    }
}
