package fr.maillage.system.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.Tokens;
import io.restassured.response.Response;

/**
 * Issue 16, item 2 (booking's side): an offer accepted 10,000 reminderOffsetsMinutes and one booking then queued 40
 * reminders. Whatever reaches booking-service, a slot — hence each of its bookings — carries at most 5 distinct reminder
 * offsets; offers-service refuses such a list outright (400/422 naming bookingRules.reminderOffsetsMinutes).
 */
class ReminderFloodTest {

    @Test
    void aBookingNeverGetsMoreThanFiveDistinctReminders() {
        String partner = Demo.id("PARTNER_ROMAGNE");
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(10);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_ROMAGNE"), partner, "permanence_individuelle", 2, 30,
                List.of(new AdHocOffers.Session(day, LocalTime.of(15, 0), LocalTime.of(15, 30))));
        List<Integer> flood = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            flood.add(60 * (1 + i % 20)); // 40 offsets, each twice
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = new HashMap<>((Map<String, Object>) offer.get("bookingRules"));
        rules.put("reminderOffsetsMinutes", flood);
        offer.put("bookingRules", rules);
        String offerId = UUID.randomUUID().toString();
        Response put = Gateway.given().auth().oauth2(Tokens.partnerApp(partner)).contentType("application/json").body(offer)
                .when().put("/api/v1/offers/" + offerId);
        if (put.statusCode() == 400 || put.statusCode() == 422) {
            assertTrue(put.getContentType().startsWith("application/problem+json"), put.asString());
            assertTrue(put.asString().contains("reminderOffsetsMinutes"), "names the list: " + put.asString());
            return;
        }
        assertTrue(put.statusCode() == 200 || put.statusCode() == 201, put.asString());
        Gateway.given().auth().oauth2(Tokens.partnerApp(partner)).when().post("/api/v1/offers/" + offerId + "/publish")
                .then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> AdHocOffers.slots(offerId).size() == 1);
        @SuppressWarnings("unchecked")
        List<Integer> offsets = (List<Integer>) ((Map<String, Object>) AdHocOffers.slots(offerId).get(0).get("bookingRules"))
                .get("reminderOffsetsMinutes");
        assertTrue(offsets.size() <= 5, "at most 5 reminders per booking: " + offsets);
        assertEquals(offsets.size(), offsets.stream().distinct().count(), "distinct: " + offsets);
    }
}
