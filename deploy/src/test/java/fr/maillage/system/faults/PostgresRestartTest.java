package fr.maillage.system.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.system.Gateway;
import fr.maillage.system.Infra;
import fr.maillage.system.Tokens;

/**
 * PostgreSQL stopped for a few seconds during light load, then started again: the services recover without
 * being restarted themselves, and while the database is away clients get 503 problem+json with Retry-After
 * quickly — never a 500, never a hang. Each service must have answered such a 503: the outage lasts longer
 * than the pool's acquisition timeout (5 s), so a request that meets it cannot just wait it out.
 */
class PostgresRestartTest {
    private static final int OUTAGE_SECONDS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One read per service that needs its database. */
    private static final List<String> PATHS = List.of(
            "/api/v1/places?insee=35243&radiusKm=20",
            "/api/v1/offers?near=35243&radiusKm=20",
            "/api/v1/slots?size=5",
            "/api/v1/notifications?size=5");

    record Answer(String path, int status, String contentType, String retryAfter, String body, long millis) {
        /** 503, problem+json in the unified shape, with a Retry-After in seconds. */
        boolean unavailable() {
            if (status != 503 || !contentType.startsWith("application/problem+json") || !retryAfter.matches("[1-9][0-9]*")) {
                return false;
            }
            try {
                JsonNode problem = JSON.readTree(body);
                return problem.path("type").asText().equals("https://maillage.fr/problemes/service-indisponible")
                        && problem.path("title").asText().equals("Service momentanément indisponible")
                        && problem.path("status").asInt() == 503 && !problem.path("detail").asText().isBlank()
                        && problem.path("violations").isArray();
            } catch (Exception e) {
                return false;
            }
        }
    }

    @Test
    void servicesAnswer503DuringTheOutageAndRecoverAlone() throws Exception {
        Map<String, Long> pidsBefore = pids();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(PATHS.size());
        for (String path : PATHS) {
            load.submit(() -> {
                while (running.get()) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(Gateway.URL + path))
                                .header("Authorization", "Bearer " + Tokens.admin("pg-restart-test-" + path.hashCode()))
                                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
                        answers.add(new Answer(path, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                                r.headers().firstValue("Retry-After").orElse(""), r.statusCode() == 200 ? "" : r.body(),
                                (System.nanoTime() - t0) / 1_000_000));
                    } catch (Exception e) {
                        answers.add(new Answer(path, -1, e.getClass().getSimpleName(), "", "", (System.nanoTime() - t0) / 1_000_000));
                    }
                    Thread.sleep(100);
                }
                return null;
            });
        }
        Thread.sleep(2_000);
        Infra.run("infra/postgres.sh", "restart", String.valueOf(OUTAGE_SECONDS));
        // every service answers 200 again, on its own
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> PATHS.stream()
                .allMatch(p -> Gateway.given().auth().oauth2(Tokens.admin("pg-restart-check")).when().get(p).statusCode() == 200));
        Thread.sleep(2_000);
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));

        List<Answer> wrong = new ArrayList<>();
        for (Answer a : answers) {
            if (!(a.status() == 200 || a.unavailable()) || a.millis() > 10_000) {
                wrong.add(a);
            }
        }
        assertEquals(List.of(), wrong, "during the outage: only 200, or 503 problem+json with Retry-After, each within 10 s");
        Map<String, Long> unavailable = new TreeMap<>();
        PATHS.forEach(p -> unavailable.put(p, answers.stream().filter(a -> a.path().equals(p) && a.unavailable()).count()));
        assertTrue(unavailable.values().stream().allMatch(n -> n > 0),
                "every service answers 503 problem+json with Retry-After while its database is away: " + unavailable);
        assertEquals(pidsBefore, pids(), "no service was restarted");
    }

    private static Map<String, Long> pids() throws Exception {
        return Map.of("directory", Infra.pid("directory"), "offers", Infra.pid("offers"),
                "booking", Infra.pid("booking"), "notification", Infra.pid("notification"));
    }
}
