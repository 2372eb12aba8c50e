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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load generator for the directory benchmark: sends requests at a fixed rate (request i is due
 * at start + i/rate, whatever the answers do) and measures each latency from that intended send time, so a
 * slow answer cannot hide the queueing it causes (no coordinated omission).
 *
 * It shares the machine with the service and PostgreSQL, so it is kept cheap: the requests are built once,
 * one pacing thread sends them, two threads complete them, latencies go to a preallocated array. An
 * optional warm-up runs in the same JVM first, in stages (so the generator itself is warm too when the
 * measure starts), followed by a rest.
 *
 * usage: java DirectoryLoad.java <urls-file> <rate per s> <seconds> <label>
 *             [--warmup <rate per s> <seconds>]... [--rest <seconds, default 5>] [--service-pid <pid>]
 * prints: label requests errors p50_ms p90_ms p99_ms max_ms achieved_rps
 *         (and, with --service-pid, the service's CPU per measured request read from /proc)
 */
public class DirectoryLoad {
    public static void main(String[] args) throws Exception {
        List<String> urls = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank()).toList();
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String label = args.length > 3 ? args[3] : "load";
        List<double[]> warmups = new ArrayList<>(); // stages of {rate, seconds}
        int restSeconds = 5;
        String servicePid = null;
        for (int a = 4; a < args.length; a++) {
            switch (args[a]) {
                case "--warmup" -> warmups.add(new double[] { Double.parseDouble(args[++a]), Integer.parseInt(args[++a]) });
                case "--rest" -> restSeconds = Integer.parseInt(args[++a]);
                case "--service-pid" -> servicePid = args[++a];
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        HttpRequest[] requests = new HttpRequest[urls.size()];
        for (int i = 0; i < requests.length; i++) {
            URI uri = URI.create(urls.get(i));
            if (!uri.getHost().equals("127.0.0.1") && !uri.getHost().equals("localhost")) {
                throw new IllegalArgumentException("benchmarks only target 127.0.0.1, not " + uri.getHost());
            }
            requests[i] = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        }
        ExecutorService completions = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "completion");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).executor(completions).build();
        for (double[] stage : warmups) {
            Run warmup = run(client, requests, stage[0], (int) stage[1]);
            System.out.println(warmup.report(label + "-warmup-" + (int) stage[0] + "rps"));
        }
        if (!warmups.isEmpty()) {
            Thread.sleep(restSeconds * 1000L);
        }
        long ticksBefore = cpuTicks(servicePid);
        Run measured = run(client, requests, rate, seconds);
        long ticksAfter = cpuTicks(servicePid);
        System.out.println(measured.report(label));
        if (servicePid != null && ticksAfter > 0) {
            // /proc/<pid>/stat counts in clock ticks of 1/100 s on Linux (USER_HZ)
            System.out.printf("   service CPU: %.2f ms per request (pid %s)%n",
                    (ticksAfter - ticksBefore) * 10.0 / measured.latencies.length, servicePid);
        }
        System.exit(0);
    }

    /** Latencies (ns from the intended send time; -1: no answer) and failures of one paced run. */
    record Run(long[] latencies, int errors, double elapsedSeconds) {
        String report(String label) {
            long[] answered = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
            return String.format("%s requests=%d errors=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f achieved_rps=%.1f",
                    label, answered.length, errors + (latencies.length - answered.length), pct(answered, 50), pct(answered, 90),
                    pct(answered, 99), answered.length == 0 ? 0 : answered[answered.length - 1] / 1e6, answered.length / elapsedSeconds);
        }
    }

    static Run run(HttpClient client, HttpRequest[] requests, double rate, int seconds) throws InterruptedException {
        int total = (int) (rate * seconds);
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        double periodNanos = 1e9 / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + (long) (i * periodNanos);
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            client.sendAsync(requests[i % requests.length], HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                latencies[index] = System.nanoTime() - scheduled;
                if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await(15, TimeUnit.SECONDS); // the count-down publishes each completion's write of its latency
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Run(latencies.clone(), errors.get(), elapsed);
    }

    static long cpuTicks(String pid) {
        if (pid == null) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime (fields 14 and 15)
        } catch (Exception e) {
            return 0;
        }
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
