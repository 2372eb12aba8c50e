package fr.maillage.booking.events;

import java.util.Collection;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tracks the partitions of offers.sessions.v1 this instance consumes, so that operators (log) and
 * tests (which must not publish before the consumer is positioned) know when consumption starts.
 */
@ApplicationScoped
@Identifier("offers-sessions.rebalancer")
public class SessionsPartitions implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(SessionsPartitions.class);
    private static volatile int assigned;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned = partitions.size();
        LOG.infof("offers.sessions.v1: %d partition(s) assigned", partitions.size());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned = 0;
    }

    /** Number of partitions currently assigned to this instance. */
    public static int assigned() {
        return assigned;
    }
}
