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
import java.util.HashMap;
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
import fr.maillage.system.SmsStub;
import fr.maillage.system.Tokens;

/**
 * Issue 19, item 3: a structure closes a place for two days. Before confirming, the preview lists the sessions, the
 * bookings (one moved to the next equivalent slot, one cancelled) and the shift; once confirmed, the booking moved gets
 * a BookingRescheduled with the reason and a message, the booking cancelled a BookingCancelled with the reason and a
 * link to book again (and a message), the volunteer's shift is removed, a booking on a closed slot is refused and the
 * offers service shows the session as not bookable. The place is the test's own (created here), so that no demo
 * session is touched.
 */
class AbsenceAndClosureTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String HOST = Demo.id("PARTNER_CCAS_MARIGNY");
    private static final String REASON = "Fermeture exceptionnelle du lieu : travaux";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPlaceClosureMovesOrCancelsTheBookingsRemovesTheShiftAndClosesTheSessions() throws Exception {
        String partnerApp = Tokens.partnerApp(HOST);
        String agent = Tokens.agent(HOST);
        String place = UUID.randomUUID().toString();
        Gateway.given().auth().oauth2(partnerApp).contentType("application/json").body(Map.of(
                "partnerId", HOST, "name", "Salle d'essai des fermetures",
                "address", Map.of("street", "1 place de l'Église", "postalCode", "45760", "inseeCode", "45197"),
                "latitude", 47.9566, "longitude", 1.9803, "itinerance", "Fixe",
                "services", List.of("Aide aux démarches administratives")))
                .when().put("/api/v1/places/" + place).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        String volunteer = UUID.randomUUID().toString();
        Gateway.given().auth().oauth2(partnerApp).contentType("application/json").body(Map.of(
                "role", "benevole", "firstName", "Alix", "lastName", "Fermeture (fictif)",
                "phone", People.newMobile().national(), "notifySms", false, "notifyEmail", false,
                "placeIds", List.of(place)))
                .when().put("/api/v1/people/" + volunteer).then().statusCode(201);

        // day 1: a permanence 09:00-10:00 cut in two 30-minute slots; day 2: one slot; day 3 (open): one slot, one seat
        LocalDate day1 = LocalDate.now(PARIS).plusDays(4);
        Map<String, Object> offer = AdHocOffers.offer(place, HOST, "permanence_individuelle", 1, 30, List.of(
                new AdHocOffers.Session(day1, LocalTime.of(9, 0), LocalTime.of(10, 0)),
                new AdHocOffers.Session(day1.plusDays(1), LocalTime.of(9, 0), LocalTime.of(9, 30)),
                new AdHocOffers.Session(day1.plusDays(2), LocalTime.of(9, 0), LocalTime.of(9, 30))));
        String offerId = UUID.randomUUID().toString();
        // offers learns the new place from directory.places.v1 a moment after the directory stored it
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> Gateway.given()
                .auth().oauth2(partnerApp).contentType("application/json").body(offer).when()
                .put("/api/v1/offers/" + offerId).statusCode() < 300);
        List<Map<String, Object>> slots = new ArrayList<>(AdHocOffers.publish(offerId, offer, 4));
        slots.sort(Comparator.comparing(s -> OffsetDateTime.parse((String) s.get("start"))));
        String first = (String) slots.get(0).get("id");
        String second = (String) slots.get(1).get("id");
        String nextDay = (String) slots.get(2).get("id");
        String later = (String) slots.get(3).get("id");

        People.Mobile moved = People.newMobile();
        People.Mobile cancelled = People.newMobile();
        String movedId = book(first, moved, "Aline").then().statusCode(201).extract().path("id");
        String cancelledId = book(second, cancelled, "Bruno").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> Gateway.given()
                .auth().oauth2(agent).contentType("application/json").body(Map.of("personId", volunteer))
                .when().post("/api/v1/slots/" + first + "/shifts").statusCode() == 201);
        String shiftId = Gateway.given().auth().oauth2(agent).when().get("/api/v1/slots/" + first + "/shifts").then()
                .statusCode(200).extract().path("[0].id");

        Map<String, Object> closure = new HashMap<>(Map.of("placeId", place, "from", day1.toString(),
                "to", day1.plusDays(1).toString(), "reason", "travaux"));
        // the preview: three sessions, one booking moved (to day 3), one cancelled (day 3 is then full), the shift
        Gateway.given().auth().oauth2(agent).contentType("application/json").body(closure)
                .when().post("/api/v1/absences/preview").then().statusCode(200)
                .body("sessions", hasSize(3)).body("sessions[0].slotId", equalTo(first))
                .body("sessions[0].permanenceId", equalTo(first)).body("sessions[1].permanenceId", equalTo(first))
                .body("sessions[2].slotId", equalTo(nextDay))
                .body("bookings", hasSize(2))
                .body("bookings[0].bookingId", equalTo(movedId)).body("bookings[0].outcome", equalTo("moved"))
                .body("bookings[0].movedTo.slotId", equalTo(later))
                .body("bookings[1].bookingId", equalTo(cancelledId)).body("bookings[1].outcome", equalTo("cancelled"))
                .body("shifts", hasSize(1)).body("shifts[0].shiftId", equalTo(shiftId));
        Gateway.given().when().get("/api/v1/slots/" + second).then().body("closed", equalTo(false));

        try (KafkaConsumer<String, String> bookings = KafkaTail.tail("booking.bookings.v1")) {
            String absenceId = Gateway.given().auth().oauth2(agent).contentType("application/json").body(closure)
                    .when().post("/api/v1/absences").then().statusCode(201).body("status", equalTo("active"))
                    .body("effects.bookings", hasSize(2)).extract().path("id");

            List<JsonNode> seen = new ArrayList<>();
            JsonNode rescheduled = event(bookings, seen, movedId, "BookingRescheduled");
            assertEquals(REASON, rescheduled.path("reason").asText());
            assertEquals(absenceId, rescheduled.path("absenceId").asText());
            assertEquals(later, rescheduled.path("slotId").asText());
            JsonNode cancel = event(bookings, seen, cancelledId, "BookingCancelled");
            assertEquals("cancelled_by_service", cancel.path("status").asText());
            assertEquals(REASON, cancel.path("reason").asText());
            assertTrue(cancel.path("rebookUrl").asText().endsWith("/offres/" + offerId), cancel.toString());
        }
        // each person is told: the move with the reason, the cancellation with the link to book again
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> SmsStub.to(moved.e164())
                .stream().anyMatch(sms -> sms.text().contains("travaux")));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> SmsStub.to(cancelled.e164())
                .stream().anyMatch(sms -> sms.text().contains("/offres/" + offerId)));

        // the shift is removed, with the reason
        Gateway.given().auth().oauth2(agent).when().get("/api/v1/slots/" + first + "/shifts").then().statusCode(200)
                .body("find { it.id == '" + shiftId + "' }.status", equalTo("cancelled"))
                .body("find { it.id == '" + shiftId + "' }.cancelReason", equalTo(REASON));
        // a closed slot is refused like a cancelled one
        book(nextDay, People.newMobile(), "Chloé").then().statusCode(409).contentType("application/problem+json")
                .body("field", equalTo("slotId"));
        // the offers service shows the session as not bookable, with the reason
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<Map<String, Object>> sessions = Gateway.given().queryParam("from", day1.atStartOfDay(PARIS).toOffsetDateTime().toString())
                    .queryParam("to", day1.plusDays(3).atStartOfDay(PARIS).toOffsetDateTime().toString())
                    .when().get("/api/v1/offers/" + offerId + "/sessions").then().statusCode(200).extract().jsonPath()
                    .getList("items");
            return sessions.stream().filter(s -> nextDay.equals(s.get("id"))).anyMatch(s -> "cancelled".equals(s.get("status"))
                    && REASON.equals(s.get("cancelReason")))
                    && sessions.stream().filter(s -> later.equals(s.get("id"))).anyMatch(s -> "planned".equals(s.get("status")));
        });
    }

    private static io.restassured.response.Response book(String slotId, People.Mobile mobile, String firstName) {
        return Gateway.given().auth().oauth2(Tokens.partnerApp(HOST)).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", firstName, "phone", mobile.national(), "smsConsent", true, "emailConsent", false),
                "need", Map.of("theme", "aide_demarches"),
                "bookedBy", "citizen"))
                .when().post("/api/v1/bookings");
    }

    /** The data of the first event of that type about that booking on the tailed topic (≤ 20 s); keeps what it read. */
    private static JsonNode event(KafkaConsumer<String, String> consumer, List<JsonNode> seen, String bookingId,
            String type) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            for (JsonNode json : seen) {
                if (bookingId.equals(json.path("aggregateId").asText()) && type.equals(json.path("type").asText())) {
                    return json.path("data");
                }
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                seen.add(JSON.readTree(record.value()));
            }
        } while (System.nanoTime() < end);
        throw new AssertionError(type + " of booking " + bookingId + " not seen on booking.bookings.v1");
    }
}
