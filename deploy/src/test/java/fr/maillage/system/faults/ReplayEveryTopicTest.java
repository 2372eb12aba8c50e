package fr.maillage.system.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

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

import com.sun.net.httpserver.HttpServer;

import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.Tokens;
import io.restassured.RestAssured;

/**
 * The same event delivered twice to every consumer: every record of every topic a service consumes is
 * published again (same key, value and headers, hence the same event ids), newest first within each
 * partition, the harshest order: a consumer that applied them again would not only count twice but rewind
 * its read models to their oldest state. After the consumer groups have read them all, nothing has
 * changed: no second notification, SMS or webhook delivery, no seat counted twice, no read model of
 * offers-service moved (places of the offers, seats of the sessions).
 * It runs after every other system test (SystemTestOrder), so that the journeys' cancellations,
 * promotions from waiting lists, webhooks and the fault tests' bookings are replayed too. Records already parked on a
 * dead-letter topic (invalid events a security test publishes on purpose) are not replayed: parking them again is right.
 */
class ReplayEveryTopicTest {
    private static final String BOOTSTRAP = "127.0.0.1:9092";
    /** Every topic a Maillage service consumes. */
    private static final List<String> TOPICS = List.of("directory.partners.v1", "directory.places.v1", "directory.people.v1",
            "offers.offers.v1", "offers.sessions.v1", "booking.slots.v1", "booking.bookings.v1", "booking.shifts.v1");
    /** Published for partners and operators; no Maillage service reads it. */
    private static final Set<String> NOT_CONSUMED = Set.of("notification.deliveries.v1", "booking.referrals.v1");
    private static final List<String> GROUPS = List.of("offers-service", "booking-service", "notification-service");
    private static final List<String> PARTNERS = List.of("PARTNER_ROMAGNE", "PARTNER_MISSION_LOCALE", "PARTNER_FRANCE_SERVICES",
            "PARTNER_CCAS_BOIGNY", "PARTNER_CCAS_MARIGNY", "PARTNER_VAL_DE_SOMME");
    /** A fixed period for the sessions' listing (its default, "from now", would move under the snapshots). */
    private static final LocalDate FROM = LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(2);

    /** A consumer group that commits nothing for this long is stuck, not slow. */
    private static final Duration STALLED = Duration.ofSeconds(90);
    /** However much they progress. */
    private static final Duration AT_MOST = Duration.ofMinutes(10);

    private final List<String> webhookCalls = new CopyOnWriteArrayList<>();

