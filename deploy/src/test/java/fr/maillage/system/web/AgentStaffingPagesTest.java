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
import com.microsoft.playwright.options.SelectOption;

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
            Locator card = page.locator("li.permanence").filter(new Locator.FilterOptions().setHasText(unstaffed.title()));
            assertEquals(1, card.count(), "the permanence nobody staffs is listed « sans bénévole »: " + b.describe());
            assertTrue(card.innerText().contains("Sans bénévole"), "tagged « Sans bénévole »: " + card.innerText());
            Locator find = card.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^Trouver un bénévole")));
            assertEquals(1, find.count(), "« Trouver un bénévole » on it: " + card.innerText());
            find.click();
            page.waitForLoadState();
            b.checkpoint("permanence-benevoles-disponibles");
            // the available volunteers, by name, each a checkbox (all checked): ours among them
            Locator candidate = page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName(Pattern.compile(VolunteerSite.literal(volunteer.lastName()))));
            assertEquals(1, candidate.count(), "the available volunteer by name: " + b.describe() + " " + CitizenSite.text(page));
            assertTrue(candidate.isChecked(), "checked by default");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Labels.ASK).setExact(true)).click();
            page.waitForLoadState();
            b.checkpoint("benevoles-sollicites");
            assertTrue(Pattern.compile("\\d+ bénévoles? (a|ont) été sollicités?\\.").matcher(VolunteerSite.notice(page)).find(),
                    "« N bénévole(s) ont été sollicités. »: " + b.describe() + " " + VolunteerSite.notice(page) + DeskSite.errors(page));

            // 2. « Absences »: the mairie closed for a day, previewed, confirmed
            DeskSite.menu(b, Labels.ABSENCES);
            b.checkpoint("absences");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Déclarer une absence ou une fermeture").setExact(true)).click();
            page.waitForLoadState();
            b.checkpoint("declarer");
            Labels.declareClosure(page, "Mairie de Corbie", closed, "Travaux dans la salle du conseil");
            b.checkpoint("fermeture-apercu");
            assertEquals("Avant de confirmer", DeskSite.heading(page), b.describe() + DeskSite.errors(page));
            String preview = CitizenSite.text(page);
            assertTrue(preview.contains("1 rendez-vous déplacé") && preview.contains("1 rendez-vous annulé"),
                    "the summary: one moved, one cancelled: " + preview);
            assertEquals(1, booked(page, "Firmin").count(), "Firmin listed: " + preview);
            assertEquals(1, booked(page, "Gisèle").count(), "Gisèle listed: " + preview);
            String lines = booked(page, "Firmin").innerText() + " | " + booked(page, "Gisèle").innerText();
            assertTrue(lines.contains("Sera déplacé au ") && lines.contains("Sera annulé"), "what happens to each: " + lines);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Labels.CONFIRM).setExact(true)).click();
            page.waitForLoadState();
            b.checkpoint("fermeture-confirmee");
            assertTrue(VolunteerSite.notice(page).contains("La fermeture est enregistrée"), "the result: " + b.describe()
                    + DeskSite.errors(page));
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

    /** A booked person's line in the preview's « Rendez-vous » (first name, time, what happens). */
    private static Locator booked(Page page, String firstName) {
        return page.locator("li.result").filter(new Locator.FilterOptions().setHas(page.locator("strong",
                new Page.LocatorOptions().setHasText(firstName))));
    }

    /** The desk's staffing pages as web-agent made them (web/src/main/resources/templates/agent, commit e670e27). */
    static final class Labels {
        static final String PERMANENCES = "Permanences";
        static final String ABSENCES = "Absences et fermetures";
        static final String ASK = "Demander aux bénévoles disponibles";
        static final String CONFIRM = "Confirmer";

        static void onlyUnderstaffed(Page page) {
            page.getByLabel("Seulement les permanences sans bénévole", new Page.GetByLabelOptions().setExact(true)).check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Afficher").setExact(true)).click();
            page.waitForLoadState();
            assertEquals("Permanences sans bénévole", DeskSite.heading(page));
        }

        /** « La fermeture d'un lieu », the place « name (commune) », one day, a reason → « Voir ce qui va se passer ». */
        static void declareClosure(Page page, String place, LocalDate day, String reason) {
            page.getByLabel("La fermeture d'un lieu", new Page.GetByLabelOptions().setExact(true)).check();
            Locator places = page.getByLabel("Lieu fermé", new Page.GetByLabelOptions().setExact(true));
            List<String> names = places.locator("option").allInnerTexts();
            String label = names.stream().map(String::strip).filter(n -> n.startsWith(place)).findFirst()
                    .orElseThrow(() -> new AssertionError("« " + place + " » among the places: " + names));
            places.selectOption(new SelectOption().setLabel(label));
            page.getByLabel("Premier jour", new Page.GetByLabelOptions().setExact(true)).fill(day.toString());
            page.getByLabel("Dernier jour", new Page.GetByLabelOptions().setExact(true)).fill(day.toString());
            page.getByLabel("Motif", new Page.GetByLabelOptions().setExact(true)).fill(reason);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Voir ce qui va se passer").setExact(true)).click();
            page.waitForLoadState();
        }
    }
}
