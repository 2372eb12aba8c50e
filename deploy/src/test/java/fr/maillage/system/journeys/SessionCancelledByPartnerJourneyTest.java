package fr.maillage.system.journeys;

import static org.awaitility.Awaitility.await;
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

import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.SmsStub;
import fr.maillage.system.Tokens;

/**
 * Journey 4: a session is cancelled by the partner (its date removed from the schedule): all its
 * bookings are cancelled by the service, every participant is told, and no reminder for it is sent.
 */
class SessionCancelledByPartnerJourneyTest {

    @Test
    void everyParticipantIsToldAndNoReminderFollows() {
        String offerId = UUID.randomUUID().toString();
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(4);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_CCAS_BOIGNY"), Demo.id("PARTNER_CCAS_BOIGNY"),
                "atelier_collectif", 5, 60, List.of(new AdHocOffers.Session(day, LocalTime.of(14, 0), LocalTime.of(15, 0))));
        String slotId = (String) AdHocOffers.publish(offerId, offer, 1).get(0).get("id");

        // the commune's website (the CCAS's partner application) books for citizens, reads and changes its own offer
        String ccasApp = Tokens.partnerApp(Demo.id("PARTNER_CCAS_BOIGNY"));
        List<People.Mobile> participants = new ArrayList<>();
        List<String> bookingIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            People.Mobile mobile = People.newMobile();
            participants.add(mobile);
            bookingIds.add(Gateway.given().auth().oauth2(ccasApp).contentType("application/json").body(Map.of(
                    "slotId", slotId,
                    "person", Map.of("firstName", "Personne" + i, "phone", mobile.national(), "smsConsent", true, "emailConsent", false),
                    "need", Map.of("theme", "messagerie", "text", "Créer une adresse e-mail"),
                    "bookedBy", "citizen"))
                    .when().post("/api/v1/bookings").then().statusCode(201).extract().path("id"));
        }
        for (People.Mobile p : participants) {
            await().atMost(Duration.ofSeconds(60)).until(() -> SmsStub.to(p.e164()).size() == 1);
        }

        // the partner cancels that date
        offer.put("schedule", Map.of("oneOffs", ((Map<?, ?>) offer.get("schedule")).get("oneOffs"),
                "exceptions", List.of(day.toString()), "skipPublicHolidays", false));
        Gateway.given().auth().oauth2(ccasApp).contentType("application/json").body(offer).when().put("/api/v1/offers/" + offerId)
                .then().statusCode(200);

        // every booking is cancelled by the service, every participant told once
        for (String bookingId : bookingIds) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "cancelled_by_service".equals(Gateway.given().auth().oauth2(ccasApp).when().get("/api/v1/bookings/" + bookingId)
                            .then().statusCode(200).extract().path("status")));
        }
        for (People.Mobile p : participants) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> SmsStub.to(p.e164()).size() == 2);
            String last = SmsStub.to(p.e164()).get(1).text();
            assertTrue(last.contains("annulé"), "cancellation SMS expected: " + last);
        }
        assertEquals("cancelled", AdHocOffers.slot(slotId).get("status"));

        // no reminder is left to be sent for these bookings
        for (String bookingId : bookingIds) {
            List<Map<String, Object>> rows = Gateway.given().auth().oauth2(ccasApp).queryParam("bookingId", bookingId).when().get("/api/v1/notifications")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            List<Map<String, Object>> reminders = rows.stream().filter(r -> "booking_reminder".equals(r.get("template"))).toList();
            assertFalse(reminders.isEmpty(), "the host partner sees the reminders planned for its session: " + rows);
            assertTrue(reminders.stream().allMatch(r -> "skipped".equals(r.get("status"))), "reminders must be skipped: " + rows);
        }
    }
}