    @Test
    void everyConsumedTopicIsReplayed() throws Exception {
        Set<String> declared = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("topics.txt"))) {
            String topic = line.replaceAll("#.*", "").trim().split("\\s+")[0];
            if (!topic.isEmpty() && !topic.endsWith(".dlq.v1")) {
                declared.add(topic);
            }
        }
        Set<String> covered = new TreeSet<>(TOPICS);
        covered.addAll(NOT_CONSUMED);
        assertEquals(declared, covered, "deploy/topics.txt and the topics this test replays (or knows nobody consumes)");
    }

    @Test
    void replayingEveryTopicChangesNothing() throws Exception {
        // Fresh subscriptions of every demo partner to every event type: a replayed event fanned out again would reach
        // them (events younger than maillage.webhooks.max-event-age are fanned out).
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            webhookCalls.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("X-Maillage-Event"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        List<String> subscriptions = new ArrayList<>();
        try {
            List<String> eventTypes = Gateway.given().when().get("/api/v1/webhooks/event-types")
                    .then().statusCode(200).extract().jsonPath().getList("type");
            for (String partner : PARTNERS) {
                subscriptions.add(Gateway.asAdmin().contentType("application/json").body(Map.of("partnerId", Demo.id(partner),
                        "url", "http://localhost:" + receiver.getAddress().getPort() + "/" + partner, "eventTypes", eventTypes,
                        "description", "ReplayEveryTopicTest"))
                        .when().post("/api/v1/webhooks").then().statusCode(201).extract().path("id"));
            }

            awaitGroupsCaughtUp();
            Map<String, Object> before = quietSnapshot();

            Map<String, Integer> replayed = replayAll();
            for (String topic : List.of("offers.offers.v1", "offers.sessions.v1", "booking.slots.v1", "booking.bookings.v1")) {
                assertTrue(replayed.getOrDefault(topic, 0) > 0, "the demo and the other tests left events on " + topic + ": " + replayed);
            }
            awaitGroupsCaughtUp();
            Thread.sleep(3_000); // let the notification and webhook workers run a round on anything (wrongly) new
            Map<String, Object> after = quietSnapshot();

            Map<String, String> changed = new TreeMap<>();
            for (String key : new TreeSet<>(before.keySet())) {
                if (!Objects.equals(before.get(key), after.get(key))) {
                    changed.put(key, before.get(key) + " -> " + after.get(key));
                }
            }
            after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(k -> changed.put(k, "new: " + after.get(k)));
            assertEquals(Map.of(), changed, "replaying " + replayed + " events must have no effect");
            assertEquals(List.of(), webhookCalls, "no webhook for a replayed event");
        } finally {
            for (String id : subscriptions) {
                Gateway.asAdmin().when().delete("/api/v1/webhooks/" + id);
            }
            receiver.stop(0);
        }
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

    /** What a double effect would change: counters of each service and offers' read models, as their APIs tell them. */
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
        offersReadModels(state);
        webhookDeliveries(state);
        deadLetters(state);
        return state;
    }

    /** A valid event replayed must be skipped as already seen, never parked on a dead-letter topic. */
    private static void deadLetters(Map<String, Object> state) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (String topic : List.of("offers.dlq.v1", "booking.dlq.v1", "notification.dlq.v1")) {
                ends.put(new TopicPartition(topic, 0), OffsetSpec.latest());
            }
            admin.listOffsets(ends).all().get().forEach((tp, info) -> state.put("dead letters on " + tp.topic(), info.offset()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the dead-letter topics' ends: " + e.getMessage(), e);
        }
    }

    /**
     * offers-service's read models: the place of each offer (from directory.places.v1) and the seats of each session
     * (from booking.slots.v1). Straight from the service (many reads, no gateway rate limit to meet), as an admin who
     * sees every offer whatever its status.
     */
    private static void offersReadModels(Map<String, Object> state) {
        String admin = Tokens.admin();
        List<String> offers = new ArrayList<>();
        for (int page = 0; page < 100; page++) {
            List<Map<String, Object>> items = Gateway.givenService("offers").auth().oauth2(admin).queryParam("size", 100)
                    .queryParam("page", page).when().get("/api/v1/offers").then().statusCode(200).extract().jsonPath().getList("items");
            if (items.isEmpty()) {
                break;
            }
            for (Map<String, Object> offer : items) {
                String id = (String) offer.get("id");
                offers.add(id);
                state.put("offer " + id, offer.get("status") + " at " + offer.get("place"));
            }
        }
        for (String offer : new LinkedHashSet<>(offers)) {
            for (int page = 0; page < 100; page++) {
                List<Map<String, Object>> sessions = Gateway.givenService("offers").auth().oauth2(admin)
                        .queryParam("from", FROM.toString()).queryParam("to", FROM.plusDays(365).toString())
                        .queryParam("size", 100).queryParam("page", page)
                        .when().get("/api/v1/offers/" + offer + "/sessions").then().statusCode(200).extract().jsonPath().getList("items");
                if (sessions.isEmpty()) {
                    break;
                }
                for (Map<String, Object> s : sessions) {
                    state.put("offers session " + s.get("id"), s.get("capacity") + "/" + s.get("confirmed") + "/" + s.get("waitlisted")
                            + "/" + s.get("remaining") + "/" + s.get("status") + "/" + s.get("cancelReason") + "/v" + s.get("version"));
                }
            }
        }
    }

    /** How many deliveries each webhook subscription has (a delivery's attempts move on their own: not compared). */
    private static void webhookDeliveries(Map<String, Object> state) {
        String admin = Tokens.admin();
        for (int page = 0; page < 100; page++) {
            List<String> ids = Gateway.givenService("notification").auth().oauth2(admin).queryParam("size", 200).queryParam("page", page)
                    .when().get("/api/v1/webhooks").then().statusCode(200).extract().jsonPath().getList("items.id");
            if (ids.isEmpty()) {
                break;
            }
            for (String id : ids) {
                state.put("webhook " + id + " deliveries", Gateway.givenService("notification").auth().oauth2(admin)
                        .queryParam("size", 1).when().get("/api/v1/webhooks/" + id + "/deliveries")
                        .then().statusCode(200).extract().path("total"));
            }
        }
    }

    /** Publishes every record of TOPICS again, newest first within each partition. @return records replayed per topic. */
    private static Map<String, Integer> replayAll() {
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-test-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        Map<String, Integer> count = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new HashMap<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.get(tp)) {
                        records.computeIfAbsent(tp, k -> new ArrayList<>()).add(r);
                    }
                });
            }
            Set<ByteBuffer> parked = parkedValues(consumer);
            for (List<ConsumerRecord<byte[], byte[]>> partition : records.values()) {
                for (int i = partition.size() - 1; i >= 0; i--) {
                    ConsumerRecord<byte[], byte[]> r = partition.get(i);
                    if (r.value() != null && parked.contains(ByteBuffer.wrap(r.value()))) {
                        // An invalid event another test published on purpose (e.g. a forged sealed contact): parked
                        // again if replayed, which is right for it; this test is about valid events.
                        count.merge("not replayed (parked on a dead-letter topic)", 1, Integer::sum);
                        continue;
                    }
                    producer.send(new ProducerRecord<>(r.topic(), r.partition(), r.key(), r.value(), r.headers()));
                    count.merge(r.topic(), 1, Integer::sum);
                }
            }
            producer.flush();
        }
        return count;
    }

    /** The values of every record parked on a dead-letter topic so far (a dead letter keeps the record's value). */
    private static Set<ByteBuffer> parkedValues(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of("offers.dlq.v1", "booking.dlq.v1", "notification.dlq.v1")) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Set<ByteBuffer> values = new HashSet<>();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                if (r.value() != null && r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    values.add(ByteBuffer.wrap(r.value()));
                }
            });
        }
        return values;
    }

    /**
     * Waits until every group has committed the end of every partition it reads. Consumers that make progress are
     * waited for (after the replay they re-read every record the suite left: thousands on a 2-core machine); a
     * group that moves no offset for {@link #STALLED} fails the test, saying which group lags on which partition
     * (committed offset and end), the only clue a CI log keeps.
     */
    private static void awaitGroupsCaughtUp() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (Admin admin = Admin.create(props)) {
            long started = System.nanoTime();
            long lastProgress = started;
            long leastLag = Long.MAX_VALUE;
            while (true) {
                Map<String, String> lagging = new TreeMap<>();
                long lag = 0;
                for (String group : GROUPS) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get();
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    var ends = admin.listOffsets(latest).all().get();
                    for (var e : committed.entrySet()) {
                        long end = ends.get(e.getKey()).offset();
                        long at = e.getValue() == null ? 0 : e.getValue().offset();
                        if (at < end) {
                            lagging.put(group + " " + e.getKey(), at + "/" + end);
                            lag += end - at;
                        }
                    }
                }
                if (lagging.isEmpty()) {
                    return;
                }
                long now = System.nanoTime();
                if (lag < leastLag) {
                    leastLag = lag;
                    lastProgress = now;
                }
                Duration stalled = Duration.ofNanos(now - lastProgress);
                Duration waited = Duration.ofNanos(now - started);
                if (stalled.compareTo(STALLED) > 0 || waited.compareTo(AT_MOST) > 0) {
                    throw new AssertionError("consumer groups not caught up (" + lag + " records behind, no progress for "
                            + stalled.toSeconds() + " s, waited " + waited.toSeconds() + " s; group partition: committed/end): "
                            + lagging);
                }
                Thread.sleep(1_000);
            }
        }
    }
}
