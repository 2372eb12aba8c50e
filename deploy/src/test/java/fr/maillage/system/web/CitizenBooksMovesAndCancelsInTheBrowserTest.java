package fr.maillage.system.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;

import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import io.restassured.path.json.JsonPath;

/**
 * Issue 17 item 5, the main journey in Chromium, once with JavaScript and once without: search near Romagné → the
 * offer → book → the 6-digit code read from the SMS provider → confirmation (date, place, « Ajouter à mon agenda »,
 * the self-service link) → the link of the confirmation SMS → change to the other session → cancel (« Annuler le
 * rendez-vous », « Oui, annuler ») → status only. Each page is audited by {@link AuditedBrowser} (weight, axe-core with
 * JavaScript, screenshot, third-party requests, CSP); the booking's state is checked through the API at each step.
 */
class CitizenBooksMovesAndCancelsInTheBrowserTest {

    @Test
    void withJavaScript() {
        journey("reserver-changer-annuler-js", true);
    }

    @Test
    void withoutJavaScript() {
        journey("reserver-changer-annuler-sans-js", false);
    }

    private static void journey(String name, boolean javaScript) {
        CitizenSite.TestOffer offer = CitizenSite.publishOffer(javaScript ? "photo" : "musique", 6, 3, 4);
        People.Mobile mobile = People.newMobile();
        try (AuditedBrowser b = AuditedBrowser.open(name, javaScript)) {
            Page page = b.page();
            CitizenSite.searchNearRomagne(b);
            CitizenSite.openOffer(b, offer);
            CitizenSite.chooseSession(b, "Réserver", 0);
            String bookingId = CitizenSite.fillAndBook(b, "Odette", mobile, null);
            assertTrue(CitizenSite.text(page).contains("Code reçu") || page.getByLabel("Code reçu").count() == 1,
                    "the code page asks for the code: " + b.describe());

            // the code, as the person reads it on their phone (the SMS provider's stub)
            String code = CitizenSite.codeFromSms(mobile, 1);
            CitizenSite.typeCode(b, code);
            assertTrue(page.url().endsWith("/reservations/" + bookingId + "/confirmation"), "confirmation: " + b.describe());
            b.checkpoint("confirmation");
            String confirmation = CitizenSite.text(page);
            assertTrue(confirmation.contains("Pôle socioculturel"), "the place on the confirmation: " + AuditedBrowser.mask(confirmation));
            assertTrue(confirmation.contains("de 14 h à 15 h 30"), "the time of the session on the confirmation: " + AuditedBrowser.mask(confirmation));
            Locator agenda = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("Ajouter à mon agenda")));
            assertTrue(agenda.count() > 0, "« Ajouter à mon agenda »: " + b.describe());
            APIResponse ics = b.context().request().get(absolute(agenda.first().getAttribute("href")));
            assertEquals(200, ics.status(), "the calendar file");
            assertTrue(ics.text().contains("BEGIN:VCALENDAR"), "an iCalendar file");
            assertTrue(confirmation.contains("/rdv/"), "the self-service link on the confirmation page");

            // the link of the confirmation SMS opens the self-service page
            String link = CitizenSite.linkFromSms(mobile);
            Response rdv = b.go(link);
            assertEquals(200, rdv.status(), "the self-service page");
            assertEquals("no-referrer", rdv.headerValue("referrer-policy"), "Referrer-Policy on a page carrying the token");
            b.checkpoint("rdv");
            String token = link.substring(link.lastIndexOf('/') + 1);
            JsonPath before = self(token);
            assertEquals("confirmed", before.getString("status"));
            assertEquals(offer.slotIds().get(0), before.getString("slotId"));
            Locator route = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("Itinéraire")));
            assertTrue(route.count() > 0 && route.first().getAttribute("href").startsWith("https://www.openstreetmap.org/"),
                    "« Itinéraire » goes to OpenStreetMap: " + b.describe());

            // change to the other session of the same offer
            click(b, "Changer de créneau");
            b.checkpoint("changer");
            chooseOtherSlot(b);
            assertEquals(offer.slotIds().get(1), self(token).getString("slotId"), "moved to the second session");
            assertEquals("confirmed", self(token).getString("status"));
            b.checkpoint("rdv-change");

            // cancel, with a confirmation step
            click(b, "Annuler le rendez-vous");
            b.checkpoint("annuler");
            assertEquals("confirmed", self(token).getString("status"), "nothing cancelled before « Oui, annuler »");
            click(b, "Oui, annuler");
            b.checkpoint("annule");
            assertEquals("cancelled_by_citizen", self(token).getString("status"));
            String after = CitizenSite.text(page);
            assertTrue(after.toLowerCase().contains("annulé"), "the page says it is cancelled: " + AuditedBrowser.mask(after));
            assertEquals(0, page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Changer de créneau")).count()
                    + page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Changer de créneau")).count(),
                    "after cancellation, status only");

            // the link still opens, with the status only
            b.go(link);
            b.checkpoint("rdv-apres-annulation");
            assertTrue(CitizenSite.text(page).toLowerCase().contains("annulé"), b.describe());
            b.done();
        }
    }

    /** On the « Changer de créneau » page: the other session (a radio button), then « Changer de créneau ». */
    static void chooseOtherSlot(AuditedBrowser b) {
        Page page = b.page();
        Locator radios = page.getByRole(AriaRole.RADIO);
        assertEquals(1, radios.count(), "one other session to move to: " + b.describe());
        radios.first().check();
        CitizenSite.button(page, "Changer de créneau").click();
        page.waitForLoadState();
    }

    static void click(AuditedBrowser b, String name) {
        Page page = b.page();
        Locator target = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true))
                .or(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true)));
        assertTrue(target.count() > 0, "« " + name + " » on " + b.describe());
        target.first().click();
        page.waitForLoadState();
    }

    static JsonPath self(String token) {
        return Gateway.given().when().get("/api/v1/bookings/self/" + token).then().statusCode(200).extract().jsonPath();
    }

    static String absolute(String href) {
        return href.startsWith("http") ? href : AuditedBrowser.SITE + href;
    }
}
