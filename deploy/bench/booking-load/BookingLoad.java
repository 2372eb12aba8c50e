import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator of deploy/bench/booking.sh (JDK 17 single-file program: java BookingLoad.java …).
 * A fixed pool of platform threads, each a closed-loop client doing blocking POST /api/v1/bookings
 * with the JDK HttpClient; every request books a distinct person (unique phone number).
 *
 *   java BookingLoad.java BASE_URL CLIENTS ATTEMPTS SLOT_ID[,SLOT_ID…] [PHONE_PREFIX]
 *
 * Attempts are spread round-robin over the slots. Prints one line of key=value figures.
 */
public class BookingLoad {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[1]);
        int attempts = Integer.parseInt(args[2]);
        List<String> slots = Arrays.asList(args[3].split(","));
        int prefix = args.length > 4 ? Integer.parseInt(args[4]) : 1; // 06 <prefix 1-9> … keeps runs distinct
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
        URI uri = URI.create(base + "/api/v1/bookings");
        String token = System.getenv("BENCH_TOKEN"); // a partner application's bearer token (deploy/maillage token)

        long[] latencies = new long[attempts];
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < attempts) {
                    String slot = slots.get(i % slots.size());
                    String phone = String.format("+336%d%07d", prefix, i);
                    String body = "{\"slotId\":\"" + slot + "\",\"person\":{\"firstName\":\"Bench\",\"phone\":\"" + phone
                            + "\",\"smsConsent\":false,\"emailConsent\":false},\"need\":{\"theme\":\"aide_demarches\","
                            + "\"text\":\"charge\"},\"bookedBy\":\"citizen\"}";
                    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json");
                    if (token != null && !token.isBlank()) {
                        builder.header("Authorization", "Bearer " + token);
                    }
                    HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - t0;
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.get()));
        int created = byStatus.getOrDefault(201, 0);
        System.out.printf("attempts=%d clients=%d seconds=%.2f requests_per_s=%.1f bookings_per_s=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f statuses=%s errors=%d%n",
                attempts, clients, seconds, attempts / seconds, created / seconds, pct(sorted, 50), pct(sorted, 99),
                sorted[sorted.length - 1] / 1e6, byStatus, errors.get());
        System.exit(0);
    }

    private static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

}
