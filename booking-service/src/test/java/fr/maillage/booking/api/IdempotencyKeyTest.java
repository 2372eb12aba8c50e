package fr.maillage.booking.api;

import static fr.maillage.booking.support.Bookings.count;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Issue 16 item 9: Idempotency-Key through the platform's IdempotentRequests, the same as in directory and offers. */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class IdempotencyKeyTest {

    private static ExtractableResponse<Response> post(String key, Object body) {
        return asAdmin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/bookings")
                .then().extract();
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422AndBooksNothing() {
        var session = Sessions.plan(Sessions.session());
        Map<String, Object> body = request(session.id, uniquePhone(), null);
        String key = "autre-" + UUID.randomUUID();
        assertEquals(201, post(key, body).statusCode());
        Map<String, Object> other = request(session.id, uniquePhone(), null);
        asAdmin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(other).post("/api/v1/bookings").then()
                .spec(problem(422, "Idempotency-Key"));
        // the same request declaring another booker is another request too
        Map<String, Object> otherBooker = request(session.id, (String) ((Map<?, ?>) body.get("person")).get("phone"), null);
        otherBooker.put("bookedBy", "agent");
        asAdmin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(otherBooker).post("/api/v1/bookings")
                .then().statusCode(422);
        assertEquals(1, count(session.id));
    }

    @Test
    void parallelRequestsWithOneKeyBookOnceAndTheOthersReplayTheFirstAnswer() throws Exception {
        var session = Sessions.plan(Sessions.session());
        Map<String, Object> body = request(session.id, uniquePhone(), null);
        String key = "parallele-" + UUID.randomUUID();
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
        String first = answers.get(0).asString();
        int replays = 0;
        for (var answer : answers) {
            // never a 409 (same person twice), never a second booking, always the first answer's body
            assertEquals(201, answer.statusCode(), answer.asString());
            assertEquals(first, answer.asString());
            replays += "true".equals(answer.header("Idempotent-Replayed")) ? 1 : 0;
        }
        assertEquals(n - 1, replays);
        assertEquals(1, count(session.id));
    }
}
