package fr.maillage.system.staff;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Issue 19, item 2: a structure sees its permanences without staff, asks the volunteers whose roster covers it, each
 * gets one message with an answer link; the first acceptance becomes the shift, the other is told it is covered, and a
 * late acceptance is refused (409).
 */
class StaffingRequestTest {
    private static final String HOST = Demo.id("PARTNER_CCAS_BOIGNY");
    private static final String PLACE = Demo.id("PLACE_CCAS_BOIGNY");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DAYS = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    private static String volunteer(People.Mobile mobile) {
        String id = UUID.randomUUID().toString();
        Gateway.given().auth().oauth2(Tokens.partnerApp(HOST)).contentType("application/json").body(Map.of(
                "role", "benevole", "firstName", "Dominique", "lastName", "Sollicité (fictif)",
                "phone", mobile.national(), "notifySms", true, "notifyEmail", false, "placeIds", List.of(PLACE)))
                .when().put("/api/v1/people/" + id).then().statusCode(201);
        return id;
    }

    @Test
    void theFirstAcceptanceStaffsThePermanenceTheOtherIsToldItIsCovered() throws Exception {
        LocalDate day = LocalDate.now(PARIS).plusDays(9);
        Map<String, Object> offer = AdHocOffers.offer(PLACE, HOST, "permanence_individuelle", 1, 60,
                List.of(new AdHocOffers.Session(day, LocalTime.of(14, 0), LocalTime.of(16, 0))));
        List<Map<String, Object>> slots = AdHocOffers.publish(UUID.randomUUID().toString(), offer, 2);
        String agent = Tokens.agent(HOST);
        String permanence = Gateway.given().auth().oauth2(agent).when().get("/api/v1/permanences/" + slots.get(0).get("id"))
                .then().statusCode(200).body("understaffed", equalTo(true)).extract().path("id");
        Gateway.given().auth().oauth2(agent).queryParam("understaffed", true)
                .queryParam("from", day.atStartOfDay(PARIS).toOffsetDateTime().toString())
                .queryParam("to", day.plusDays(1).atStartOfDay(PARIS).toOffsetDateTime().toString())
                .when().get("/api/v1/permanences").then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(permanence));

        People.Mobile firstMobile = People.newMobile();
        People.Mobile secondMobile = People.newMobile();
        String first = volunteer(firstMobile);
        String second = volunteer(secondMobile);
        String weekday = DAYS.get(day.getDayOfWeek().getValue() - 1);
        for (String person : List.of(first, second)) {
            Map<String, Object> roster = Map.of("weekly", List.of(Map.of("day", weekday, "start", "13:30", "end", "17:00")),
                    "excludedMonths", List.of(), "themes", List.of("aide_demarches"));
            // the volunteer sets their own availability (booking learns them from the directory a moment later)
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> Gateway.asVolunteer(person)
                    .contentType("application/json").body(roster).when().put("/api/v1/staff/" + person + "/availability")
                    .statusCode() == 200);
        }
        Gateway.given().auth().oauth2(agent).when().get("/api/v1/permanences/" + permanence + "/candidates").then()
                // (hasItems: the demo's own volunteers of this structure may have rosters covering it too)
                .statusCode(200).body("personId", org.hamcrest.Matchers.hasItems(first, second));

        try (KafkaConsumer<String, String> events = KafkaTail.tail("booking.shifts.v1")) {
            List<String> ids = Gateway.given().auth().oauth2(agent).contentType("application/json")
                    .body(Map.of("personIds", List.of(first, second)))
                    .when().post("/api/v1/permanences/" + permanence + "/staffing-requests").then().statusCode(201)
                    .body("requests", hasSize(2)).extract().path("requests.id");
            // each gets one message with the answer link; the link never travels in clear on Kafka
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !SmsStub.to(firstMobile.e164()).isEmpty() && !SmsStub.to(secondMobile.e164()).isEmpty());
            String firstLink = link(SmsStub.to(firstMobile.e164()));
            String secondLink = link(SmsStub.to(secondMobile.e164()));
            String firstToken = firstLink.substring(firstLink.lastIndexOf('/') + 1);
            String secondToken = secondLink.substring(secondLink.lastIndexOf('/') + 1);

            Gateway.given().when().get("/api/v1/staffing-requests/by-token/" + firstToken).then().statusCode(200)
                    .body("status", equalTo("pending")).body("permanence.id", equalTo(permanence));
            String shiftId = Gateway.given().contentType("application/json").body(Map.of("answer", "accept"))
                    .when().post("/api/v1/staffing-requests/by-token/" + firstToken + "/answer").then().statusCode(200)
                    .body("status", equalTo("accepted")).extract().path("shiftId");
            // the second is told it is covered; their late acceptance is refused
            Gateway.asVolunteer(second).queryParam("permanenceId", permanence).when().get("/api/v1/staffing-requests")
                    .then().statusCode(200).body("items[0].status", equalTo("covered"));
            Gateway.given().contentType("application/json").body(Map.of("answer", "accept"))
                    .when().post("/api/v1/staffing-requests/by-token/" + secondToken + "/answer").then()
                    .statusCode(409).contentType(org.hamcrest.Matchers.startsWith("application/problem+json")).body("field", equalTo("answer"));
            Gateway.given().auth().oauth2(agent).when().get("/api/v1/permanences/" + permanence).then().statusCode(200)
                    .body("understaffed", equalTo(false)).body("staff", hasSize(1)).body("staff[0].personId", equalTo(first))
                    .body("staff[0].shiftId", equalTo(shiftId)).body("pendingRequests", equalTo(0));

            List<JsonNode> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(300))) {
                    assertFalse(record.value().contains("/benevole/reponse/"), "the answer link is sealed on Kafka");
                    seen.add(JSON.readTree(record.value()));
                }
                return seen.stream().anyMatch(e -> "StaffingRequestCovered".equals(e.path("type").asText())
                        && second.equals(e.path("data").path("personId").asText()));
            });
            assertEquals(2, seen.stream().filter(e -> "StaffingRequested".equals(e.path("type").asText())
                    && ids.contains(e.path("aggregateId").asText())).count());
            assertTrue(seen.stream().anyMatch(e -> "ShiftAssigned".equals(e.path("type").asText())
                    && shiftId.equals(e.path("aggregateId").asText())));
        }
        // the first volunteer now has the shift
        Gateway.asVolunteer(first).when().get("/api/v1/bookings/shifts").then().statusCode(200)
                .body("items.permanenceId", org.hamcrest.Matchers.hasItem(permanence));
    }

    /** The answer link in the one SMS the person got. */
    private static String link(List<SmsStub.Sms> sms) {
        assertEquals(1, sms.size(), "one message per person: " + sms);
        java.util.regex.Matcher url = java.util.regex.Pattern.compile("https?://\\S+/benevole/reponse/[A-Za-z0-9_-]+")
                .matcher(sms.get(0).text());
        assertTrue(url.find(), "the message holds the answer link: " + sms.get(0).text());
        return url.group();
    }
}
