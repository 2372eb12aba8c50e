package fr.maillage.system.desk;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.SmsStub;
import fr.maillage.system.Tokens;
import io.restassured.path.json.JsonPath;

/**
 * Issue 18 (C5): an agent of the France Services desk books for a person who has only a landline; the reminder is a
 * voice call, not an SMS. The journey plans its own session a few minutes ahead with a reminder offset that makes the
 * reminder due about a minute after the booking: the provider stub (WireMock, also playing the voice provider under
 * VOICE_URL=…/voice) then records exactly one call to that number, whose text says the appointment twice in plain
 * French and carries no self-service link; no SMS reaches the number, and no confirmation call is made (the desk
 * prints the slip).
 */
class VoiceReminderTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void aLandlineOnlyPersonBookedAtTheDeskIsRemindedByOneVoiceCallSaidTwice() {
        // a session starting 5 to 6 minutes from now, reminder 4 minutes before: due 1 to 2 minutes from now
        ZonedDateTime start = ZonedDateTime.now(PARIS).plusMinutes(6).truncatedTo(ChronoUnit.MINUTES);
        long beforeMidnight = ChronoUnit.MINUTES.between(start, start.toLocalDate().plusDays(1).atStartOfDay(PARIS));
        Assumptions.assumeTrue(beforeMidnight > 20, "a session ends on the day it starts: not run in the day's last minutes");
        String org = Demo.id("PARTNER_FRANCE_SERVICES");
        String offerId = UUID.randomUUID().toString();
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_FRANCE_SERVICES"), org, "permanence_individuelle", 1, 15,
                List.of(new AdHocOffers.Session(start.toLocalDate(), start.toLocalTime(), start.toLocalTime().plusMinutes(15))));
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = (Map<String, Object>) offer.get("bookingRules");
        rules.put("reminderOffsetsMinutes", List.of(4));
        String slotId = (String) AdHocOffers.publish(offerId, offer, 1).get(0).get("id");

        // the agent books for someone with a landline only (no mobile, no e-mail)
        String digits = "299" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        String landline = "+33" + digits;
        String national = "0" + digits.charAt(0) + " " + digits.substring(1, 3) + " " + digits.substring(3, 5) + " "
                + digits.substring(5, 7) + " " + digits.substring(7, 9);
        String agent = Tokens.agent(org);
        JsonPath booking = Gateway.given().auth().oauth2(agent).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", "Marcelle", "phone", national, "smsConsent", false, "emailConsent", false),
                "need", Map.of("theme", "aide_demarches", "text", "Renouveler ma carte vitale"),
                "bookedBy", "agent",
                "agentId", Demo.id("PERSON_AGENT_FS")))
                .when().post("/api/v1/bookings").then().statusCode(201).body("status", equalTo("confirmed"))
                .body("reminderChannel", equalTo("voice")).extract().jsonPath();
        String bookingId = booking.getString("id");
        String link = booking.getString("selfServiceUrl");

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                .until(() -> !SmsStub.voiceCallsTo(landline).isEmpty());
        // a moment more: a second call (the reminder twice, or a confirmation call) would be in the journal by then
        await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(() -> true);
        List<SmsStub.VoiceCall> calls = SmsStub.voiceCallsTo(landline);
        assertEquals(1, calls.size(), "exactly one call: " + calls);
        SmsStub.VoiceCall call = calls.get(0);
        String text = call.text();
        assertEquals("fr-FR", call.language());
        assertTrue(text.startsWith("Bonjour, ceci est un rappel de Maillage."), text);
        assertEquals(1, count(text, "Je répète"), "said twice: " + text);
        assertEquals(2, count(text, "vous avez rendez-vous"), "said twice: " + text);
        assertFalse(text.contains("http") || text.contains("/rdv/"), "no link read aloud: " + text);
        if (link != null && link.contains("/rdv/")) {
            String token = link.substring(link.lastIndexOf('/') + 1);
            assertFalse(text.contains(token), "no self-service token: " + text);
        }
        assertEquals(List.of(), SmsStub.to(landline), "never an SMS to a landline");

        // the desk sees the receipt: a voice reminder, nothing else
        List<Map<String, Object>> receipts = Gateway.given().auth().oauth2(agent).queryParam("bookingId", bookingId)
                .when().get("/api/v1/notifications").then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(1, receipts.size(), receipts.toString());
        assertEquals("voice", receipts.get(0).get("channel"));
        assertEquals("booking_reminder", receipts.get(0).get("template"));
        assertEquals(call.reference(), receipts.get(0).get("id"));
        assertFalse(String.valueOf(receipts.get(0).get("recipient")).contains(digits.substring(2)), "masked: " + receipts);
    }

    private static int count(String text, String part) {
        return text.toLowerCase().split(Pattern.quote(part.toLowerCase()), -1).length - 1;
    }
}
