package fr.maillage.system.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import io.restassured.path.json.JsonPath;

/**
 * Issue 19, item 4 (the {@code /benevole} pages), in Chromium through the gateway: Claude, volunteer of the CCAS de
 * Boigny-sur-Bionne ({@code benevole.boigny}), signs in on Keycloak's real login form and lands on « Mes permanences »,
 * where a permanence the structure gave them is listed (offer, date, place) and a request to staff another one waits;
 * they press « J'accepte » — the request is accepted and the permanence becomes their shift (checked through the API);
 * on « Mes disponibilités » they set a weekly window (the roster through the API says so); on « Mon agenda » they
 * create the secret calendar address (shown once; it answers an iCalendar of their shifts) and revoke it — the address
 * then answers 404. Every page of ours passes {@link AuditedBrowser}'s checkpoint (axe-core 0 serious/critical, 360 px,
 * weight, screenshot).
 *
 * <p>Set up through the API as the CCAS's agent: two permanences of an ad-hoc offer at the CCAS (one-hour sessions cut
 * into 30-minute slots, two and three days ahead), Claude assigned to the first, asked for the second (their roster is
 * made to cover it: a candidate). Claude's roster is put back as it was at the end (the demo's, 40-staff.sh).
 */
class VolunteerPagesTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String CCAS = Demo.id("PARTNER_CCAS_BOIGNY");
    private static final String PLACE = Demo.id("PLACE_CCAS_BOIGNY");
    private static final String CLAUDE = Demo.id("PERSON_BENEVOLE_BOIGNY");

    @Test
    void theVolunteerSeesTheirShiftAcceptsARequestSetsTheirAvailabilityAndRevokesTheirCalendarLink() {
        LocalDate today = LocalDate.now(PARIS);
        LocalDate shiftDay = today.plusDays(2);
        LocalDate askedDay = today.plusDays(3);
        Map<String, Object> before = StaffingFixtures.roster(CCAS, CLAUDE);
        try {
            StaffingFixtures.Permanence shift = StaffingFixtures.permanence(CCAS, PLACE, "Permanence bénévole", 30,
                    StaffingFixtures.session(shiftDay, LocalTime.of(10, 0), 60));
            StaffingFixtures.Permanence asked = StaffingFixtures.permanence(CCAS, PLACE, "Permanence à pourvoir", 30,
                    StaffingFixtures.session(askedDay, LocalTime.of(14, 0), 60));
            StaffingFixtures.putRoster(CCAS, CLAUDE, StaffingFixtures.availableOn(askedDay.getDayOfWeek(), LocalTime.of(13, 0),
                    LocalTime.of(16, 0)));
            StaffingFixtures.assign(CCAS, shift.id(), CLAUDE);
            String requestId = StaffingFixtures.ask(CCAS, asked.id(), List.of(CLAUDE)).get(CLAUDE);

            try (AuditedBrowser b = AuditedBrowser.open("benevole-pages", true)) {
                Page page = b.page();
                VolunteerSite.signIn(b, VolunteerSite.BENEVOLE_BOIGNY);

                // « Mes permanences »: the shift, and the request with its two answers
                Locator mine = VolunteerSite.item(page, shift.title());
                assertTrue(mine.count() == 1 && mine.isVisible(), "the shift is listed: " + b.describe() + " " + CitizenSite.text(page));
                assertTrue(mine.innerText().contains("Boigny"), "the shift names the place or commune: " + mine.innerText());
                // the request's buttons say which permanence they answer (« J'accepte : Mardi 8 décembre…, de 14 h à 15 h »)
                Locator request = page.locator("#demande-" + requestId);
                assertTrue(request.innerText().contains(asked.title()), "the request names the offer: " + request.innerText());
                assertEquals(1, VolunteerSite.startingWith(request, "J'accepte").count(), "« J'accepte » on the request: " + b.describe());
                assertEquals(1, VolunteerSite.startingWith(request, "Je ne peux pas").count(), "« Je ne peux pas » on the request");
                VolunteerSite.startingWith(request, "J'accepte").click();
                page.waitForLoadState();
                b.checkpoint("demande-acceptee");
                assertTrue(VolunteerSite.notice(page).contains("maintenant la vôtre"), "« Merci ! Cette permanence est maintenant la "
                        + "vôtre »: " + b.describe() + " " + VolunteerSite.notice(page) + DeskSite.errors(page));
                assertEquals(0, page.locator("#demande-" + requestId).count(),
                        "the request answered: no more « J'accepte » on it");
                assertTrue(CitizenSite.text(page).contains(asked.title()), "the accepted permanence is now among the shifts");

                // « Mes disponibilités »: a weekly window
                VolunteerSite.menu(b, "Mes disponibilités");
                b.checkpoint("disponibilites");
                page.getByLabel("De (Jeudi, plage 1)", new Page.GetByLabelOptions().setExact(true)).fill("09:30");
                page.getByLabel("À (Jeudi, plage 1)", new Page.GetByLabelOptions().setExact(true)).fill("12:00");
                VolunteerSite.button(page, "Enregistrer mes disponibilités").click();
                page.waitForLoadState();
                b.checkpoint("disponibilites-enregistrees");
                assertTrue(VolunteerSite.notice(page).contains("Vos disponibilités sont enregistrées"), "saved: " + b.describe()
                        + DeskSite.errors(page));

                // « Mon calendrier »: the secret address, created then revoked
                VolunteerSite.menu(b, "Mon agenda");
                b.checkpoint("agenda");
                VolunteerSite.button(page, "Créer mon lien d'agenda").click();
                page.waitForLoadState();
                b.checkpoint("agenda-lien-cree");
                // shown once, in a read-only field
                String url = page.getByLabel("Adresse de mon agenda", new Page.GetByLabelOptions().setExact(true)).inputValue().strip();
                String feed = URI.create(url).getRawPath();
                assertTrue(feed.matches("/api/v1/calendars/[A-Za-z0-9_-]{20,}\\.ics"), "a secret calendar address: " + AuditedBrowser.mask(url));
                String ics = Gateway.given().when().get(feed).then().statusCode(200).extract().asString();
                assertTrue(ics.contains("BEGIN:VCALENDAR") && ics.contains("BEGIN:VEVENT"), "an iCalendar of the shifts");
                VolunteerSite.menu(b, "Mon agenda");
                assertEquals(0, page.getByLabel("Adresse de mon agenda", new Page.GetByLabelOptions().setExact(true)).count(),
                        "the address is shown once only: " + b.describe());
                VolunteerSite.button(page, "Supprimer ce lien").click();
                page.waitForLoadState();
                b.checkpoint("agenda-lien-supprime");
                assertTrue(VolunteerSite.notice(page).contains("Le lien est supprimé"), "revoked: " + b.describe() + DeskSite.errors(page));
                Gateway.given().when().get(feed).then().statusCode(404);
                b.done();
            }

            // as booking-service has it: the request accepted, Claude staffs both permanences, the roster saved
            JsonPath requests = Gateway.asVolunteer(CLAUDE).queryParam("permanenceId", asked.id()).when().get("/api/v1/staffing-requests")
                    .then().statusCode(200).extract().jsonPath();
            int i = requests.getList("items.id").indexOf(requestId);
            assertTrue(i >= 0, "the request among Claude's: " + requests.getList("items.id"));
            assertEquals("accepted", requests.getString("items[" + i + "].status"));
            for (String permanence : List.of(shift.id(), asked.id())) {
                assertTrue(StaffingFixtures.permanenceOf(CCAS, permanence).getList("staff.personId").contains(CLAUDE),
                        "Claude staffs permanence " + permanence);
            }
            JsonPath roster = Gateway.asVolunteer(CLAUDE).when().get("/api/v1/staff/" + CLAUDE + "/availability")
                    .then().statusCode(200).extract().jsonPath();
            assertTrue(roster.getList("weekly").contains(Map.of("day", "TH", "start", "09:30", "end", "12:00")),
                    "the window set on the page: " + roster.getList("weekly"));
        } finally {
            StaffingFixtures.putRoster(CCAS, CLAUDE, before);
        }
    }
}
