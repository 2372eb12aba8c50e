package fr.maillage.offers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real Kafka clients for tests: produce events as other services would, observe what offers publishes. */
public final class KafkaTestSupport {
    public static final String BOOTSTRAP = System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092");
    public static final ObjectMapper JSON = new ObjectMapper();

    private KafkaTestSupport() {
    }

    /** @return the partition the record landed on (keyed records of one key always land on the same one) */
    public static int send(String topic, String key, String value) {
        return send(topic, null, key, value);
    }

    /**
     * Sends to an explicit partition (null: the key's). A later record on the same partition is consumed after this
     * one, so its visible effect proves this one was processed: the sentinel of checks that something did not happen.
     */
    public static int send(String topic, Integer partition, String key, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            return producer.send(new ProducerRecord<>(topic, partition, key, value)).get().partition();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot produce to " + topic, e);
        }
    }

    /** An envelope as the contract describes it. */
    public static String envelope(UUID eventId, String type, UUID aggregateId, long version, Object data) {
        try {
            return JSON.writeValueAsString(java.util.Map.of("eventId", eventId.toString(), "type", type,
                    "occurredAt", "2026-11-26T10:00:00+01:00", "aggregateId", aggregateId.toString(), "version", version,
                    "data", data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Watches topics from their current end: open it before the action, then {@link #await} what the
     * action published.
     */
    public static final class Tap implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

        public Tap(String... topics) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "offers-test-tap-" + UUID.randomUUID());
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer = new KafkaConsumer<>(p);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end offsets now, before the action
        }

        /** Records (key, parsed value) matching the filter, waiting until at least {@code count} arrived. */
        public List<Received> await(Predicate<Received> filter, int count, Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            List<Received> matching = matching(filter);
            while (matching.size() < count && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                matching = matching(filter);
            }
            return matching;
        }

        /** Everything matching that arrived within the given time (to check that nothing more came). */
        public List<Received> settle(Predicate<Received> filter, Duration quiet) {
            Instant deadline = Instant.now().plus(quiet);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            return matching(filter);
        }

        private List<Received> matching(Predicate<Received> filter) {
            List<Received> result = new ArrayList<>();
            for (ConsumerRecord<String, String> r : seen) {
                Received received;
                try {
                    received = new Received(r.topic(), r.key(), r.value(), JSON.readTree(r.value()));
                } catch (Exception e) {
                    received = new Received(r.topic(), r.key(), r.value(), null);
                }
                if (filter.test(received)) {
                    result.add(received);
                }
            }
            return result;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    public record Received(String topic, String key, String raw, JsonNode json) {
        public String type() {
            return json == null ? null : json.path("type").asText();
        }

        public JsonNode data() {
            return json == null ? null : json.path("data");
        }
    }
}
