package fr.maillage.system.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.system.Gateway;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.security.FuzzPlan.Case;
import fr.maillage.system.security.FuzzPlan.Who;

/**
 * Sends the fuzz's requests through the gateway, paced under the gateway's (and the services') rate limits so that the
 * answers are the operations' own and not 429s: anonymous requests share one client address (20 r/s allowed, sent at
 * 16 r/s), the administrator and the partner application have their own allowance (100 r/s, sent at 60 r/s each), and
 * booking creation (5 r/s per client) is spread over six administrator tokens and sent at 3 r/s per token.
 * Each answer is judged: never a 5xx, every 4xx application/problem+json in the platform's shape.
 */
final class FuzzRunner {
    /** The answer to one case, and what is wrong with it (null when nothing). */
    record Result(Case c, int status, String contentType, String body, String failure) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One token bucket drained at a fixed pace: callers wait for their turn. */
    static final class Pacer {
        private final long intervalNanos;
        private long next = System.nanoTime();

        Pacer(double perSecond) {
            this.intervalNanos = (long) (1_000_000_000L / perSecond);
        }

        void acquire() throws InterruptedException {
            long at;
            synchronized (this) {
                long now = System.nanoTime();
                at = Math.max(now, next);
                next = at + intervalNanos;
            }
            long wait = at - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    private final FuzzFixtures fixtures;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Who, Pacer> pacers = new EnumMap<>(Who.class);
    private final List<Pacer> bookingPacers = new ArrayList<>();
    private final Pacer appBookingPacer = new Pacer(3);
    private final AtomicInteger nextBookingToken = new AtomicInteger();

    FuzzRunner(FuzzFixtures fixtures) {
        this.fixtures = fixtures;
        pacers.put(Who.ANONYMOUS, new Pacer(16));
        pacers.put(Who.ADMIN, new Pacer(60));
        pacers.put(Who.PARTNER_APP, new Pacer(60));
        fixtures.bookingTokens.forEach(t -> bookingPacers.add(new Pacer(3)));
    }

    /** Runs every case (lanes in parallel), stops starting new ones after {@code budget}; returns results in case order. */
    List<Result> run(List<Case> cases, Duration budget) throws InterruptedException {
        long deadline = System.nanoTime() + budget.toNanos();
        Map<String, ConcurrentLinkedQueue<Case>> lanes = new java.util.LinkedHashMap<>();
        for (Case c : cases) {
            lanes.computeIfAbsent(lane(c), k -> new ConcurrentLinkedQueue<>()).add(c);
        }
        Result[] results = new Result[cases.size()];
        ExecutorService pool = Executors.newFixedThreadPool(16);
        Map<String, Integer> threads = Map.of("anonymous", 3, "admin", 4, "partner_app", 4, "booking", 5);
        for (Map.Entry<String, ConcurrentLinkedQueue<Case>> lane : lanes.entrySet()) {
            for (int t = 0; t < threads.getOrDefault(lane.getKey(), 2); t++) {
                pool.submit(() -> {
                    Case c;
                    while ((c = lane.getValue().poll()) != null) {
                        if (System.nanoTime() > deadline) {
                            results[c.index()] = new Result(c, -1, null, null, null);
                            continue;
                        }
                        results[c.index()] = send(c);
                    }
                });
            }
        }
        pool.shutdown();
        if (!pool.awaitTermination(budget.toSeconds() + 120, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        List<Result> all = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            all.add(results[i] != null ? results[i] : new Result(cases.get(i), -1, null, null, null));
        }
        return all;
    }

    private static String lane(Case c) {
        if (c.method().equals("POST") && c.op().equals("POST /api/v1/bookings") && c.who() != Who.ANONYMOUS) {
            return "booking";
        }
        return c.who().name().toLowerCase(java.util.Locale.ROOT);
    }

    private Result send(Case c) {
        try {
            String token = switch (c.who()) {
                case ANONYMOUS -> null;
                case PARTNER_APP -> fixtures.appToken;
                case ADMIN -> fixtures.adminToken;
            };
            if (lane(c).equals("booking")) {
                if (c.who() == Who.ADMIN) {
                    int i = Math.floorMod(nextBookingToken.getAndIncrement(), bookingPacers.size());
                    bookingPacers.get(i).acquire();
                    token = fixtures.bookingTokens.get(i);
                } else {
                    appBookingPacer.acquire();
                }
            }
            pacers.get(c.who()).acquire();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Gateway.URL + c.target()))
                    .timeout(Duration.ofSeconds(40))
                    .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(c.body()));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (c.contentType() != null) {
                request.header("Content-Type", c.contentType());
            }
            c.headers().forEach(request::header);
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            String body = new String(response.body(), StandardCharsets.UTF_8);
            return new Result(c, response.statusCode(), contentType, body, judge(c, response.statusCode(), contentType, body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(c, -1, null, null, "interrupted");
        } catch (Exception e) {
            return new Result(c, 0, null, null, "no answer: " + e);
        }
    }

    /** What is wrong with an answer, or null. */
    static String judge(Case c, int status, String contentType, String body) {
        if (status >= 500) {
            return status + " " + snippet(body);
        }
        if (status >= 200 && status < 300 && c.mustReject()) {
            return status + " accepted a body that is not JSON";
        }
        if (status < 400) {
            return null;
        }
        if (!contentType.startsWith("application/problem+json")) {
            return status + " not application/problem+json (" + contentType + "): " + snippet(body);
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (Exception e) {
            return status + " problem+json that is not JSON: " + snippet(body);
        }
        List<String> wrong = new ArrayList<>();
        String type = problem.path("type").asText("");
        if (!type.startsWith(ProblemJson.TYPE_BASE)) {
            wrong.add("type " + type);
        }
        if (problem.path("title").asText("").isBlank()) {
            wrong.add("no title");
        }
        for (ProblemJson.Kind kind : ProblemJson.Kind.values()) {
            if (type.equals(ProblemJson.TYPE_BASE + kind.slug) && !kind.title.equals(problem.path("title").asText())) {
                wrong.add("title \"" + problem.path("title").asText() + "\" for " + kind.slug);
            }
        }
        if (problem.path("status").asInt(-1) != status) {
            wrong.add("status member " + problem.path("status"));
        }
        if (problem.path("detail").asText("").isBlank()) {
            wrong.add("no detail");
        }
        if (!problem.path("violations").isArray()) {
            wrong.add("violations not a list");
        }
        return wrong.isEmpty() ? null : status + " problem shape: " + String.join(", ", wrong) + ": " + snippet(body);
    }

    static String snippet(String body) {
        if (body == null) {
            return "";
        }
        String one = body.replaceAll("\\s+", " ").trim();
        return one.length() > 240 ? one.substring(0, 240) + "…" : one;
    }
}
