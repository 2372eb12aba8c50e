package fr.maillage.system.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import fr.maillage.system.Gateway;
import io.restassured.RestAssured;

/**
 * The same event delivered twice to every consumer: every record of every topic a service consumes is
 * published again (same key, value and headers, hence the same event ids). After the consumer groups
 * have read them all, nothing has changed: no second notification, no SMS, no seat counted twice.
 */
class ReplayEveryTopicTest {
    private static final String BOOTSTRAP = "127.0.0.1:9092";
    private static final List<String> TOPICS = List.of("directory.partners.v1", "directory.places.v1", "directory.people.v1",
            "offers.sessions.v1", "booking.slots.v1", "booking.bookings.v1", "booking.shifts.v1");
    private static final List<String> GROUPS = List.of("offers-service", "booking-service", "notification-service");

    @Test
    void replayingEveryTopicChangesNothing() throws Exception {
        awaitGroupsCaughtUp();
        Map<String, Object> before = quietSnapshot();

        int replayed = replayAll();
        assertTrue(replayed > 0, "the demo and the journeys left events to replay");
        awaitGroupsCaughtUp();
        Thread.sleep(3_000); // let the notification worker run a round on anything (wrongly) new

        Map<String, Object> after = snapshot();
        Map<String, String> changed = new java.util.TreeMap<>();
        for (String key : new java.util.TreeSet<>(java.util.Set.copyOf(before.keySet()))) {
            if (!java.util.Objects.equals(before.get(key), after.get(key))) {
                changed.put(key, before.get(key) + " -> " + after.get(key));
            }
        }
        after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(k -> changed.put(k, "new: " + after.get(k)));
        assertEquals(Map.of(), changed, "replaying " + replayed + " events must have no effect");
    }

    /** A snapshot once the system is idle (no notification still going out, no read model still moving). */
    private static Map<String, Object> quietSnapshot() throws InterruptedException {
        Map<String, Object> previous = snapshot();
        for (int i = 0; i < 60; i++) {
            Thread.sleep(2_000);
            Map<String, Object> current = snapshot();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        throw new AssertionError("the system never became idle: cannot compare before and after the replay");
    }

    /** What a double effect would change: counters of each service, as their APIs tell them. */
    private static Map<String, Object> snapshot() {
        Map<String, Object> state = new HashMap<>();
        state.put("notifications", Gateway.asAdmin().queryParam("size", 1).when().get("/api/v1/notifications")
                .then().statusCode(200).extract().path("total"));
        state.put("bookings", Gateway.asAdmin().queryParam("size", 1).when().get("/api/v1/bookings")
                .then().statusCode(200).extract().path("total"));
        for (int page = 0; page < 200; page++) {
            List<Map<String, Object>> slots = Gateway.given().queryParam("size", 100).queryParam("page", page)
                    .when().get("/api/v1/slots").then().statusCode(200).extract().jsonPath().getList("items");
            if (slots.isEmpty()) {
                break;
            }
            for (Map<String, Object> slot : slots) {
                state.put("slot " + slot.get("id"), slot.get("confirmed") + "/" + slot.get("waitlisted") + "/" + slot.get("status"));
            }
        }
        state.put("sms", RestAssured.given().baseUri(System.getProperty("maillage.smsstub.url", "http://127.0.0.1:8089"))
                .queryParam("limit", 1).when().get("/__admin/requests").then().statusCode(200).extract().path("meta.total"));
        return state;
    }

    private static int replayAll() {
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-test-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        int count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                });
            }
            for (ConsumerRecord<byte[], byte[]> r : records) {
                producer.send(new ProducerRecord<>(r.topic(), r.partition(), r.key(), r.value(), r.headers()));
                count++;
            }
            producer.flush();
        }
        return count;
    }

    private static void awaitGroupsCaughtUp() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (Admin admin = Admin.create(props)) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (String group : GROUPS) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get();
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    var ends = admin.listOffsets(latest).all().get();
                    for (var e : committed.entrySet()) {
                        if (e.getValue() == null || e.getValue().offset() < ends.get(e.getKey()).offset()) {
                            return false;
                        }
                    }
                }
                return true;
            });
        }
    }
}
