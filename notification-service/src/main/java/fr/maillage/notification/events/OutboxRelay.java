package fr.maillage.notification.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Publishes pending outbox rows in commit order, keyed by aggregate id. Several replicas may run it: an
 * advisory lock lets one publish a batch at a time (in seq order), and rows are marked published only
 * once the broker acknowledged them: a crash republishes at worst, consumers deduplicate on eventId.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    record Row(java.util.UUID id, String topic, String aggregateId, String payload) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    @Channel("deliveries")
    Emitter<String> emitter;

    @ConfigProperty(name = "maillage.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "maillage.outbox.ack-timeout", defaultValue = "PT10S")
    Duration ackTimeout;

    @Scheduled(every = "${maillage.outbox.interval:1s}", delayed = "${maillage.outbox.delay:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        try {
            while (QuarkusTransaction.requiringNew().call(this::relayBatch) == batchSize) {
                // a full batch: more may be waiting
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay paused, will retry: %s", e.getMessage());
        }
    }

    int relayBatch() throws SQLException {
        List<Row> batch = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            // One relay at a time across replicas, so an aggregate's events are published in commit order
            // (two relays taking alternate rows could reorder them). The lock ends with the transaction.
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext('outbox-relay'))");
                    ResultSet locked = lock.executeQuery()) {
                if (!locked.next() || !locked.getBoolean(1)) {
                    return 0;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, topic, aggregate_id, payload FROM outbox_event "
                    + "WHERE published_at IS NULL ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED")) {
                ps.setInt(1, batchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        batch.add(new Row(rs.getObject(1, java.util.UUID.class), rs.getString(2), rs.getString(3),
                                rs.getString(4)));
                    }
                }
            }
            if (batch.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
            for (Row row : batch) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(row.topic()).withKey(row.aggregateId()).build();
                emitter.send(Message.of(row.payload(), Metadata.of(kafka),
                        () -> {
                            ack.complete(null);
                            return CompletableFuture.completedFuture(null);
                        },
                        failure -> {
                            ack.completeExceptionally(failure);
                            return CompletableFuture.completedFuture(null);
                        }));
                acks.add(ack);
            }
            try {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ackTimeout.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Kafka did not acknowledge the outbox batch: " + e, e);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE outbox_event SET published_at = now() WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("uuid", batch.stream().map(Row::id).toArray()));
                ps.executeUpdate();
            }
        }
        return batch.size();
    }
}
