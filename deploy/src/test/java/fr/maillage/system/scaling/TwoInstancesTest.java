package fr.maillage.system.scaling;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Bookings;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.Infra;
import fr.maillage.system.People;
import fr.maillage.system.ServiceProcess;
import fr.maillage.system.SmsStub;
import fr.maillage.system.Tokens;
import io.restassured.RestAssured;

/**
 * Horizontal scaling is correct, not just configured: a second instance of a service, on another port,
 * on the same database and the same broker as the running one.
 *  - two notification-service instances share the due notifications (FOR UPDATE SKIP LOCKED): every
 *    confirmation goes out exactly once; then, the first instance stopped, the second alone consumes the
 *    next bookings' events and sends their confirmations (under its own SMS sender name, so the provider's
 *    journal tells who sent what): it did the work, it did not merely run;
 *  - two directory-service outbox relays never publish one aggregate's events out of order, and once the
 *    first instance is stopped the second one's relay publishes the changes the second instance answered.
 * The first instance is started again (deploy/services.sh) before the test ends.
 */
class TwoInstancesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The second notification instance's SMS sender name (SMS_SENDER; the first one sends as "Maillage"). */
    private static final String SECOND_SENDER = "Maillage2";

    @Test
    void twoNotificationInstancesNeverSendTwice() throws Exception {
        String offerId = UUID.randomUUID().toString();
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(7);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_MAIRIE_CORBIE"), Demo.id("PARTNER_VAL_DE_SOMME"),
                "atelier_collectif", 200, 60, List.of(new AdHocOffers.Session(day, LocalTime.of(10, 0), LocalTime.of(11, 0))));
        String slotId = (String) AdHocOffers.publish(offerId, offer, 1).get(0).get("id");

        try (ServiceProcess second = ServiceProcess.start("notification", "notification-second", 18084,
                Map.of("SMS_URL", System.getProperty("maillage.smsstub.url", "http://127.0.0.1:8089"),
                        "MAILLAGE_NOTIFICATION_QUIET_HOURS_ENABLED", "false", "SMS_SENDER", SECOND_SENDER))) {
            List<People.Mobile> people = book(slotId, 150);
            Map<String, List<SmsStub.Sms>> sent = awaitOneSmsEach(people);
            long bySecond = sent.values().stream().filter(sms -> SECOND_SENDER.equals(sms.get(0).from())).count();

            // The first instance away: the second must take over its partitions of booking.bookings.v1 and send alone.
            Infra.run("./services.sh", "stop", "notification");
            try {
                List<People.Mobile> later = book(slotId, 20);
                Map<String, List<SmsStub.Sms>> sentLater = awaitOneSmsEach(later);
                List<String> notBySecond = sentLater.entrySet().stream()
                        .filter(e -> !SECOND_SENDER.equals(e.getValue().get(0).from()))
                        .map(e -> e.getKey() + " from " + e.getValue().get(0).from()).toList();
                assertEquals(List.of(), notBySecond, "with the first instance stopped, only the second can have sent"
                        + " (it had sent " + bySecond + " of the first 150)");
            } finally {
                Infra.run("./services.sh", "start", "notification");
            }
        }
    }

    private static List<People.Mobile> book(String slotId, int count) {
        List<People.Mobile> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            People.Mobile mobile = People.newMobile();
            assertEquals(201, Bookings.book(slotId, mobile, "Deux").statusCode());
            people.add(mobile);
        }
        return people;
    }

    /** Waits until each person has an SMS, then a little more for a late duplicate: exactly one SMS each. */
    private static Map<String, List<SmsStub.Sms>> awaitOneSmsEach(List<People.Mobile> people) throws InterruptedException {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            var reached = SmsStub.all().stream().map(SmsStub.Sms::to).collect(Collectors.toSet());
            return people.stream().allMatch(p -> reached.contains(p.e164()));
        });
        Thread.sleep(5_000);
        Map<String, List<SmsStub.Sms>> perPhone = SmsStub.all().stream().collect(Collectors.groupingBy(SmsStub.Sms::to));
        Map<String, List<SmsStub.Sms>> ours = new java.util.TreeMap<>();
        for (People.Mobile p : people) {
            List<SmsStub.Sms> sms = perPhone.get(p.e164());
            assertEquals(1, sms.size(), "SMS to " + p.e164() + ": " + sms);
            ours.put(p.e164(), sms);
        }
        return ours;
    }

    @Test
    void twoDirectoryRelaysKeepEachAggregatesOrder() throws Exception {
        String placeId = UUID.randomUUID().toString();
        Map<String, Object> place = new java.util.HashMap<>(Map.of(
                "partnerId", Demo.id("PARTNER_VAL_DE_SOMME"), "name", "Lieu de test 0",
                "address", Map.of("street", "1 place de la République", "postalCode", "80800", "inseeCode", "80212"),
                "latitude", 49.9089, "longitude", 2.5093,
                "itinerance", "Fixe", "services", List.of("Aide aux démarches administratives")));
        String partnerApp = Tokens.partnerApp(Demo.id("PARTNER_VAL_DE_SOMME"));
        try (ServiceProcess second = ServiceProcess.start("directory", "directory-second", 18081, Map.of())) {
            for (int i = 0; i < 40; i++) {
                place.put("name", "Lieu de test " + i);
                String base = i % 2 == 0 ? Gateway.URL : second.baseUri();
                RestAssured.given().baseUri(base).auth().oauth2(partnerApp).contentType("application/json").body(place)
                        .when().put("/api/v1/places/" + placeId).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            }
            List<Long> versions = versionsOnTopic(placeId, 40);
            List<Long> sorted = new ArrayList<>(versions);
            sorted.sort(null);
            assertEquals(sorted, versions, "events of one place must reach Kafka in version order");
            assertEquals(40, versions.stream().distinct().count(), "every change published: " + versions);

            // The first instance away: only the second instance's relay can publish what the second instance answers.
            Infra.run("./services.sh", "stop", "directory");
            try {
                for (int i = 40; i < 50; i++) {
                    place.put("name", "Lieu de test " + i);
                    RestAssured.given().baseUri(second.baseUri()).auth().oauth2(partnerApp).contentType("application/json").body(place)
                            .when().put("/api/v1/places/" + placeId).then().statusCode(200);
                }
                List<Long> all = versionsOnTopic(placeId, 50);
                List<Long> allSorted = new ArrayList<>(all);
                allSorted.sort(null);
                assertEquals(allSorted, all, "events of one place must reach Kafka in version order");
                assertEquals(50, all.size(), "the second instance's relay published the 10 changes made while the first was"
                        + " stopped: " + all);
            } finally {
                Infra.run("./services.sh", "start", "directory");
            }
        }
    }

    private static List<Long> versionsOnTopic(String placeId, int expected) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "two-instances-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Long> versions = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("directory.places.v1"));
            long deadline = System.currentTimeMillis() + 60_000;
            while (versions.stream().distinct().count() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (placeId.equals(r.key())) {
                        JsonNode event = JSON.readTree(r.value());
                        versions.add(event.path("version").asLong());
                    }
                }
            }
        }
        // a relay may republish a batch whose acknowledgement it did not see: duplicates are allowed
        // (consumers deduplicate on eventId), reordering is not
        List<Long> firstSeen = new ArrayList<>();
        for (Long v : versions) {
            if (!firstSeen.contains(v)) {
                firstSeen.add(v);
            }
        }
        return firstSeen;
    }
}
