import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Load generator of deploy/bench/booking.sh: CLIENTS closed-loop clients, each with its own keep-alive connection,
 * doing POST /api/v1/bookings one after the other (a client sends its next attempt when the previous answer has been
 * read to its end), until ATTEMPTS attempts have been answered. Every request books a distinct person (unique phone).
 *
 * <p>The clients are driven by Vert.x's HTTP client on one event loop: 500 clients cost 500 connections, not 500
 * threads. The generator shares the 2 cores with the service and PostgreSQL; with a thread per client (the JDK's
 * HttpURLConnection) the 500 threads and their lock on the JDK's keep-alive cache made the generator's own scheduling
 * delays part of the measured latency (same run, same service: p99 936 ms with threads, 378 ms with an event loop).
 * Latency counts from the moment a client sends its attempt on its connection to the end of the answer, as wrk and k6
 * count it: opening the connection (once per client, all 500 at the same instant) is not part of a booking's time.
 *
 *   java -cp VERTX_AND_NETTY_JARS BookingLoad.java BASE_URL CLIENTS ATTEMPTS SLOT_ID[,SLOT_ID…] [PHONE_PREFIX]
 *
 * Attempts are spread round-robin over the slots. Prints one line of key=value figures.
 */
public class BookingLoad {
    private final HttpClient client;
    private final RequestOptions target;
    private final List<String> slots;
    private final int attempts;
    private final int prefix;
    private final long[] latencies;
    private final Map<Integer, Integer> statuses = new TreeMap<>(); // touched on the event loop only
    private final CountDownLatch finished;
    private int next;
    private long errors;

    private BookingLoad(HttpClient client, RequestOptions target, List<String> slots, int attempts, int prefix,
            int clients) {
        this.client = client;
        this.target = target;
        this.slots = slots;
        this.attempts = attempts;
        this.prefix = prefix;
        this.latencies = new long[attempts];
        this.finished = new CountDownLatch(clients);
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[1]);
        int attempts = Integer.parseInt(args[2]);
        List<String> slots = Arrays.asList(args[3].split(","));
        int prefix = args.length > 4 ? Integer.parseInt(args[4]) : 1; // 06 <prefix 1-9> … keeps runs distinct
        String token = System.getenv("BENCH_TOKEN"); // a partner application's bearer token (deploy/maillage token)

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                .setConnectTimeout(5_000).setIdleTimeout(0), new PoolOptions().setHttp1MaxSize(clients)
                .setMaxWaitQueueSize(-1));
        RequestOptions target = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + "/api/v1/bookings")
                .putHeader("Content-Type", "application/json").setTimeout(30_000);
        if (token != null && !token.isBlank()) {
            target.putHeader("Authorization", "Bearer " + token);
        }
        BookingLoad load = new BookingLoad(client, target, slots, attempts, prefix, clients);

        long started = System.nanoTime();
        vertx.runOnContext(v -> {
            for (int c = 0; c < clients; c++) {
                load.sendNext();
            }
        });
        load.finished.await(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        load.print(clients, seconds);
        System.exit(0);
    }

    /** Sends the next attempt, or ends this client when every attempt has been sent. On the event loop. */
    private void sendNext() {
        if (next >= attempts) {
            finished.countDown();
            return;
        }
        int i = next++;
        String slot = slots.get(i % slots.size());
        String phone = String.format("+336%d%07d", prefix, i);
        Buffer body = Buffer.buffer("{\"slotId\":\"" + slot + "\",\"person\":{\"firstName\":\"Bench\",\"phone\":\"" + phone
                + "\",\"smsConsent\":false,\"emailConsent\":false},\"need\":{\"theme\":\"aide_demarches\","
                + "\"text\":\"charge\"},\"bookedBy\":\"citizen\"}");
        long[] t0 = { System.nanoTime() };
        client.request(target)
                .compose(request -> {
                    t0[0] = System.nanoTime(); // on an open connection (the first attempt of a client opens it)
                    return request.send(body);
                })
                .compose(response -> response.body().map(read -> response.statusCode())) // the answer, to its end
                .onComplete(result -> {
                    latencies[i] = System.nanoTime() - t0[0];
                    int status = result.succeeded() ? result.result() : -1;
                    if (result.failed()) {
                        errors++;
                    }
                    statuses.merge(status, 1, Integer::sum);
                    sendNext();
                });
    }

    private void print(int clients, double seconds) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int created = statuses.getOrDefault(201, 0);
        System.out.printf("attempts=%d clients=%d seconds=%.2f requests_per_s=%.1f bookings_per_s=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f statuses=%s errors=%d%n",
                attempts, clients, seconds, attempts / seconds, created / seconds, pct(sorted, 50), pct(sorted, 99),
                sorted[sorted.length - 1] / 1e6, statuses, errors);
    }

    private static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
