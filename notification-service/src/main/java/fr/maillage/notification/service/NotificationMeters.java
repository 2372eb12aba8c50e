package fr.maillage.notification.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.maillage.platform.metrics.Snapshot;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The notification service seen by an operator (tags: channel, class, status, reason; never a person, a number or a
 * subscription):
 * <ul>
 * <li>{@code maillage_notification_queue{status}}: messages waiting ({@code pending}, due now or later) and being sent
 * ({@code sending}, under a lease), from the table's partial indexes;</li>
 * <li>{@code maillage_notification_sent_total{channel}}: messages a provider accepted;</li>
 * <li>{@code maillage_notification_send_failures_total{channel,class}}: failed attempts, {@code permanent} (the provider
 * said retrying cannot help) or {@code transient} (retried with backoff, failed after the last attempt);</li>
 * <li>{@code maillage_webhook_delivered_total} and {@code maillage_webhook_failures_total{reason}}: partner webhook
 * attempts, a failure's reason being the class of the answer ({@code http_4xx}, {@code http_5xx}, {@code timeout}…).</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class NotificationMeters {
    static final List<String> CHANNELS = List.of("sms", "email", "voice");
    static final List<String> QUEUE = List.of("pending", "sending");
    private static final String QUERY = "SELECT status, count(*) FROM notification WHERE status IN ('pending', 'sending') GROUP BY status";

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final Map<String, Counter> sent = new HashMap<>();
    private final Map<String, Counter> failures = new HashMap<>();
    private final Counter webhookDelivered;
    private final Snapshot<Map<String, Long>> queue;

    NotificationMeters(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
        // held here: a gauge only keeps a weak reference to what it reads
        this.queue = new Snapshot<>(Duration.ofSeconds(1), this::queue, Map.of());
        for (String status : QUEUE) {
            Gauge.builder("maillage.notification.queue", queue, q -> {
                Map<String, Long> counts = q.get();
                return counts.isEmpty() ? Double.NaN : counts.getOrDefault(status, 0L);
            }).strongReference(true).tag("status", status).description("Notifications waiting or being sent, by status").register(registry);
        }
        for (String channel : CHANNELS) {
            sent.put(channel, Counter.builder("maillage.notification.sent").tag("channel", channel)
                    .description("Messages accepted by the provider, by channel").register(registry));
            for (String kind : List.of("permanent", "transient")) {
                failures.put(channel + kind, Counter.builder("maillage.notification.send.failures").tag("channel", channel)
                        .tag("class", kind).description("Failed send attempts, by channel and class").register(registry));
            }
        }
        webhookDelivered = Counter.builder("maillage.webhook.delivered")
                .description("Webhook deliveries the receiver acknowledged (2xx)").register(registry);
        for (String reason : WebhookSender.REASONS) {
            webhookFailed(reason, 0);
        }
    }

    void sent(String channel) {
        Counter counter = sent.get(channel);
        if (counter != null) {
            counter.increment();
        }
    }

    void failed(String channel, boolean permanent) {
        Counter counter = failures.get(channel + (permanent ? "permanent" : "transient"));
        if (counter != null) {
            counter.increment();
        }
    }

    void webhookDelivered() {
        webhookDelivered.increment();
    }

    /** {@code reason}: a short constant ({@link WebhookSender#reasonTag}), never the receiver's URL or answer. */
    void webhookFailed(String reason) {
        webhookFailed(reason, 1);
    }

    private void webhookFailed(String reason, int n) {
        Counter.builder("maillage.webhook.failures").tag("reason", reason)
                .description("Failed webhook delivery attempts, by reason").register(registry).increment(n);
    }

    private Map<String, Long> queue() {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(QUERY);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                counts.put(r.getString(1), r.getLong(2));
            }
            counts.putIfAbsent("pending", 0L);
            return counts;
        } catch (SQLException e) {
            return Map.of();
        }
    }
}
