import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop load generator for the directory benchmark: sends requests at a fixed rate (one every
 * 1/rate s, whatever the answers do) and measures each latency from its scheduled start, so a slow
 * answer cannot hide the queueing it causes (no coordinated omission).
 *
 * usage: java DirectoryLoad.java <urls-file> <rate per s> <seconds> <label>
 * prints: label requests errors p50_ms p90_ms p99_ms max_ms achieved_rate
 */
public class DirectoryLoad {
    public static void main(String[] args) throws Exception {
        List<String> urls = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank()).toList();
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String label = args.length > 3 ? args[3] : "load";
        for (String url : urls) {
            String host = URI.create(url).getHost();
            if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
                throw new IllegalArgumentException("benchmarks only target 127.0.0.1, not " + host);
            }
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newFixedThreadPool(16)).build();
        int total = (int) (rate * seconds);
        long periodNanos = (long) (1_000_000_000L / rate);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * periodNanos;
            String url = urls.get(i % urls.size());
            ticker.schedule(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    latencies.add(System.nanoTime() - scheduled);
                    if (failure != null || response.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    done.incrementAndGet();
                });
            }, scheduled - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        long deadline = start + (seconds + 15L) * 1_000_000_000L;
        while (done.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        ticker.shutdownNow();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%s requests=%d errors=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f achieved_rps=%.1f%n",
                label, sorted.length, errors.get() + (total - sorted.length), pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, sorted.length / elapsed);
        System.exit(0);
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
