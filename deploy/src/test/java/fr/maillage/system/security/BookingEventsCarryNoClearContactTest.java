package fr.maillage.system.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.Tokens;
import io.restassured.path.json.JsonPath;

/**
 * Issue 16, item 7: booking.bookings.v1 carried the person's first name, phone, e-mail and self-service link in clear to
 * any reader of the topic. Now a reader without notification-service's key (here: a plain Kafka client, like offers, a
 * partner feed or anyone on the broker) finds none of them in any event of a booking; they travel in one sealed member
 * {@code contact} ("s1.<keyId>.<…>", AES-256-GCM).
 */
class BookingEventsCarryNoClearContactTest {

    @Test
    void aKafkaReaderWithoutTheKeySeesNoContactDataNorLink() {
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(7);
        String partner = Demo.id("PARTNER_MISSION_LOCALE");
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_MISSION_LOCALE"), partner, "permanence_individuelle", 1, 30,
                List.of(new AdHocOffers.Session(day, LocalTime.of(10, 0), LocalTime.of(10, 30))));
        String slotId = (String) AdHocOffers.publish(UUID.randomUUID().toString(), offer, 1).get(0).get("id");
        String agent = Tokens.agent(partner);
        People.Mobile mobile = People.newMobile();
        String email = "kafka-" + UUID.randomUUID().toString().substring(0, 8) + "@exemple.fr";
        String firstName = "Scellée" + UUID.randomUUID().toString().substring(0, 4);

        try (KafkaConsumer<String, String> consumer = fr.maillage.system.KafkaTail.tail("booking.bookings.v1")) {
            JsonPath booking = Gateway.given().auth().oauth2(agent).contentType("application/json").body(Map.of(
                    "slotId", slotId,
                    "person", Map.of("firstName", firstName, "phone", mobile.national(), "email", email,
                            "smsConsent", true, "emailConsent", true),
                    "need", Map.of("theme", "aide_demarches", "text", "Lecture du sujet Kafka"),
                    "bookedBy", "agent"))
                    .when().post("/api/v1/bookings").then().statusCode(201).extract().jsonPath();
            String id = booking.getString("id");
            String link = booking.getString("selfServiceUrl");
            String token = link.substring(link.lastIndexOf('/') + 1);
            Gateway.given().auth().oauth2(agent).contentType("application/json").body(Map.of("cancelledBy", "service"))
                    .when().post("/api/v1/bookings/" + id + "/cancel").then().statusCode(200);

            List<String> events = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (events.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (id.equals(record.key())) {
                        events.add(record.value());
                    }
                }
            }
            assertTrue(events.size() >= 2, "BookingConfirmed and BookingCancelled read from the topic: " + events.size());
            for (String event : events) {
                for (String clear : List.of(mobile.e164(), mobile.e164().substring(3), email, firstName, token,
                        "/bookings/self/")) {
                    assertFalse(event.contains(clear), "in clear on booking.bookings.v1: " + clear + " in " + event);
                }
                assertTrue(event.contains("\"contact\":\"s1."), "the contact travels sealed: " + event);
            }
        }
    }
}
