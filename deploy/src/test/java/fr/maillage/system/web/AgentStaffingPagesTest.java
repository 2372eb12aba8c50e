package fr.maillage.system.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import io.restassured.path.json.JsonPath;

/**
 * Issue 19, items 2 and 3 at the desk, in Chromium through the gateway, signed in on Keycloak's real login form as the
 * secretary of the mairie of Corbie ({@code secretaire.corbie}, Communauté de communes du Val de Somme):
 * <ol>
 * <li>« Permanences », filtered « sans bénévole »: a permanence nobody staffs is listed; « Demander aux bénévoles
 * disponibles » lists the available volunteer by name (their roster covers it) and, sent, says they were asked — a
 * pending staffing request for that volunteer, through the API;</li>
 * <li>« Absences »: she declares the closure of the mairie for a day; the preview lists the day's sessions and what
 * happens to the two people booked — one « déplacé » to the next equivalent session, the other « annulé » (no seat
 * left) —; « Confirmer »; through the API the first booking is on the next day's slot, the second cancelled by the
 * service.</li>
 * </ol>
 * Every page of ours passes {@link AuditedBrowser}'s checkpoint. Set up through the API: an ad-hoc volunteer of the Val
 * de Somme with a roster, an ad-hoc offer at the mairie of Corbie (a permanence five days ahead nobody staffs; a day
 * later in the month, two 30-minute slots booked and one free slot the day after).
 */
class AgentStaffingPagesTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String VAL_DE_SOMME = Demo.id("PARTNER_VAL_DE_SOMME");
    private static final String CORBIE = Demo.id("PLACE_MAIRIE_CORBIE");
    private static final String SECRETAIRE_CORBIE = "secretaire.corbie";

    @Test
    void theSecretaryAsksTheAvailableVolunteersThenClosesTheMairieForADayAndTheBookedPeopleAreLookedAfter() {
        LocalDate today = LocalDate.now(PARIS);
        // not a Wednesday (the demo's Morgane is available then) nor a Monday (the demo's permanence at Corbie)
        LocalDate staffDay = today.plusDays(5);
        while (staffDay.getDayOfWeek() == DayOfWeek.WEDNESDAY || staffDay.getDayOfWeek() == DayOfWeek.MONDAY) {
            staffDay = staffDay.plusDays(1);
        }
        // a day of its own for the closure (a closure closes every session at the place that day): not a Monday
        LocalDate closed = today.plusDays(9 + ThreadLocalRandom.current().nextInt(14));
        if (closed.getDayOfWeek() == DayOfWeek.MONDAY) {
            closed = closed.plusDays(1);
        }
        StaffingFixtures.Volunteer volunteer = StaffingFixtures.volunteer(VAL_DE_SOMME, CORBIE, "Maëlys");
        StaffingFixtures.putRoster(VAL_DE_SOMME, volunteer.id(), StaffingFixtures.availableOn(staffDay.getDayOfWeek(),
                LocalTime.of(15, 0), LocalTime.of(18, 0)));
        StaffingFixtures.Permanence unstaffed = StaffingFixtures.permanence(VAL_DE_SOMME, CORBIE, "Permanence sans bénévole", 30,
                StaffingFixtures.session(staffDay, LocalTime.of(16, 0), 60));
        StaffingFixtures.Permanence closing = StaffingFixtures.permanence(VAL_DE_SOMME, CORBIE, "Permanence fermée", 30,
                StaffingFixtures.session(closed, LocalTime.of(10, 0), 60), StaffingFixtures.session(closed.plusDays(1), LocalTime.of(10, 0), 30));
        String nextDaySlot = (String) closing.slots().get(2).get("id");
        String firmin = StaffingFixtures.book(VAL_DE_SOMME, (String) closing.slots().get(0).get("id"), "Firmin");
        String gisele = StaffingFixtures.book(VAL_DE_SOMME, (String) closing.slots().get(1).get("id"), "Gisèle");

        try (AuditedBrowser b = AuditedBrowser.open("agent-permanences-fermeture", true)) {
            Page page = b.page();
            String who = DeskSite.signIn(b, SECRETAIRE_CORBIE);
            assertTrue(who.contains("Val de Somme"), "the header names the secretary's structure: " + who);

            // 1. « Permanences », only those without a volunteer
            DeskSite.menu(b, Labels.PERMANENCES);
            b.checkpoint("permanences");
            Labels.onlyUnderstaffed(page);
            b.checkpoint("permanences-sans-benevole");
            Locator card = VolunteerSite.item(page, unstaffed.title());
            assertEquals(1, card.count(), "the permanence nobody staffs is listed « sans bénévole »: " + b.describe());
            Locator ask = card.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Labels.ASK).setExact(true))
                    .or(card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Labels.ASK).setExact(true)));
            assertEquals(1, ask.count(), "« " + Labels.ASK + " » on it: " + card.innerText());
            ask.click();
            page.waitForLoadState();
            b.checkpoint("benevoles-disponibles");
            String candidates = CitizenSite.text(page);
            assertTrue(candidates.contains(volunteer.lastName()), "the available volunteer by name: " + b.describe() + " " + candidates);
            Labels.send(page);
            page.waitForLoadState();
            b.checkpoint("benevoles-sollicites");
            assertTrue(Pattern.compile("\\d+ bénévoles? (a|ont) été sollicités?").matcher(CitizenSite.text(page)).find(),
                    "« N bénévole(s) ont été sollicités »: " + b.describe() + DeskSite.errors(page));

            // 2. « Absences »: the mairie closed for a day, previewed, confirmed
            DeskSite.menu(b, Labels.ABSENCES);
            b.checkpoint("absences");
            Labels.declareClosure(page, "Mairie de Corbie", closed, "Travaux dans la salle du conseil");
            b.checkpoint("fermeture-apercu");
            String preview = CitizenSite.text(page);
            assertTrue(preview.contains("Firmin") && preview.contains("Gisèle"), "the two people booked: " + b.describe() + " " + preview);
            assertTrue(preview.toLowerCase().contains("déplacé"), "one moved: " + preview);
            assertTrue(preview.toLowerCase().contains("annulé"), "one cancelled: " + preview);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Labels.CONFIRM).setExact(true)).click();
            page.waitForLoadState();
            b.checkpoint("fermeture-confirmee");
            assertTrue(VolunteerSite.notice(page).length() > 0 || CitizenSite.text(page).contains("Firmin"),
                    "the result: " + b.describe() + DeskSite.errors(page));
            b.done();
        }

        // as booking-service has it: the volunteer asked; one booking moved to the next day, the other cancelled
        JsonPath pending = Gateway.asAgent(VAL_DE_SOMME).queryParam("status", "pending").queryParam("size", 100)
                .when().get("/api/v1/staffing-requests").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> asked = pending.getList("items");
        assertTrue(asked.stream().anyMatch(r -> volunteer.id().equals(r.get("personId"))
                && unstaffed.id().equals(((Map<?, ?>) r.get("permanence")).get("id"))), "a pending request for the volunteer: " + asked);
        JsonPath first = StaffingFixtures.booking(VAL_DE_SOMME, firmin);
        JsonPath second = StaffingFixtures.booking(VAL_DE_SOMME, gisele);
        List<JsonPath> both = List.of(first, second);
        assertEquals(1, both.stream().filter(j -> "confirmed".equals(j.getString("status")) && nextDaySlot.equals(j.getString("slotId"))).count(),
                "one booking moved to the next day's session: " + first.prettify() + second.prettify());
        assertEquals(1, both.stream().filter(j -> "cancelled_by_service".equals(j.getString("status"))).count(),
                "the other cancelled by the service: " + first.prettify() + second.prettify());
    }

    /** The desk's staffing pages as web-agent made them (/work/notes/requests19/browser.md). */
    static final class Labels {
        static final String PERMANENCES = "Permanences";
        static final String ABSENCES = "Absences";
        static final String ASK = "Demander aux bénévoles disponibles";
        static final String CONFIRM = "Confirmer";

        static void onlyUnderstaffed(Page page) {
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sans bénévole").setExact(true)).first().click();
            page.waitForLoadState();
        }

        static void send(Page page) {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Envoyer la demande").setExact(true)).click();
        }

        static void declareClosure(Page page, String place, LocalDate day, String reason) {
            page.getByLabel("Lieu", new Page.GetByLabelOptions().setExact(true)).selectOption(
                    new com.microsoft.playwright.options.SelectOption().setLabel(place));
            page.getByLabel("Du", new Page.GetByLabelOptions().setExact(true)).fill(day.toString());
            page.getByLabel("Au", new Page.GetByLabelOptions().setExact(true)).fill(day.toString());
            page.getByLabel("Motif", new Page.GetByLabelOptions().setExact(true)).fill(reason);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Voir ce qui change").setExact(true)).click();
            page.waitForLoadState();
        }
    }
}
