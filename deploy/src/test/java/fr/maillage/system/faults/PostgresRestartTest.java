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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import fr.maillage.system.Gateway;
import fr.maillage.system.Infra;
import fr.maillage.system.Tokens;

/**
 * PostgreSQL restarted during light load: the services recover without being restarted themselves,
 * and while the database is away clients get 503 problem+json quickly — never a 500, never a hang.
 */
class PostgresRestartTest {
    /** One read per service that needs its database. */
    private static final List<String> PATHS = List.of(
            "/api/v1/places?insee=35243&radiusKm=20",
            "/api/v1/offers?near=35243&radiusKm=20",
            "/api/v1/slots?size=5",
            "/api/v1/notifications?size=5");

    record Answer(String path, int status, String contentType, long millis) {
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
                                (System.nanoTime() - t0) / 1_000_000));
                    } catch (Exception e) {
                        answers.add(new Answer(path, -1, e.getClass().getSimpleName(), (System.nanoTime() - t0) / 1_000_000));
                    }
                    Thread.sleep(100);
                }
                return null;
            });
        }
        Thread.sleep(2_000);
        Infra.run("infra/postgres.sh", "restart");
        // every service answers 200 again, on its own
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> PATHS.stream()
                .allMatch(p -> Gateway.given().auth().oauth2(Tokens.admin("pg-restart-check")).when().get(p).statusCode() == 200));
        Thread.sleep(2_000);
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));

        List<Answer> wrong = new ArrayList<>();
        for (Answer a : answers) {
            boolean ok = a.status() == 200 || (a.status() == 503 && a.contentType().startsWith("application/problem+json"));
            if (!ok || a.millis() > 10_000) {
                wrong.add(a);
            }
        }
        assertEquals(List.of(), wrong, "during the outage: only 200 or 503 problem+json, each within 10 s");
        assertEquals(pidsBefore, pids(), "no service was restarted");
    }

    private static Map<String, Long> pids() throws Exception {
        return Map.of("directory", Infra.pid("directory"), "offers", Infra.pid("offers"),
                "booking", Infra.pid("booking"), "notification", Infra.pid("notification"));
    }
}
