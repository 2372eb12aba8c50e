package fr.maillage.directory.events;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Publishes pending outbox rows to Kafka in commit order, keyed by aggregate id so one aggregate's
 * events stay in one partition. Several replicas may run a relay: a
 * transaction-scoped advisory lock lets one of them publish a batch at a time, in seq order; a row is marked published only
 * after the broker acknowledged it, so a crash mid-batch at worst republishes rows whose event ids
 * consumers have already recorded (at-least-once, deduplicated downstream).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    EntityManager em;

    @Inject
    @Channel("outbox")
    Emitter<String> emitter;

    @ConfigProperty(name = "maillage.outbox.batch-size", defaultValue = "200")
    int batchSize;

    @ConfigProperty(name = "maillage.outbox.ack-timeout", defaultValue = "PT10S")
    Duration ackTimeout;

    @Scheduled(every = "${maillage.outbox.interval:0.5s}", delayed = "${maillage.outbox.initial-delay:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        try {
            while (relayBatch() == batchSize) {
                // a full batch: more may be waiting, go on without waiting for the next tick
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay paused, will retry: %s", e.getMessage());
        }
    }

    @Transactional
    @SuppressWarnings("unchecked")
    int relayBatch() {
        // One relay at a time across replicas, so an aggregate's events are published in commit order
        // (two relays taking alternate rows could reorder them). The lock ends with the transaction.
        if (!(Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtext('outbox-relay'))").getSingleResult()) {
            return 0;
        }
        List<OutboxEvent> batch = em.createNativeQuery(
                "SELECT * FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT :n FOR UPDATE SKIP LOCKED",
                OutboxEvent.class).setParameter("n", batchSize).getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent row : batch) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(row.topic).withKey(row.aggregateId).build();
            emitter.send(Message.of(row.payload, Metadata.of(kafka),
                    () -> { ack.complete(null); return CompletableFuture.completedFuture(null); },
                    failure -> { ack.completeExceptionally(failure); return CompletableFuture.completedFuture(null); }));
            acks.add(ack);
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch: " + e, e);
        }
        OffsetDateTime now = OffsetDateTime.now();
        batch.forEach(row -> row.publishedAt = now);
        return batch.size();
    }
}
