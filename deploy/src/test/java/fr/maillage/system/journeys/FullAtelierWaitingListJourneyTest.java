package fr.maillage.system.journeys;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.restassured.path.json.JsonPath;

/**
 * Journey 3: the atelier is full; the next citizen is waitlisted; one participant cancels through the
 * self-service link; the waitlisted person is promoted and told by SMS; nobody is ever above capacity.
 */
class FullAtelierWaitingListJourneyTest {

    @Test
    void aFreedSeatGoesToTheFirstWaitingPersonWhoIsToldBySms() {
        String offerId = UUID.randomUUID().toString();
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(3);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_ROMAGNE"), Demo.id("PARTNER_ROMAGNE"), "atelier_collectif", 2, 90,
                List.of(new AdHocOffers.Session(day, LocalTime.of(10, 0), LocalTime.of(11, 30))));
        String slotId = (String) AdHocOffers.publish(offerId, offer, 1).get(0).get("id");

        // citizens book on the commune's website (Romagné's partner application)
        String romagneApp = Tokens.partnerApp(Demo.id("PARTNER_ROMAGNE"));
        List<People.Mobile> people = new ArrayList<>();
        List<JsonPath> bookings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            People.Mobile mobile = People.newMobile();
            people.add(mobile);
            bookings.add(Gateway.given().auth().oauth2(romagneApp).contentType("application/json").body(Map.of(
                    "slotId", slotId,
                    "person", Map.of("firstName", "Participant" + i, "phone", mobile.national(), "smsConsent", true, "emailConsent", false),
                    "need", Map.of("theme", "smartphone", "text", "Prendre en main mon téléphone"),
                    "bookedBy", "citizen"))
                    .when().post("/api/v1/bookings").then().statusCode(201).extract().jsonPath());
        }
        assertEquals("confirmed", bookings.get(0).getString("status"));
        assertEquals("confirmed", bookings.get(1).getString("status"));
        assertEquals("waitlisted", bookings.get(2).getString("status"), "the third person must wait: the atelier has 2 seats");
        Map<String, Object> full = AdHocOffers.slot(slotId);
        assertEquals(2, ((Number) full.get("confirmed")).intValue());
        assertEquals(1, ((Number) full.get("waitlisted")).intValue());

        // the first participant cancels with the token of their confirmation's link (the page /rdv/{token} since issue 17;
        // the same token works on the API)
        String link = bookings.get(0).getString("selfServiceUrl");
        Gateway.given().when().delete("/api/v1/bookings/self/" + link.substring(link.lastIndexOf('/') + 1))
                .then().statusCode(200).body("status", equalTo("cancelled_by_citizen"));

        // the waiting person now holds the seat, and nobody is above capacity
        String promotedId = bookings.get(2).getString("id");
        Gateway.given().auth().oauth2(romagneApp).when().get("/api/v1/bookings/" + promotedId).then().statusCode(200).body("status", equalTo("confirmed"));
        Map<String, Object> after = AdHocOffers.slot(slotId);
        assertEquals(2, ((Number) after.get("confirmed")).intValue(), "capacity is 2: " + after);
        assertEquals(0, ((Number) after.get("waitlisted")).intValue());

        // ... and is told by SMS (after the waiting-list SMS they got when they booked)
        People.Mobile promoted = people.get(2);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> SmsStub.to(promoted.e164()).size() >= 2);
        List<SmsStub.Sms> sms = SmsStub.to(promoted.e164());
        assertEquals(2, sms.size(), "the waiting-list SMS and the promotion SMS, nothing else: " + sms);
        // both were due within a second of each other and the worker sends in parallel: order not asserted
        assertTrue(sms.stream().anyMatch(s -> s.text().contains("attente")), "waiting-list SMS expected: " + sms);
        assertTrue(sms.stream().anyMatch(s -> s.text().contains("libérée")), "the promotion SMS should say a seat was freed: " + sms);
    }
}
