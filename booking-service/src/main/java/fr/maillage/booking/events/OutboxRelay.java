package fr.maillage.booking.events;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import fr.maillage.booking.config.BookingConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Publishes pending outbox rows to Kafka in commit order, keyed by aggregate id so that one
 * aggregate's events stay in one partition. Several replicas may run a relay: a transaction-scoped
 * advisory lock lets one of them publish a batch at a time, in seq order. A row is marked published
 * only after the broker acknowledged it: a broker outage leaves rows pending (published later), and a
 * crash between the acknowledgement and the commit republishes rows with the same event id, which
 * consumers deduplicate (at-least-once).
 *
 * <p>A plain KafkaProducer rather than a SmallRye emitter: the relay needs a bounded, synchronous
 * "acknowledged or not" per batch, and its own bootstrap address (maillage.outbox.bootstrap-servers).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    EntityManager em;

    @Inject
    BookingConfig config;

    private volatile KafkaProducer<String, String> producer;

    @Scheduled(every = "${maillage.outbox.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        try {
            while (QuarkusTransaction.requiringNew().call(this::relayBatch) == config.outbox().batchSize()) {
                // a full batch: more may be waiting, go on without waiting for the next tick
            }
        } catch (RuntimeException e) {
            // e.g. the database is unreachable: nothing was marked, everything is retried at the next tick
            LOG.warnf("Outbox relay paused, will retry: %s", e.getMessage());
        }
    }

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
        KafkaProducer<String, String> kafka = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent row : batch) {
            acks.add(kafka.send(new ProducerRecord<>(row.topic, row.aggregateId, row.payload)));
        }
        // Rows are marked in commit order up to the first one Kafka did not acknowledge: those after it are
        // sent again next time with the same event ids: nothing is skipped, duplicates are deduplicated downstream.
        long deadline = System.nanoTime() + config.outbox().ackTimeout().toNanos();
        int acknowledged = 0;
        Exception failure = null;
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (Exception e) {
                failure = e;
                break;
            }
        }
        OffsetDateTime now = OffsetDateTime.now();
        batch.subList(0, acknowledged).forEach(row -> row.publishedAt = now);
        if (failure != null) {
            LOG.warnf("Outbox relay paused after %d/%d events, will retry: %s", acknowledged, batch.size(), failure);
            return -1;
        }
        return batch.size();
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.outbox().bootstrapServers());
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "booking-outbox-relay");
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
                    // A broker outage must fail a batch quickly (rows stay pending) rather than block the relay.
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "9000");
                    props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
                    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    producer = new KafkaProducer<>(props);
                }
                current = producer;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        KafkaProducer<String, String> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(2));
        }
    }
}
