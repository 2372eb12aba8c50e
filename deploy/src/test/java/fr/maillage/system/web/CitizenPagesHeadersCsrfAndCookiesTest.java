package fr.maillage.system.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.SmsStub;

/**
 * Issue 17 item 4, checked from the browser: the Content-Security-Policy of the contract (no inline script), nosniff,
 * {@code Referrer-Policy: no-referrer} on the self-service pages; a form POSTed without its CSRF token (or with another
 * one) is refused and changes nothing — booking form and cancellation alike — while the same POST with the page's token
 * goes through; the CSRF cookie is HttpOnly and SameSite, and so is the cookie carrying the self-service token to the
 * confirmation page (Strict, limited to that booking's pages).
 */
class CitizenPagesHeadersCsrfAndCookiesTest {
    private static final List<String> CSP = List.of("default-src 'self'", "script-src 'self'", "style-src 'self'",
            "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'");

    @Test
    void headersOnEveryKindOfPage() {
        CitizenSite.TestOffer offer = CitizenSite.publishOffer("entetes", 4, 3);
        String token = tokenOfABookingMadeByApi(offer.slotIds().get(0));
        try (AuditedBrowser b = AuditedBrowser.open("entetes", true)) {
            Map<String, String> pages = new java.util.LinkedHashMap<>();
            pages.put("accueil", "/");
            pages.put("resultats", "/?commune=Romagn%C3%A9&theme=" + CitizenSite.THEME + "&distance=10");
            pages.put("lieu", "/lieux/" + Demo.id("PLACE_ROMAGNE"));
            pages.put("offre", "/offres/" + offer.id());
            pages.put("formulaire", "/offres/" + offer.id() + "/reserver?creneau=" + offer.slotIds().get(0));
            pages.put("rdv", "/rdv/" + token);
            for (Map.Entry<String, String> entry : pages.entrySet()) {
                String path = entry.getValue();
                Response response = b.go(path);
                String shown = AuditedBrowser.mask(path);
                assertEquals(200, response.status(), shown);
                String csp = response.headerValue("content-security-policy");
                assertNotNull(csp, "CSP on " + shown);
                for (String directive : CSP) {
                    assertTrue(csp.contains(directive), "CSP of " + shown + " lacks " + directive + ": " + csp);
                }
                assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), "no inline script: " + csp);
                assertEquals("nosniff", response.headerValue("x-content-type-options"), shown);
                assertTrue(response.headerValue("content-type").startsWith("text/html"), shown);
                assertEquals(0, b.page().locator("script:not([src])").count(), "no inline script element on " + shown);
                if (path.startsWith("/rdv/")) {
                    assertEquals("no-referrer", response.headerValue("referrer-policy"), "Referrer-Policy on " + shown);
                }
                b.checkpoint(entry.getKey());
            }
            // an unknown offer: the 404 page, with the same headers, accessible too
            Response missing = b.go("/offres/" + java.util.UUID.randomUUID());
            assertEquals(404, missing.status());
            assertNotNull(missing.headerValue("content-security-policy"), "CSP on the 404 page");
            assertTrue(CitizenSite.text(b.page()).contains("introuvable"), "a French 404 page: " + CitizenSite.text(b.page()));
            b.checkpoint("page-introuvable");
            b.done();
        }
    }

    @Test
    void aBookingFormPostedWithoutItsCsrfTokenIsRefusedAndBooksNothing() {
        CitizenSite.TestOffer offer = CitizenSite.publishOffer("csrf", 4, 3);
        String slotId = offer.slotIds().get(0);
        String formPath = "/offres/" + offer.id() + "/reserver?creneau=" + slotId;
        try (AuditedBrowser b = AuditedBrowser.open("csrf", true)) {
            Page page = b.page();
            Response form = b.go(formPath);
            assertEquals(200, form.status());
            b.checkpoint("formulaire");

            // the CSRF cookie: HttpOnly and SameSite
            Cookie csrf = b.context().cookies(AuditedBrowser.SITE).stream().filter(c -> c.name.toLowerCase().contains("csrf")).findFirst()
                    .orElseThrow(() -> new AssertionError("no CSRF cookie after the form page: " + names(b)));
            assertTrue(csrf.httpOnly, "the CSRF cookie is HttpOnly");
            assertNotNull(csrf.sameSite, "the CSRF cookie has SameSite");
            String setCookie = form.allHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                    .map(Map.Entry::getValue).findFirst().orElse("");
            assertTrue(setCookie.toLowerCase().contains("httponly") && setCookie.toLowerCase().contains("samesite"),
                    "Set-Cookie flags: " + setCookie.replaceAll("=[^;\\n]+", "=…"));

            // the form as a person fills it, sent without its token field, then with another token: refused
            People.Mobile mobile = People.newMobile();
            CitizenSite.fillForm(page, "Sans jeton", mobile, null);
            int without = submitTampered(page, "Réserver", "e => e.remove()");
            assertTrue(without == 400 || without == 403, "no token -> refused, got " + without);
            b.checkpoint("csrf-refuse");
            b.go(formPath);
            b.checkpoint("formulaire-2");
            CitizenSite.fillForm(page, "Autre jeton", mobile, null);
            int other = submitTampered(page, "Réserver", "e => e.value = 'AAAA' + e.value.substring(4)");
            assertTrue(other == 400 || other == 403, "another token -> refused, got " + other);
            b.checkpoint("csrf-refuse-2");
            assertEquals(4, ((Number) AdHocOffers.slot(slotId).get("remaining")).intValue(), "nothing booked or held");
            assertEquals(List.of(), SmsStub.to(mobile.e164()), "no code sent");

            // the same form with its token goes through (so the refusals above were the token's)
            b.go(formPath);
            b.checkpoint("formulaire-3");
            CitizenSite.fillAndBook(b, "Avec jeton", mobile, null);
            assertEquals(3, ((Number) AdHocOffers.slot(slotId).get("remaining")).intValue(), "held for the code");
            b.done();
        }
    }

    @Test
    void aCancellationPostedWithoutItsCsrfTokenCancelsNothing() {
        CitizenSite.TestOffer offer = CitizenSite.publishOffer("csrf-annulation", 4, 3);
        String token = tokenOfABookingMadeByApi(offer.slotIds().get(0));
        try (AuditedBrowser b = AuditedBrowser.open("csrf-annulation", true)) {
            b.go("/rdv/" + token);
            b.checkpoint("rdv");
            CitizenBooksMovesAndCancelsInTheBrowserTest.click(b, "Annuler le rendez-vous");
            b.checkpoint("annuler");
            int without = submitTampered(b.page(), "Oui, annuler", "e => e.remove()");
            assertTrue(without == 400 || without == 403, "no token -> refused, got " + without);
            b.checkpoint("csrf-refuse");
            assertEquals("confirmed", CitizenBooksMovesAndCancelsInTheBrowserTest.self(token).getString("status"), "still booked");

            b.go("/rdv/" + token);
            b.checkpoint("rdv-2");
            CitizenBooksMovesAndCancelsInTheBrowserTest.click(b, "Annuler le rendez-vous");
            b.checkpoint("annuler-2");
            CitizenBooksMovesAndCancelsInTheBrowserTest.click(b, "Oui, annuler");
            b.checkpoint("annule");
            assertEquals("cancelled_by_citizen", CitizenBooksMovesAndCancelsInTheBrowserTest.self(token).getString("status"),
                    "with its token the same form cancels");
            b.done();
        }
    }

    /**
     * Alters the CSRF field of the form holding the button {@code button} ({@code script} on the input: remove it, change
     * its value), then presses the button as a person would: the browser POSTs the form with its cookies. @return the
     * status of the POST.
     */
    private static int submitTampered(Page page, String button, String script) {
        Locator form = page.locator("form[method=post i]").filter(new Locator.FilterOptions()
                .setHas(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true))));
        assertEquals(1, form.count(), "one form with « " + button + " »");
        Locator field = form.locator("input[type=hidden][name*=csrf i]");
        assertEquals(1, field.count(), "the form carries a CSRF token field");
        field.evaluate(script);
        Response response = page.waitForResponse(r -> "POST".equals(r.request().method()),
                () -> CitizenSite.button(page, button).click());
        page.waitForLoadState();
        return response.status();
    }

    @Test
    void theSelfServiceCookieOfTheConfirmationIsHttpOnlyStrictAndLimitedToItsBooking() {
        CitizenSite.TestOffer offer = CitizenSite.publishOffer("cookie", 4, 3);
        People.Mobile mobile = People.newMobile();
        try (AuditedBrowser b = AuditedBrowser.open("cookie-rdv", true)) {
            b.go("/offres/" + offer.id() + "/reserver?creneau=" + offer.slotIds().get(0));
            b.checkpoint("formulaire");
            String bookingId = CitizenSite.fillAndBook(b, "Paulette", mobile, null);
            CitizenSite.typeCode(b, CitizenSite.codeFromSms(mobile, 1));
            assertTrue(b.page().url().endsWith("/confirmation"), b.describe());
            b.checkpoint("confirmation");
            List<Cookie> cookies = b.context().cookies(AuditedBrowser.SITE + "/reservations/" + bookingId + "/confirmation");
            for (Cookie c : cookies) {
                assertTrue(c.httpOnly, "cookie " + c.name + " is HttpOnly");
                assertNotNull(c.sameSite, "cookie " + c.name + " has SameSite");
            }
            cookies.stream().filter(c -> !c.name.toLowerCase().contains("csrf")).forEach(c -> {
                assertEquals(SameSiteAttribute.STRICT, c.sameSite, "the self-service cookie " + c.name + " is SameSite=Strict");
                assertEquals("/reservations/" + bookingId, c.path, "limited to the booking's pages");
            });
            assertTrue(cookies.stream().anyMatch(c -> !c.name.toLowerCase().contains("csrf")),
                    "the confirmation page got the self-service link through a cookie of its own: " + names(b));
            b.done();
        }
    }

    private static String names(AuditedBrowser b) {
        return b.context().cookies().stream().map(c -> c.name).toList().toString();
    }

    /** A confirmed booking made through the API by the commune's application; its self-service token. */
    static String tokenOfABookingMadeByApi(String slotId) {
        People.Mobile mobile = People.newMobile();
        String url = Gateway.asPartnerApp(Demo.id("PARTNER_ROMAGNE")).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", "Api", "phone", mobile.national(), "smsConsent", true, "emailConsent", false),
                "need", Map.of("theme", CitizenSite.THEME),
                "bookedBy", "citizen"))
                .when().post("/api/v1/bookings").then().statusCode(201).extract().path("selfServiceUrl");
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
