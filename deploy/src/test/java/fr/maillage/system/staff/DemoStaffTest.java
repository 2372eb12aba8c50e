package fr.maillage.system.staff;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.SmsStub;
import io.restassured.path.json.JsonPath;

/**
 * Issue 19, item 5 and the demo data (deploy/demo/40-staff.sh), as a newcomer finds them after {@code deploy/maillage up}:
 * the demo volunteers have rosters; Claude (…0203, SMS only, a number in ARCEP's fiction range) staffs the extra session
 * of the CCAS de Boigny planned 24 h + 5 minutes after the demo was loaded — the « Nouvelle permanence » SMS reached the
 * SMS stub, and ONE reminder SMS is due minutes after the load (pending, or already in the stub), not skipped; the
 * Val de Somme has coming permanences without a volunteer, and Morgane's roster makes her available for the Wednesday
 * ones at Fouilloy. Reads only (no waiting for the reminder: the run's other tests give it the time it needs).
 */
class DemoStaffTest {
    private static final String CLAUDE = Demo.id("PERSON_BENEVOLE_BOIGNY");
    private static final String CLAUDE_SMS = "+33639980003";
    private static final Set<String> ON_ITS_WAY = Set.of("pending", "sending", "sent", "delivered");

    @Test
    void theDemoVolunteersHaveRostersAndClaudesReminderIsDueMinutesAfterTheLoad() {
        for (String person : List.of("PERSON_BENEVOLE_BOIGNY", "PERSON_BENEVOLE_MARIGNY", "PERSON_BENEVOLE_SOMME", "PERSON_SECRETAIRE_CORBIE")) {
            List<Object> weekly = Gateway.asAdmin().when().get("/api/v1/staff/" + Demo.id(person) + "/availability")
                    .then().statusCode(200).extract().jsonPath().getList("weekly");
            assertFalse(weekly.isEmpty(), person + " has a roster");
        }

        // Claude staffs the extra session of offer …0308, 24 h and a few minutes after the load
        List<Map<String, Object>> slots = Gateway.given().queryParam("offerId", Demo.id("OFFER_RAPPEL_BOIGNY")).queryParam("size", 20)
                .when().get("/api/v1/slots").then().statusCode(200).extract().jsonPath().getList("items");
        String permanence = slots.stream().filter(s -> "planned".equals(s.get("status"))).map(s -> (String) s.get("id")).findFirst()
                .orElseThrow(() -> new AssertionError("the demo's extra session at Boigny: " + slots));
        List<Object> staff = Gateway.asAdmin().when().get("/api/v1/permanences/" + permanence).then().statusCode(200)
                .extract().jsonPath().getList("staff.personId");
        assertTrue(staff.contains(CLAUDE), "Claude staffs it: " + staff);

        // told by SMS (the fiction range reaches the local stub), and reminded once, minutes after the load
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !SmsStub.to(CLAUDE_SMS).isEmpty());
        JsonPath receipts = Gateway.asAdmin().queryParam("personId", CLAUDE).queryParam("channel", "sms").queryParam("size", 200)
                .when().get("/api/v1/notifications").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> reminders = receipts.<Map<String, Object>>getList("items").stream()
                .filter(r -> "shift_reminder".equals(r.get("template")) && ON_ITS_WAY.contains(r.get("status"))
                        && r.get("dueAt") != null && OffsetDateTime.parse((String) r.get("dueAt")).toInstant()
                                .isBefore(Instant.now().plus(Duration.ofMinutes(10))))
                .toList();
        assertFalse(reminders.isEmpty(), "a reminder SMS of Claude due within minutes of the load, not skipped: "
                + receipts.getList("items.template") + " " + receipts.getList("items.status") + " " + receipts.getList("items.skipReason"));

        // the Val de Somme: permanences without a volunteer, Morgane available for the Wednesdays at Fouilloy
        JsonPath understaffed = Gateway.asAgent(Demo.id("PARTNER_VAL_DE_SOMME")).queryParam("understaffed", true).queryParam("size", 100)
                .when().get("/api/v1/permanences").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> fouilloy = understaffed.<Map<String, Object>>getList("items").stream()
                .filter(p -> Demo.id("PLACE_MAIRIE_FOUILLOY").equals(p.get("placeId"))
                        && Demo.id("OFFER_ITINERANTE_SOMME").equals(p.get("offerId")))
                .toList();
        assertFalse(fouilloy.isEmpty(), "the Wednesdays at Fouilloy are « sans bénévole »: " + understaffed.getList("items.placeName"));
        List<Object> candidates = Gateway.asAgent(Demo.id("PARTNER_VAL_DE_SOMME"))
                .when().get("/api/v1/permanences/" + fouilloy.get(0).get("id") + "/candidates").then().statusCode(200)
                .extract().jsonPath().getList("personId");
        assertTrue(candidates.contains(Demo.id("PERSON_SECRETAIRE_CORBIE")), "Morgane is available: " + candidates);
    }
}
