package fr.maillage.system.journeys;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.SmsStub;
import fr.maillage.system.Tokens;

/**
 * Journey 2: a mairie secretary in the Val de Somme books a seat for a senior without an email at the
 * itinerant permanence serving her commune: SMS only. The volunteer staffing that permanence is
 * assigned and receives a shift reminder the day before. To run in minutes rather than a day, the
 * journey plans its own session of that permanence for tomorrow, a few minutes after this time, so
 * the "day before" reminder falls due a few minutes from now.
 */
class ValDeSommeAgentAndVolunteerJourneyTest {
    private static final String FOUILLOY = "80338";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void secretaryBooksSmsOnlyAndTheVolunteerIsRemindedTheDayBefore() {
        // the demo's itinerant permanence serves Fouilloy, although it is held in neighbouring mairies
        Gateway.given().queryParam("near", FOUILLOY).queryParam("radiusKm", 5).when().get("/api/v1/offers")
                .then().statusCode(200).body("items.id", hasItem(Demo.id("OFFER_ITINERANTE_SOMME")));

        // a volunteer of the permanence, registered in the directory by the communauté de communes' application,
        // who wants SMS reminders
        String valDeSomme = Demo.id("PARTNER_VAL_DE_SOMME");
        People.Mobile volunteerMobile = People.newMobile();
        String volunteerId = UUID.randomUUID().toString();
        Gateway.asPartnerApp(valDeSomme).contentType("application/json").body(Map.of(
                "role", "benevole", "firstName", "Alix", "lastName", "Bénévole (fictif)",
                "phone", volunteerMobile.national(), "notifySms", true, "notifyEmail", false,
                "placeIds", List.of(Demo.id("PLACE_MAIRIE_FOUILLOY"))))
                .when().put("/api/v1/people/" + volunteerId).then().statusCode(201);

        // tomorrow's session of the itinerant permanence, starting in 24 h + a few minutes, so that the day-before
        // reminder is due in a few minutes. A session ends on the day it starts: late in the evening it is shortened
        // to end at midnight, and in the last 10 minutes of the day it starts at the next midnight instead.
        ZonedDateTime start = ZonedDateTime.now(PARIS).plusHours(24).plusMinutes(2).truncatedTo(ChronoUnit.MINUTES);
        long beforeMidnight = ChronoUnit.MINUTES.between(start, start.toLocalDate().plusDays(1).atStartOfDay(PARIS));
        if (beforeMidnight < 10) {
            start = start.toLocalDate().plusDays(1).atStartOfDay(PARIS);
            beforeMidnight = 24 * 60;
        }
        int minutes = (int) Math.min(60, beforeMidnight - 1);
        String offerId = UUID.randomUUID().toString();
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_MAIRIE_FOUILLOY"), Demo.id("PARTNER_VAL_DE_SOMME"),
                "permanence_individuelle", 1, minutes,
                List.of(new AdHocOffers.Session(start.toLocalDate(), start.toLocalTime(), start.toLocalTime().plusMinutes(minutes))));
        offer.put("modality", "itinerant");
        offer.put("servedCommunes", List.of("80212", "80799", FOUILLOY));
        offer.put("staffIds", List.of(volunteerId));
        String slotId = (String) AdHocOffers.publish(offerId, offer, 1).get(0).get("id");

        // the secretary (an agent of the communauté de communes) books for a senior who has a mobile phone but no email
        String secretary = Tokens.agent(valDeSomme);
        People.Mobile senior = People.newMobile();
        String bookingId = Gateway.given().auth().oauth2(secretary).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", "Germaine", "phone", senior.national(), "smsConsent", true, "emailConsent", false),
                "need", Map.of("theme", "sante", "text", "Ouvrir mon espace ameli"),
                "bookedBy", "agent",
                "agentId", Demo.id("PERSON_SECRETAIRE_CORBIE")))
                .when().post("/api/v1/bookings").then().statusCode(201).body("status", equalTo("confirmed"))
                .extract().path("id");

        // SMS only: every notification planned for this booking is an SMS
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !SmsStub.to(senior.e164()).isEmpty());
        List<String> channels = Gateway.given().auth().oauth2(secretary).queryParam("bookingId", bookingId).when().get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath().getList("items.channel");
        assertFalse(channels.isEmpty());
        assertTrue(channels.stream().allMatch("sms"::equals), "a senior without email gets SMS only: " + channels);

        // the volunteer is assigned to the session: told now, reminded the day before
        Gateway.given().auth().oauth2(secretary).contentType("application/json").body(Map.of("personId", volunteerId))
                .when().post("/api/v1/slots/" + slotId + "/shifts").then().statusCode(201);
        // the volunteer sees their own shifts, not someone else's
        Gateway.asVolunteer(volunteerId).when().get("/api/v1/bookings/shifts")
                .then().statusCode(200).body("items.slotId", hasItem(slotId));
        Gateway.asVolunteer(Demo.id("PERSON_BENEVOLE_BOIGNY")).queryParam("personId", volunteerId).when().get("/api/v1/bookings/shifts")
                .then().spec(ProblemJson.problem(ProblemJson.Kind.FORBIDDEN));
        await().atMost(Duration.ofMinutes(14)).pollInterval(Duration.ofSeconds(2))
                .until(() -> SmsStub.to(volunteerMobile.e164()).stream().anyMatch(s -> s.text().startsWith("Rappel")));
        List<SmsStub.Sms> toVolunteer = SmsStub.to(volunteerMobile.e164());
        assertEquals(1, toVolunteer.stream().filter(s -> s.text().startsWith("Rappel")).count(), "one reminder: " + toVolunteer);
        assertTrue(toVolunteer.stream().anyMatch(s -> s.text().contains("Fouilloy")), "the place is named: " + toVolunteer);
    }
}
