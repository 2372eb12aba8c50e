package fr.maillage.booking.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import fr.maillage.booking.events.SessionsPartitions;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Plays the offers service in tests: publishes offers.sessions.v1 events with a real KafkaProducer,
 * shaped by the agreed contract only, and waits until booking-service reflects them.
 */
public final class Sessions {
    public static final String TOPIC = "offers.sessions.v1";
    static final int PARTITIONS = 6;
    static final String BOOTSTRAP = "127.0.0.1:9092";
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final KafkaProducer<String, String> PRODUCER = producer();

    private Sessions() {
    }

    /** A mutable session snapshot: start from {@link #session}, tweak, then {@link #publish}. */
    public static final class Session {
        public final UUID id = UUID.randomUUID();
        public UUID offerId = UUID.randomUUID();
        public UUID partnerId = UUID.randomUUID();
        public UUID placeId = UUID.randomUUID();
        public OffsetDateTime start = OffsetDateTime.now(ZoneId.of("Europe/Paris")).plusDays(3).truncatedTo(ChronoUnit.MINUTES);
        public int durationMinutes = 45;
        public int capacity = 3;
        public String status = "planned";
        public String cancelReason;
        public List<String> allowedBookers = List.of("citizen", "agent", "partner_app");
        public int minDelayMinutes = 60;
        public int maxDelayDays = 60;
        public int cancelUntilMinutes = 120;
        public int rescheduleUntilMinutes = 120;
        public boolean waitingList = false;
        public List<UUID> staffIds = List.of();
        public List<String> themes = List.of("aide_demarches");
        public List<Integer> reminderOffsetsMinutes = List.of(2880, 120);
        public long version = 0;
        /** Issue 21: the place's commune and the zone offers names (null: an event from before, without timeZone). */
        public String inseeCode = "35243";
        public String timeZone = "Europe/Paris";

        public Session with(Consumer<Session> change) {
            change.accept(this);
            return this;
        }

        public Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", id);
            data.put("offerId", offerId);
            data.put("partnerId", partnerId);
            data.put("placeId", placeId);
            data.put("start", start.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            data.put("end", start.plusMinutes(durationMinutes).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            if (timeZone != null) {
                data.put("timeZone", timeZone);
            }
            data.put("capacity", capacity);
            data.put("status", status);
            data.put("cancelReason", cancelReason);
            data.put("offer", Map.of("title", "Aide aux démarches en ligne", "type", "permanence_individuelle",
                    "themes", themes));
            Map<String, Object> place = new LinkedHashMap<>();
            place.put("name", "Pôle socioculturel");
            place.put("street", "2 rue de la Mairie");
            place.put("postalCode", "35133");
            place.put("commune", "Romagné");
            place.put("inseeCode", inseeCode);
            place.put("phone", "+33299000000");
            data.put("place", place);
            data.put("staffIds", staffIds);
            data.put("bookingRules", Map.of("allowedBookers", allowedBookers, "minDelayMinutes", minDelayMinutes,
                    "maxDelayDays", maxDelayDays, "cancelUntilMinutes", cancelUntilMinutes,
                    "rescheduleUntilMinutes", rescheduleUntilMinutes, "waitingList", waitingList,
                    "reminderOffsetsMinutes", reminderOffsetsMinutes));
            return data;
        }
    }

    public static Session session() {
        return new Session();
    }

    /** Publishes the next version of the session and waits until the slot reflects it. */
    public static Session publish(Session session, String type) {
        session.version++;
        send(envelope(UUID.randomUUID(), type, session.version, session.data()), session.id);
        awaitVersionApplied(session);
        return session;
    }

    public static Session plan(Session session) {
        return publish(session, "SessionPlanned");
    }

    public static String envelope(UUID eventId, String type, long version, Object data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId);
        envelope.put("type", type);
        envelope.put("occurredAt", OffsetDateTime.now().toString());
        envelope.put("aggregateId", ((Map<?, ?>) data).get("id").toString());
        envelope.put("version", version);
        envelope.put("data", data);
        try {
            return JSON.writeValueAsString(envelope);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void send(String payload, UUID key) {
        // the consumer starts at the end of the topic: publishing before it holds all partitions would be missed
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> SessionsPartitions.assigned() == PARTITIONS);
        produce(TOPIC, key, payload);
    }

    static void produce(String topic, UUID key, String payload) {
        try {
            PRODUCER.send(new ProducerRecord<>(topic, key.toString(), payload)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    static int partitions(String topic) {
        return PRODUCER.partitionsFor(topic).size();
    }

    /** The slot shows the session's capacity, status and start once this version was applied. */
    private static void awaitVersionApplied(Session session) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var response = given().get("/api/v1/slots/" + session.id);
            if (response.statusCode() != 200) {
                return false;
            }
            String status = response.path("status");
            int capacity = response.path("capacity");
            OffsetDateTime start = OffsetDateTime.parse(response.path("start"));
            return status.equals("cancelled".equals(session.status) ? "cancelled" : session.status)
                    && capacity >= session.capacity && start.isEqual(session.start);
        });
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}
