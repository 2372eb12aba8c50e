package fr.maillage.offers.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import fr.maillage.offers.config.OffersConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Publishes pending outbox rows in commit order, keyed by aggregate id. Several replicas may run it:
 * an advisory lock lets one publish a batch at a time (in seq order), rows are marked only once the
 * broker acknowledged them: a crash mid-batch republishes rows whose event ids consumers already deduplicate.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    EntityManager em;

    @Inject
    @Channel("outbox")
    Emitter<String> emitter;

    @Inject
    OffersConfig config;

    /** Called by {@link OutboxRelayJob} once the application (and its Kafka channels) started. */
    void relay() {
        try {
            while (relayBatch() == config.outbox().batchSize()) {
                // a full batch: more may be waiting
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
                OutboxEvent.class).setParameter("n", config.outbox().batchSize()).getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent row : batch) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(row.topic).withKey(row.aggregateId).build();
            emitter.send(Message.of(row.payload, Metadata.of(kafka),
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
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(config.outbox().ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch: " + e, e);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        batch.forEach(row -> row.publishedAt = now);
        return batch.size();
    }

    /** Published rows are only kept for inspection for a while. */
    @Scheduled(every = "1h", delayed = "1m")
    @Transactional
    void purge() {
        int n = em.createNativeQuery("DELETE FROM outbox_event WHERE published_at < :limit")
                .setParameter("limit", OffsetDateTime.now(ZoneOffset.UTC).minus(config.outbox().retention()))
                .executeUpdate();
        if (n > 0) {
            LOG.debugf("Purged %d published outbox rows", n);
        }
    }
}
