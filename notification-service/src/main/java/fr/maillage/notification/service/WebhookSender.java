package fr.maillage.notification.service;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.net.ssl.SSLException;

import org.jboss.logging.Logger;

import fr.maillage.notification.config.WebhookConfig;
import fr.maillage.notification.domain.Redaction;
import fr.maillage.notification.domain.WebhookDestination;
import fr.maillage.notification.domain.WebhookSignature;
import fr.maillage.notification.service.WebhookStore.Claimed;
import fr.maillage.notification.service.WebhookStore.Subscription;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends queued webhook deliveries. Each round claims due deliveries (FOR UPDATE SKIP LOCKED, under a
 * lease: replicas never hold the same delivery), then serves subscriptions in parallel and each
 * subscription's deliveries one after the other, recording every attempt in its own short transaction.
 * Any 2xx is a success; anything else (status, timeout, refused connection) is retried after the
 * configured backoff, then given up. A subscription failing {@code pause-after-failures} times in a row
 * (or for {@code pause-after-failing-for}) is paused with a French reason its owner reads on GET.
 * A crash between the call and its record sends the delivery again after the lease: receivers
 * deduplicate on X-Maillage-Delivery (or the event id).
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    public static final String EVENT_HEADER = "X-Maillage-Event";
    public static final String DELIVERY_HEADER = "X-Maillage-Delivery";
    /*
     * The errors partners read (lastError, pausedReason): a fixed French vocabulary that reveals neither how names
     * resolve inside the platform (which address, which resolver message) nor TLS internals (alerts, cipher suites).
     */
    static final String DESTINATION_REFUSED = "destination refusée (adresse interne ou réservée)";
    static final String UNKNOWN_HOST = "nom de domaine introuvable";
    static final String TIMEOUT = "délai dépassé";
    static final String CONNECTION_REFUSED = "connexion refusée";
    static final String CONNECTION_INTERRUPTED = "connexion interrompue";
    static final String CERTIFICATE_REFUSED = "certificat refusé";

    private final WebhookStore store;
    private final WebhookConfig config;
    private final AppClock clock;
    private final NotificationMeters meters;
    private final HttpClient http;
    private final ExecutorService pool;

    WebhookSender(WebhookStore store, WebhookConfig config, AppClock clock, NotificationMeters meters) {
        this.meters = meters;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.sender().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.pool = Executors.newFixedThreadPool(config.sender().concurrency(), r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    @Scheduled(every = "${maillage.webhooks.sender.interval}", delayed = "${maillage.webhooks.sender.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.sender().enabled()) {
            return;
        }
        try {
            while (runOnce() == config.sender().batchSize()) {
                // a full batch: more deliveries are due
            }
        } catch (RuntimeException e) {
            LOG.warnf("Webhook sender paused until next tick: %s", Redaction.describe(e));
        }
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            int purged = QuarkusTransaction.requiringNew()
                    .call(() -> store.purge(clock.now().minus(config.logRetention())));
            if (purged > 0) {
                LOG.infof("Webhook delivery log: %d finished deliveries older than %s purged", purged, config.logRetention());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Webhook delivery log purge failed, next hour: %s", Redaction.describe(e));
        }
    }

    /** One claim-send-record round. @return the number of deliveries claimed. */
    public int runOnce() {
        Instant now = clock.now();
        List<Claimed> claimed = QuarkusTransaction.requiringNew()
                .call(() -> store.claim(now, now.plus(config.sender().lease()), config.sender().batchSize()));
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<UUID, List<Claimed>> bySubscription = new LinkedHashMap<>();
        for (Claimed d : claimed) {
            bySubscription.computeIfAbsent(d.subscriptionId(), k -> new ArrayList<>()).add(d);
        }
        List<Future<?>> running = new ArrayList<>();
        for (List<Claimed> group : bySubscription.values()) {
            running.add(pool.submit(() -> serve(group)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return claimed.size(); // shutting down: leases expire, deliveries are sent again later
            } catch (ExecutionException e) {
                LOG.warnf("Webhook delivery group failed: %s", Redaction.describe(e.getCause()));
            }
        }
        return claimed.size();
    }

    /** One subscription's claimed deliveries, in order; stops at the first failure (the receiver is down). */
    private void serve(List<Claimed> group) {
        for (int i = 0; i < group.size(); i++) {
            Claimed d = group.get(i);
            Optional<Subscription> subscription = QuarkusTransaction.requiringNew().call(() -> store.find(d.subscriptionId()));
            if (subscription.isEmpty() || !"active".equals(subscription.get().status())) {
                List<Claimed> rest = group.subList(i, group.size());
                QuarkusTransaction.requiringNew().run(() -> store.release(rest, null));
                return;
            }
            Instant retryAt = attempt(d, subscription.get());
            if (retryAt != null && i + 1 < group.size()) {
                List<Claimed> rest = group.subList(i + 1, group.size());
                QuarkusTransaction.requiringNew().run(() -> store.release(rest, retryAt));
                return;
            }
        }
    }

    /** @return null on success, else when this subscription's next delivery may be tried. */
    private Instant attempt(Claimed d, Subscription s) {
        int attempt = d.attempts() + 1;
        long t = clock.now().getEpochSecond();
        Integer status = null;
        String error;
        try {
            // the same check as at creation (a row may predate it, or have been changed), then every address the
            // name resolves to right now
            WebhookDestination.Target target;
            try {
                target = WebhookDestination.check(s.url(), config.allowInsecureLocalhost());
            } catch (WebhookDestination.Refused e) {
                throw new RefusedDestination();
            }
            if (WebhookDestination.firstRefused(target, InetAddress.getAllByName(target.host())).isPresent()) {
                throw new RefusedDestination();
            }
            HttpRequest request = HttpRequest.newBuilder(target.uri()).timeout(config.sender().timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Maillage-Webhooks/1")
                    .header(EVENT_HEADER, d.eventType())
                    .header(DELIVERY_HEADER, d.id().toString())
                    // Standard Webhooks: the message id is the delivery id, the same on every retry
                    .header(WebhookSignature.ID_HEADER, d.id().toString())
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(t))
                    .header(WebhookSignature.SIGNATURE_HEADER,
                            WebhookSignature.standardSignature(s.secret(), d.id().toString(), t, d.payload()))
                    // deprecated, kept one release (README)
                    .header(WebhookSignature.HEADER, WebhookSignature.header(s.secret(), t, d.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8)).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            error = status / 100 == 2 ? null : httpError(status);
        } catch (RefusedDestination e) {
            error = DESTINATION_REFUSED;
        } catch (UnknownHostException e) {
            error = UNKNOWN_HOST;
        } catch (HttpTimeoutException e) {
            error = TIMEOUT;
        } catch (ConnectException e) {
            error = CONNECTION_REFUSED;
        } catch (SSLException e) {
            error = CERTIFICATE_REFUSED;
        } catch (IOException | IllegalArgumentException e) {
            error = hasCause(e, SSLException.class) ? CERTIFICATE_REFUSED
                    : hasCause(e, HttpTimeoutException.class) ? TIMEOUT : CONNECTION_INTERRUPTED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Instant now = clock.now();
        if (error == null) {
            meters.webhookDelivered();
            int code = status;
            QuarkusTransaction.requiringNew().run(() -> store.delivered(d, code, now));
            LOG.infof("Webhook delivery %s (%s, event %s) to subscription %s, attempt %d: HTTP %d", d.id(), d.eventType(),
                    d.eventId(), s.id(), attempt, code);
            return null;
        }
        meters.webhookFailed(reasonTag(status, error));
        List<Duration> backoff = config.sender().backoff();
        Instant retryAt = attempt <= backoff.size() ? now.plus(backoff.get(attempt - 1)) : null;
        Integer code = status;
        String reason = error;
        Optional<Subscription> after = QuarkusTransaction.requiringNew().call(() -> {
            Optional<Subscription> updated = store.failed(d, code, reason, retryAt, now);
            updated.flatMap(u -> pauseReason(u, reason, now)).ifPresent(r -> {
                if (store.pause(s.id(), r)) {
                    LOG.warnf("Webhook subscription %s paused: %s", s.id(), r);
                }
            });
            return updated;
        });
        LOG.infof("Webhook delivery %s (%s, event %s) to subscription %s, attempt %d failed: %s; %s", d.id(),
                d.eventType(), d.eventId(), s.id(), attempt, error,
                retryAt == null ? "given up" : "next attempt at " + retryAt);
        return after.isPresent() && "active".equals(after.get().status()) ? (retryAt != null ? retryAt : now) : now;
    }

    /** « 10 échecs consécutifs, dernier : HTTP 500 » once a limit is reached. */
    Optional<String> pauseReason(Subscription s, String lastError, Instant now) {
        if (!"active".equals(s.status())) {
            return Optional.empty();
        }
        if (s.consecutiveFailures() >= config.sender().pauseAfterFailures()) {
            return Optional.of(s.consecutiveFailures() + " échecs consécutifs, dernier : " + lastError);
        }
        if (s.failingSince() != null && !s.failingSince().plus(config.sender().pauseAfterFailingFor()).isAfter(now)) {
            return Optional.of("en échec depuis " + human(config.sender().pauseAfterFailingFor()) + " ("
                    + s.consecutiveFailures() + " échecs consécutifs), dernier : " + lastError);
        }
        return Optional.empty();
    }

    private static String human(Duration d) {
        return d.toHours() >= 1 && d.toMinutesPart() == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    /** The values of {@link #reasonTag}. */
    static final java.util.List<String> REASONS = java.util.List.of("http_3xx", "http_4xx", "http_5xx", "destination_refused",
            "unknown_host", "timeout", "connection_refused", "certificate_refused", "connection_interrupted");

    /** The failure's tag on maillage_webhook_failures_total: the class of the answer or of the network error. */
    static String reasonTag(Integer status, String error) {
        if (status != null) {
            return status / 100 == 3 ? "http_3xx" : status / 100 == 4 ? "http_4xx" : "http_5xx";
        }
        return switch (error) {
            case DESTINATION_REFUSED -> "destination_refused";
            case UNKNOWN_HOST -> "unknown_host";
            case TIMEOUT -> "timeout";
            case CONNECTION_REFUSED -> "connection_refused";
            case CERTIFICATE_REFUSED -> "certificate_refused";
            default -> "connection_interrupted";
        };
    }

    /** « réponse HTTP 5xx » : the class of the status only (the exact code is in lastStatusCode). */
    static String httpError(int status) {
        return "réponse HTTP " + (status / 100) + "xx" + (status / 100 == 3 ? " (redirection non suivie)" : "");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A receiver whose URL or resolved address is internal: not called, counted as a failure. */
    private static final class RefusedDestination extends IOException {
        RefusedDestination() {
            super(DESTINATION_REFUSED, null);
        }
    }
}
