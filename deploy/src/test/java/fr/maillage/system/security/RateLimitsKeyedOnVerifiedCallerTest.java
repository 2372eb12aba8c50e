package fr.maillage.system.security;

import static fr.maillage.system.ProblemJson.problem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.Parallel;
import fr.maillage.system.ProblemJson.Kind;
import fr.maillage.system.Tokens;
import io.restassured.response.Response;

/**
 * Issue 16, item 3: rate limits are keyed on what is verified, never on the raw Authorization header. The services'
 * limiter (platform, maillage.rate-limit.*) counts a request whose token does not verify as anonymous, and a verified
 * token by its subject whatever the spelling of the scheme; the gateway keeps only a per-address flood cap.
 * On the old gateway, any Authorization header moved anonymous reads to the (per header) authenticated allowance, and
 * each spelling of "Bearer" bought a fresh booking-creation allowance: these tests saw no 429 there.
 * Defaults (deploy/maillage test does not raise them): anonymous 20/s burst 40, booking creation 5/s burst 10.
 */
class RateLimitsKeyedOnVerifiedCallerTest {
    private static final String PUBLIC_READ = "/api/v1/partners/" + Demo.id("PARTNER_ROMAGNE");

    @Test
    void anonymousReadsAreLimitedAlikeWithoutHeaderOrWithAJunkOne() throws Exception {
        // Reads in waves of 20 (asynchronous, java.net.http) until the first 429: whatever the machine's speed, the reads
        // served before it must fit the anonymous allowance for the time they took (burst 40 + 20/s), far below the
        // authenticated one (burst 200 + 100/s) that a junk header used to buy. A fixed number of parallel reads was not
        // enough on a loaded 2-core machine: spread over seconds, the refill alone served them all.
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (String junk : new String[] { null, "Basic junk", "Bearer junk", "Bearer eyJhbGciOiJub25lIn0.e30." }) {
            String who = junk == null ? "no Authorization header" : "Authorization: " + junk;
            boolean conclusive = false;
            for (int round = 0; round < 3 && !conclusive; round++) {
                Instant start = Instant.now();
                long served = 0;
                HttpResponse<String> refused = null;
                List<Integer> statuses = new ArrayList<>();
                for (int wave = 0; wave < 20 && refused == null; wave++) {
                    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Gateway.URL + PUBLIC_READ)).timeout(Duration.ofSeconds(30));
                        if (junk != null) {
                            request.header("Authorization", junk + (junk.startsWith("Bearer junk") ? wave * 20 + i : ""));
                        }
                        sent.add(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
                    }
                    for (CompletableFuture<HttpResponse<String>> answer : sent) {
                        HttpResponse<String> response = answer.get(1, TimeUnit.MINUTES);
                        statuses.add(response.statusCode());
                        assertTrue(response.statusCode() < 500, who + " -> " + statuses);
                        if (response.statusCode() == 200) {
                            served++;
                        } else if (response.statusCode() == 429 && refused == null) {
                            refused = response;
                        }
                    }
                }
                double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                double allowance = 40 + Math.ceil(20 * seconds) + 1; // +1 for rounding
                String what = who + " -> 200 x " + served + " in " + seconds + " s before the first 429; statuses " + statuses;
                assertTrue(refused != null, "400 anonymous reads must meet the anonymous limit (" + what + ")");
                assertTrue(served <= allowance, "the reads served fit the anonymous allowance (" + what + ")");
                assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), what);
                assertTrue(refused.body().contains("trop-de-requetes"), "the 429 is the platform's problem: " + refused.body());
                assertTrue(refused.headers().firstValue("Retry-After").orElse("").matches("[1-9][0-9]*"), "Retry-After: " + what);
                // below the authenticated burst: the run tells the two allowances apart
                conclusive = allowance < 200;
                waitForTheAnonymousAllowance();
            }
            assertTrue(conclusive, "three rounds were each too slow to tell the anonymous allowance from the authenticated one (" + who + ")");
        }
    }

    @Test
    void bookingCreationIsLimitedPerVerifiedCallerWhateverTheSpellingOfBearer() throws Exception {
        // A caller of its own (its own subject), so that no other test's bookings count.
        String token = Tokens.withSubject("agent", Demo.id("PARTNER_FRANCE_SERVICES"), "rate-limit-" + UUID.randomUUID());
        String[] schemes = { "Bearer", "bearer", "BEARER" };
        Instant start = Instant.now();
        List<Response> answers = Parallel.requests(30, i -> Gateway.given().header("Authorization", schemes[i % 3] + " " + token)
                .contentType("application/json")
                // an unknown slot: nothing is booked, whatever the limiter lets through (404/400/422)
                .body(Map.of("slotId", UUID.randomUUID().toString(), "bookedBy", "agent")), request -> request.when().post("/api/v1/bookings"));
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        long limited = answers.stream().filter(r -> r.statusCode() == 429).count();
        long passed = 30 - limited;
        String what = "30 booking POSTs in " + seconds + " s with Bearer/bearer/BEARER and one token: 429 x " + limited
                + ", statuses " + answers.stream().map(Response::statusCode).toList();
        assertTrue(limited > 0, what);
        if (answers.stream().noneMatch(r -> r.statusCode() == 401)) {
            // every spelling verified as the same caller: burst 10 + 5/s while they ran (+1 for rounding), one allowance
            // for the three spellings, not three
            assertTrue(passed <= 10 + Math.ceil(5 * seconds) + 1, what);
        }
        answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow()
                .then().spec(problem(Kind.TOO_MANY_REQUESTS)).header("Retry-After", matchesPattern("[1-9][0-9]*"));
        assertTrue(answers.stream().allMatch(r -> r.statusCode() < 500), what);
    }

    @Test
    void thePublicSiteHasABookingAllowanceOfItsOwn() throws Exception {
        // web/ books for every citizen who uses it under one token name, maillage-web (issue 17): platform config gives
        // that caller 20 booking creations/s, burst 40; the same bodies from another partner app meet burst 10.
        String org = Demo.id("PARTNER_FRANCE_SERVICES");
        for (String name : List.of("maillage-web", "another-partner-app-" + UUID.randomUUID())) {
            String token = Tokens.withSubject("partner-app", org, name);
            List<Response> answers = Parallel.requests(30, i -> Gateway.given().auth().oauth2(token).contentType("application/json")
                    .body(Map.of("slotId", UUID.randomUUID().toString())), request -> request.when().post("/api/v1/bookings"));
            long limited = answers.stream().filter(r -> r.statusCode() == 429).count();
            String what = name + ": 30 booking POSTs -> statuses " + answers.stream().map(Response::statusCode).toList();
            assertTrue(answers.stream().allMatch(r -> r.statusCode() < 500 && r.statusCode() != 401), what);
            assertTrue(name.equals("maillage-web") ? limited == 0 : limited > 0, what);
        }
    }

    @AfterEach
    void waitForTheAnonymousAllowance() throws InterruptedException {
        // Other test classes share 127.0.0.1's anonymous allowance: wait until it is full again (40 at 20/s).
        for (int i = 0; i < 50 && Gateway.given().when().get(PUBLIC_READ).statusCode() == 429; i++) {
            Thread.sleep(200);
        }
        Thread.sleep(2_500);
    }
}
