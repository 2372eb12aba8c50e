package fr.maillage.system.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.SmsStub;
import fr.maillage.system.Tokens;

/**
 * Issue 16, item 7, consumer side: notification-service reads the booking's contact from the sealed {@code contact} of
 * booking.bookings.v1 (the SMS reaches the person with the self-service link although no event carries the number or
 * the link in clear), and an event whose contact no key opens (forged, or sealed with a foreign key) is parked on
 * notification.dlq.v1 — never applied, its sealed value in no log line. Before, notification ignored {@code contact}:
 * such an event was consumed silently and nothing went to the DLQ.
 */
class SealedContactReadByNotificationOnlyTest {

    @Test
    void theSmsCarriesTheLinkOpenedFromTheSealedContact() {
        String host = Demo.id("PARTNER_CCAS_MARIGNY");
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(5);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_CCAS_MARIGNY"), host, "permanence_individuelle", 1, 30,
                List.of(new AdHocOffers.Session(day, LocalTime.of(16, 0), LocalTime.of(16, 30))));
        String slotId = (String) AdHocOffers.publish(UUID.randomUUID().toString(), offer, 1).get(0).get("id");
        People.Mobile mobile = People.newMobile();
        String link = Gateway.given().auth().oauth2(Tokens.agent(host)).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", "Scellé", "phone", mobile.national(), "smsConsent", true, "emailConsent", false),
                "need", Map.of("theme", "aide_demarches", "text", "Contact scellé"),
                "bookedBy", "agent"))
                .when().post("/api/v1/bookings").then().statusCode(201).extract().path("selfServiceUrl");
        String token = link.substring(link.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !SmsStub.to(mobile.e164()).isEmpty());
        String text = SmsStub.to(mobile.e164()).get(0).text();
        assertTrue(text.contains(token), "the confirmation SMS carries the self-service link: " + text);
    }

    @Test
    void anEventWhoseContactCannotBeOpenedIsDeadLetteredAndNeverLogged() throws Exception {
        String booking = UUID.randomUUID().toString();
        byte[] junk = new byte[48];
        new java.security.SecureRandom().nextBytes(junk);
        String forged = "s1.1." + Base64.getUrlEncoder().withoutPadding().encodeToString(junk);
        // RFC 3339 with seconds always (toString drops ":00"): the event must pass the contract, only its contact is bad
        String start = OffsetDateTime.now().plusDays(4).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String now = OffsetDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String event = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"BookingConfirmed\",\"occurredAt\":\""
                + now + "\",\"aggregateId\":\"" + booking + "\",\"version\":1,\"data\":{\"id\":\""
                + booking + "\",\"slotId\":\"" + UUID.randomUUID() + "\",\"status\":\"confirmed\",\"start\":\"" + start
                + "\",\"end\":\"" + start + "\",\"bookedBy\":\"agent\",\"contact\":\"" + forged + "\",\"partnerId\":\""
                + Demo.id("PARTNER_CCAS_MARIGNY") + "\",\"bookerOrg\":\"" + Demo.id("PARTNER_CCAS_MARIGNY") + "\"}}";
        try (KafkaConsumer<String, String> dlq = fr.maillage.system.KafkaTail.tail("notification.dlq.v1")) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("maillage.kafka", "127.0.0.1:9092"));
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
                producer.send(new ProducerRecord<>("booking.bookings.v1", booking, event)).get();
            }
            List<ConsumerRecord<String, String>> parked = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parked.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && r.value().contains(booking)) {
                        parked.add(r);
                    }
                }
            }
            assertEquals(1, parked.size(), "the event is parked on notification.dlq.v1");
        }
        Path log = Path.of(System.getenv().getOrDefault("MAILLAGE_RUN", ".run"), "logs", "notification.log");
        if (Files.isReadable(log)) {
            String content = Files.readString(log);
            assertFalse(content.contains(forged.substring(5, 40)), "the sealed value is not logged");
        }
    }
}
