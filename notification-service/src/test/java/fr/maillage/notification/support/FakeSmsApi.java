package fr.maillage.notification.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * WireMock extension playing an SMS provider that remembers what it accepted: POST /messages counts
 * each Idempotency-Key, GET /messages/by-reference/{ref} answers 200 if that reference was accepted,
 * 404 otherwise, GET /stats gives {"distinct":n,"total":n,"duplicates":n}. Used by the tests (in-JVM
 * WireMock) and by deploy/bench/notification.sh (WireMock standalone with --extensions).
 */
public class FakeSmsApi implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "fake-sms-api";
    public static final Map<String, AtomicInteger> RECEIVED = new ConcurrentHashMap<>();
    private static final AtomicInteger TOTAL = new AtomicInteger();

    /** Simulated provider latency, ms (bench: -Dfake.sms.delay=20). */
    public static volatile long delayMs = Long.getLong("fake.sms.delay", 0);

    /**
     * While true, each accepted message is counted and its answer then withheld (up to a minute): the
     * sender has handed messages over but cannot record them, the window a crash test kills in.
     */
    public static volatile boolean holdAnswers;

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = request.getUrl();
        if (path.startsWith("/stats")) {
            long duplicates = RECEIVED.values().stream().mapToInt(AtomicInteger::get).filter(n -> n > 1)
                    .mapToLong(n -> n - 1).sum();
            return json(200, "{\"distinct\":" + RECEIVED.size() + ",\"total\":" + TOTAL.get() + ",\"duplicates\":"
                    + duplicates + "}");
        }
        if (path.startsWith("/reset")) {
            RECEIVED.clear();
            TOTAL.set(0);
            return json(200, "{}");
        }
        if ("POST".equals(request.getMethod().getName())) {
            String key = request.getHeader("Idempotency-Key");
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            RECEIVED.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).incrementAndGet();
            TOTAL.incrementAndGet();
            long until = System.currentTimeMillis() + 60_000;
            while (holdAnswers && System.currentTimeMillis() < until) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return json(200, "{\"id\":\"prov-" + key + "\",\"status\":\"accepted\"}");
        }
        String reference = path.substring(path.lastIndexOf('/') + 1);
        return RECEIVED.containsKey(reference) ? json(200, "{\"id\":\"prov-" + reference + "\",\"status\":\"accepted\"}")
                : json(404, "{\"error\":\"unknown reference\"}");
    }

    private static ResponseDefinition json(int status, String body) {
        return WireMock.aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)
                .build();
    }

    public static int count(String reference) {
        AtomicInteger n = RECEIVED.get(reference);
        return n == null ? 0 : n.get();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
