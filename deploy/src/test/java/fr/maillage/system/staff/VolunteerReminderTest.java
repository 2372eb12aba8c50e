package fr.maillage.system.staff;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.SmsStub;
import fr.maillage.system.Tokens;

/**
 * Issue 19, items 1 and 5: a demo volunteer — Claude (…0203, CCAS de Boigny, « notify by SMS », a number of ARCEP's
 * fiction range 06 39 98 00 03 that libphonenumber does not call a mobile) — assigned to a permanence of two 30-minute
 * slots gets ONE « Nouvelle permanence » SMS with the permanence's times and ONE reminder SMS, both in the local SMS stub
 * (the local stack lets the fiction range through: MAILLAGE_NOTIFICATION_SMS_FICTION_RANGE_DELIVERABLE in
 * deploy/services.sh). The permanence starts a day and about a minute from now, so its day-before reminder
 * (maillage.notification.shift-reminder-offset, 24 h) comes due within the test. Before issue 19 Claude's SMS were all
 * recorded skipped / not_a_french_mobile, and a permanence made of two slots was two shifts.
 */
class VolunteerReminderTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String CLAUDE_SMS = "+33639980003";

    @Test
    void aDemoVolunteerNotifiedBySmsGetsTheAssignmentAndOneReminderInTheSmsStub() {
        // 40 to 100 s from now, the day-before moment of a permanence starting tomorrow at that minute
        ZonedDateTime start = ZonedDateTime.now(PARIS).plusHours(24).plusSeconds(40).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        Instant due = start.minusHours(24).toInstant();
        long beforeMidnight = ChronoUnit.MINUTES.between(start, start.toLocalDate().plusDays(1).atStartOfDay(PARIS));
        Assumptions.assumeTrue(beforeMidnight > 70, "a permanence ends on the day it starts: not run in the day's last hour");
        String org = Demo.id("PARTNER_CCAS_BOIGNY");
        String claude = Demo.id("PERSON_BENEVOLE_BOIGNY");
        String offerId = UUID.randomUUID().toString();
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_CCAS_BOIGNY"), org, "permanence_individuelle", 1, 30,
                List.of(new AdHocOffers.Session(start.toLocalDate(), start.toLocalTime(), start.toLocalTime().plusMinutes(60))));
        String title = (String) offer.get("title");
        List<Map<String, Object>> slots = AdHocOffers.publish(offerId, offer, 2);
        String permanence = (String) slots.stream().min(Comparator.comparing(s -> (String) s.get("start"))).orElseThrow().get("id");

        // the slot endpoint of before issue 19 acts on the permanence holding the slot: one shift for both slots
        Gateway.given().auth().oauth2(Tokens.agent(org)).contentType("application/json").body(Map.of("personId", claude))
                .when().post("/api/v1/slots/" + permanence + "/shifts").then().statusCode(201);
        Assumptions.assumeTrue(Instant.now().isBefore(due.minusSeconds(3)),
                "the machine took longer than the reminder's margin to publish and assign: the reminder would be late by design");

        // the assignment, then the reminder once its moment has come (the worker polls every 5 s)
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
                .until(() -> ours(title).size() >= 2);
        // a moment more: a second assignment or reminder (one per slot) would be in the journal by then
        await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).until(() -> true);
        List<SmsStub.Sms> sms = ours(title);
        assertEquals(2, sms.size(), "one assignment and one reminder for the permanence: " + sms);
        String range = "de " + clock(start) + " à " + clock(start.plusMinutes(60));
        assertTrue(sms.get(0).text().startsWith("Permanence " + title + " le ") && sms.get(0).text().contains(range),
                "the permanence's times: " + sms.get(0).text());
        assertTrue(sms.get(1).text().startsWith("Rappel : permanence " + title + " le ") && sms.get(1).text().contains(range),
                "the reminder: " + sms.get(1).text());
        assertTrue(sms.get(1).loggedAt() >= due.toEpochMilli(), "the reminder went out at its moment, not before");

        // the structure sees the two receipts of Claude's shift: sent by SMS, nothing skipped
        List<Map<String, Object>> receipts = Gateway.given().auth().oauth2(Tokens.agent(org)).queryParam("personId", claude)
                .queryParam("channel", "sms").queryParam("size", 200).when().get("/api/v1/notifications").then().statusCode(200)
                .extract().jsonPath().getList("items");
        List<Map<String, Object>> these = receipts.stream().filter(r -> sms.stream().anyMatch(s -> s.reference().equals(r.get("id"))))
                .toList();
        assertEquals(List.of("shift_assigned", "shift_reminder"), these.stream().map(r -> (String) r.get("template")).sorted().toList(),
                these.toString());
        assertTrue(these.stream().allMatch(r -> List.of("sent", "delivered").contains(r.get("status"))), these.toString());
    }

    /** The SMS of Claude about this test's offer (the demo's own permanence of Claude sends others). */
    private static List<SmsStub.Sms> ours(String title) {
        return SmsStub.to(CLAUDE_SMS).stream().filter(s -> s.text().contains(title)).toList();
    }

    /** « 9 h 00 », as notification writes a permanence's times. */
    private static String clock(ZonedDateTime t) {
        return t.getHour() + " h " + String.format("%02d", t.getMinute());
    }
}
