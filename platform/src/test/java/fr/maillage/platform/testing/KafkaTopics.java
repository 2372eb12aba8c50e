package fr.maillage.platform.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real Kafka clients for every service's tests (platform test-jar): produce upstream events, observe ours. */
public final class KafkaTopics {
    public static final String BOOTSTRAP = System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static KafkaProducer<String, String> producer;

    private KafkaTopics() {
    }

    public static void send(String topic, String key, Object value) {
        send(topic, key, value, Map.of());
    }

    /** As {@link #send(String, String, Object)}, with record headers (e.g. traceparent and X-Request-Id, as the relay sends). */
    public static synchronized void send(String topic, String key, Object value, Map<String, String> headers) {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p);
        }
        try {
            String payload = value instanceof String s ? s : MAPPER.writeValueAsString(value);
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            headers.forEach((name, header) -> record.headers().add(name, header.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka send failed: " + e, e);
        }
    }

    /** A consumer on {@code topic} with a fresh group, positioned at the end, assigned before it returns. */
    public static KafkaConsumer<String, String> tail(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(topic));
        long deadline = System.currentTimeMillis() + 20_000;
        while (consumer.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(200));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    /** Polls until {@code count} records match or the timeout passes. */
    public static List<ConsumerRecord<String, String>> await(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> match, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (found.size() < count && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                if (match.test(r)) {
                    found.add(r);
                }
            }
        }
        return found;
    }

    /**
     * Waits until a member of consumer group {@code group} is assigned a partition of {@code topic} (and a
     * little more for its first fetch): a consumer starting at "latest" would not see an earlier record.
     */
    public static void awaitAssigned(String group, String topic, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (System.currentTimeMillis() < deadline) {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                        .get(group).get();
                if (description.members().stream().anyMatch(m -> m.assignment().topicPartitions().stream()
                        .anyMatch(tp -> tp.topic().equals(topic)))) {
                    Thread.sleep(2000);
                    return;
                }
                Thread.sleep(500);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Consumer group " + group + " not observed: " + e, e);
        }
        throw new AssertionError("No member of " + group + " was assigned " + topic + " within " + timeout);
    }

    public static Map<String, Object> envelope(String type, UUID aggregateId, long version, Object data) {
        return Map.of("eventId", UUID.randomUUID().toString(), "type", type,
                "occurredAt", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).toString(), "aggregateId", aggregateId.toString(),
                "version", version, "data", data);
    }
}
