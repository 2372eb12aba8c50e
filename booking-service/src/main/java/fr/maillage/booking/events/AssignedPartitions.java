package fr.maillage.booking.events;

import java.util.Collection;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Tracks how many partitions of a consumed topic this instance holds, so that operators (log) and tests (which must not
 * publish before the consumer is positioned) know when consumption starts.
 */
abstract class AssignedPartitions implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(AssignedPartitions.class);
    private final String topic;

    AssignedPartitions(String topic) {
        this.topic = topic;
    }

    abstract void assigned(int partitions);

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned(partitions.size());
        LOG.infof("%s: %d partition(s) assigned", topic, partitions.size());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned(0);
    }
}
