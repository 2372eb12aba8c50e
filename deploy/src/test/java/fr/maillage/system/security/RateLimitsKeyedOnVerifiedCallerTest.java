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
    /** More than the anonymous burst (40) and what 20/s refill in the few seconds they take on a busy machine. */
    private static final int READS = 120;
    private static final String PUBLIC_READ = "/api/v1/partners/" + Demo.id("PARTNER_ROMAGNE");

    @Test
    void anonymousReadsAreLimitedAlikeWithoutHeaderOrWithAJunkOne() throws Exception {
        // A light client (java.net.http, asynchronous) so that the reads reach the services within a second: REST Assured's
        // per-request cost on two busy cores spread 120 reads over more than four seconds, in which the refill alone
        // (20/s) serves them all.
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (String junk : new String[] { null, "Basic junk", "Bearer junk", "Bearer eyJhbGciOiJub25lIn0.e30." }) {
            boolean conclusive = false;
            for (int round = 0; round < 4 && !conclusive; round++) {
                List<HttpRequest> requests = new ArrayList<>();
                for (int i = 0; i < READS; i++) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Gateway.URL + PUBLIC_READ)).timeout(Duration.ofSeconds(30));
                    if (junk != null) {
                        request.header("Authorization", junk + (junk.startsWith("Bearer junk") ? i : ""));
                    }
                    requests.add(request.build());
                }
                Instant start = Instant.now();
                List<CompletableFuture<HttpResponse<String>>> sent = requests.stream()
                        .map(r -> client.sendAsync(r, HttpResponse.BodyHandlers.ofString())).toList();
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
                double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                List<HttpResponse<String>> answers = sent.stream().map(CompletableFuture::join).toList();
                long limited = answers.stream().filter(r -> r.statusCode() == 429).count();
                long served = answers.stream().filter(r -> r.statusCode() == 200).count();
                // anonymous: burst 40 + 20/s while they ran (+1 for rounding); the authenticated allowance would be 200
                double allowance = 40 + Math.ceil(20 * seconds) + 1;
                String what = (junk == null ? "no Authorization header" : "Authorization: " + junk) + " -> 200: " + served
                        + ", 429: " + limited + " in " + seconds + " s";
                assertTrue(answers.stream().allMatch(r -> r.statusCode() < 500), what);
                assertTrue(served <= allowance, READS + " parallel anonymous reads stay within the anonymous allowance (" + what + ")");
                conclusive = allowance < READS;
                if (conclusive) {
                    assertTrue(limited > 0, READS + " parallel anonymous reads must meet the anonymous limit (" + what + ")");
                    HttpResponse<String> refused = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
                    assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), what);
                    assertTrue(refused.body().contains("trop-de-requetes"), "the 429 is the platform's problem: " + refused.body());
                    assertTrue(refused.headers().firstValue("Retry-After").orElse("").matches("[1-9][0-9]*"), "Retry-After: " + what);
                }
                waitForTheAnonymousAllowance();
            }
            assertTrue(conclusive, "four rounds of " + READS + " reads were each too slow to show the anonymous limit");
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
