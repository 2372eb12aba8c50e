import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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
 * A fixed pool of platform threads, each a closed-loop client doing blocking POST /api/v1/bookings over its own
 * keep-alive connection with the JDK's HttpURLConnection (synchronous on the calling thread: the JDK HttpClient's
 * asynchronous machinery cost about 1 ms of CPU per request, taken from the 2 cores the service shares); every
 * request books a distinct person (unique phone number), and every answer is read to the end.
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
        // one idle keep-alive connection per client thread (the JDK keeps 5 by default, then closes and reconnects)
        System.setProperty("http.maxConnections", String.valueOf(Math.max(5, clients)));
        URL url = new URL(base + "/api/v1/bookings");
        String token = System.getenv("BENCH_TOKEN"); // a partner application's bearer token (deploy/maillage token)
        String authorization = token == null || token.isBlank() ? null : "Bearer " + token;

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
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = post(url, authorization, bytes);
                    } catch (IOException e) {
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

    /** One POST; the answer (201 or a problem+json) is read to its end so the connection is reused. */
    private static int post(URL url, String authorization, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(30_000);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        return status;
    }

    private static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

}
