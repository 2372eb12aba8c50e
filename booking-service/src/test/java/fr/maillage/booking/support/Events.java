package fr.maillage.booking.support;

import org.awaitility.Awaitility;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A real Kafka consumer positioned at the end of some topics when created, collecting everything
 * published afterwards (unique group id, no offsets committed).
 */
public final class Events implements AutoCloseable {
    public record Received(String topic, String key, String value, JsonNode json, Map<String, String> headers) {
        public String type() {
            return json.path("type").asText();
        }

        public JsonNode data() {
            return json.path("data");
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();

    public Events(String... topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Sessions.BOOTSTRAP);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "booking-test-watch-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, before the test acts
    }

    /** Polls until at least {@code count} received events match, then returns all matching ones. */
    public List<Received> await(Predicate<Received> filter, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll();
            return received.stream().filter(filter).count() >= count;
        });
        return received.stream().filter(filter).toList();
    }

    /** Polls for a while and returns every matching event (to assert that something did NOT happen). */
    public List<Received> during(Duration window, Predicate<Received> filter) {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            poll();
        }
        return received.stream().filter(filter).toList();
    }

    public static Predicate<Received> about(UUID aggregateId) {
        return r -> aggregateId.toString().equals(r.key());
    }

    public static Predicate<Received> about(UUID aggregateId, String type) {
        return r -> aggregateId.toString().equals(r.key()) && type.equals(r.type());
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            JsonNode json;
            try {
                json = Sessions.JSON.readTree(record.value());
            } catch (Exception e) {
                json = Sessions.JSON.createObjectNode();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
            received.add(new Received(record.topic(), record.key(), record.value(), json, headers));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
