package fr.maillage.system.staff;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.KafkaTail;
import fr.maillage.system.People;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.SmsStub;
import fr.maillage.system.Tokens;

/**
 * Issue 19, item 1: a shift was per 30-minute slot — one 2-hour permanence meant 4 assignments, 4 messages, 4
 * reminders. Now one assignment staffs the whole permanence (the contiguous slots of one offer at one place): one
 * ShiftAssigned carrying the permanence's bounds, one SMS « de 9 h 00 à 11 h 00 », and naming another slot of the same
 * permanence is the same permanence (409 for the same person).
 */
class ShiftPerPermanenceTest {
    private static final String HOST = Demo.id("PARTNER_CCAS_BOIGNY");
    private static final String PLACE = Demo.id("PLACE_CCAS_BOIGNY");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTwoHourPermanenceCutInThirtyMinuteSlotsIsOneShiftOneEventOneMessage() throws Exception {
        People.Mobile mobile = People.newMobile();
        String person = UUID.randomUUID().toString();
        Gateway.given().auth().oauth2(Tokens.partnerApp(HOST)).contentType("application/json").body(Map.of(
                "role", "benevole", "firstName", "Camille", "lastName", "Permanence (fictif)",
                "phone", mobile.national(), "notifySms", true, "notifyEmail", false, "placeIds", List.of(PLACE)))
                .when().put("/api/v1/people/" + person).then().statusCode(201);
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(4);
        Map<String, Object> offer = AdHocOffers.offer(PLACE, HOST, "permanence_individuelle", 1, 30,
                List.of(new AdHocOffers.Session(day, LocalTime.of(9, 0), LocalTime.of(11, 0))));
        List<Map<String, Object>> slots = new ArrayList<>(AdHocOffers.publish(UUID.randomUUID().toString(), offer, 4));
        slots.sort(Comparator.comparing(s -> OffsetDateTime.parse((String) s.get("start"))));
        String first = (String) slots.get(0).get("id");
        String third = (String) slots.get(2).get("id");
        String agent = Tokens.agent(HOST);

        // the four slots are one permanence, found by any of its slots
        Gateway.given().auth().oauth2(agent).when().get("/api/v1/permanences/" + third).then().statusCode(200)
                .body("id", equalTo(first)).body("slotIds", hasSize(4)).body("understaffed", equalTo(true));

        try (KafkaConsumer<String, String> shifts = KafkaTail.tail("booking.shifts.v1")) {
            // booking learns the person from directory.people.v1 a moment after the directory recorded them
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> Gateway.given()
                    .auth().oauth2(agent).contentType("application/json").body(Map.of("personId", person))
                    .when().post("/api/v1/permanences/" + first + "/shifts").statusCode() != 422);
            Gateway.given().auth().oauth2(agent).when().get("/api/v1/permanences/" + first + "/shifts").then()
                    .statusCode(200).body("", hasSize(1)).body("[0].personId", equalTo(person))
                    .body("[0].status", equalTo("assigned"));
            // another slot of the same permanence: the same permanence, already staffed by this person
            Gateway.given().auth().oauth2(agent).contentType("application/json").body(Map.of("personId", person))
                    .when().post("/api/v1/slots/" + third + "/shifts").then()
                    .statusCode(409).contentType(org.hamcrest.Matchers.startsWith("application/problem+json")).body("field", equalTo("personId"));

            // one SMS for the whole permanence, naming its bounds
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !SmsStub.to(mobile.e164()).isEmpty());
            List<JsonNode> assigned = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                for (ConsumerRecord<String, String> record : shifts.poll(Duration.ofMillis(300))) {
                    JsonNode event = JSON.readTree(record.value());
                    if ("ShiftAssigned".equals(event.path("type").asText())
                            && person.equals(event.path("data").path("personId").asText())) {
                        assigned.add(event.path("data"));
                    }
                }
            }
            assertEquals(1, assigned.size(), "one ShiftAssigned for the permanence: " + assigned);
            assertEquals(first, assigned.get(0).path("permanenceId").asText());
            assertEquals(LocalTime.of(9, 0), OffsetDateTime.parse(assigned.get(0).path("start").asText())
                    .atZoneSameInstant(ZoneId.of("Europe/Paris")).toLocalTime());
            assertEquals(LocalTime.of(11, 0), OffsetDateTime.parse(assigned.get(0).path("end").asText())
                    .atZoneSameInstant(ZoneId.of("Europe/Paris")).toLocalTime());
            List<SmsStub.Sms> sms = SmsStub.to(mobile.e164());
            assertEquals(1, sms.size(), "one message, not one per slot: " + sms);
            assertTrue(sms.get(0).text().contains("9 h 00") && sms.get(0).text().contains("11 h 00"),
                    "the message names the permanence's bounds: " + sms.get(0).text());
        }
        // the volunteer's list shows one shift with the permanence's bounds
        Gateway.asVolunteer(person).when().get("/api/v1/bookings/shifts").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].permanenceId", equalTo(first));
    }
}
