package fr.maillage.system.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
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
            for (String path : List.of("/", "/?commune=Romagn%C3%A9&theme=" + CitizenSite.THEME + "&distance=10",
                    "/lieux/" + Demo.id("PLACE_ROMAGNE"), "/offres/" + offer.id(),
                    "/offres/" + offer.id() + "/reserver?creneau=" + offer.slotIds().get(0), "/rdv/" + token)) {
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
            }
            b.done();
        }
    }

    @Test
    void aBookingFormPostedWithoutItsCsrfTokenIsRefusedAndBooksNothing() {
        CitizenSite.TestOffer offer = CitizenSite.publishOffer("csrf", 4, 3);
        String slotId = offer.slotIds().get(0);
        try (AuditedBrowser b = AuditedBrowser.open("csrf", true)) {
            Page page = b.page();
            Response form = b.go("/offres/" + offer.id() + "/reserver?creneau=" + slotId);
            assertEquals(200, form.status());

            // the CSRF cookie: HttpOnly and SameSite
            Cookie csrf = b.context().cookies(Gateway.URL).stream().filter(c -> c.name.toLowerCase().contains("csrf")).findFirst()
                    .orElseThrow(() -> new AssertionError("no CSRF cookie after the form page: " + names(b)));
            assertTrue(csrf.httpOnly, "the CSRF cookie is HttpOnly");
            assertNotNull(csrf.sameSite, "the CSRF cookie has SameSite");
            String setCookie = form.allHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                    .map(Map.Entry::getValue).findFirst().orElse("");
            assertTrue(setCookie.toLowerCase().contains("httponly") && setCookie.toLowerCase().contains("samesite"),
                    "Set-Cookie flags: " + setCookie.replaceAll("=[^;\\n]+", "=…"));

            Locator theForm = page.locator("form[method=post i]:has(input[name=prenom])");
            assertEquals(1, theForm.count(), "one booking form");
            String action = CitizenBooksMovesAndCancelsInTheBrowserTest.absolute(theForm.getAttribute("action"));
            Locator hidden = theForm.locator("input[type=hidden][name*=csrf i]");
            assertEquals(1, hidden.count(), "the form carries a CSRF token field");
            String tokenField = hidden.getAttribute("name");
            String tokenValue = hidden.getAttribute("value");

            People.Mobile mobile = People.newMobile();
            Map<String, String> fields = Map.of("creneau", slotId, "prenom", "Sans jeton", "telephone", mobile.national(),
                    "consentement", "oui");
            APIResponse without = post(b, action, fields, null, null);
            assertTrue(without.status() == 400 || without.status() == 403, "no token -> refused, got " + without.status());
            APIResponse other = post(b, action, fields, tokenField, "pas-le-bon-jeton-" + tokenValue.substring(0, 4));
            assertTrue(other.status() == 400 || other.status() == 403, "another token -> refused, got " + other.status());
            assertEquals(4, ((Number) AdHocOffers.slot(slotId).get("remaining")).intValue(), "nothing booked or held");
            assertEquals(List.of(), SmsStub.to(mobile.e164()), "no code sent");

            // the same POST with the page's token goes through (so the refusals above were the token's)
            APIResponse with = post(b, action, fields, tokenField, tokenValue);
            assertEquals(303, with.status(), "with the token -> the code page");
            assertTrue(with.headers().get("location").matches(".*/reservations/[0-9a-f-]{36}/code"), with.headers().get("location"));
            b.done();
        }
    }

    @Test
    void aCancellationPostedWithoutItsCsrfTokenCancelsNothing() {
        CitizenSite.TestOffer offer = CitizenSite.publishOffer("csrf-annulation", 4, 3);
        String token = tokenOfABookingMadeByApi(offer.slotIds().get(0));
        try (AuditedBrowser b = AuditedBrowser.open("csrf-annulation", true)) {
            Page page = b.page();
            b.go("/rdv/" + token);
            CitizenBooksMovesAndCancelsInTheBrowserTest.click(b, "Annuler le rendez-vous");
            Locator confirm = page.locator("form[method=post i]:has(button:text-is('Oui, annuler'))");
            assertEquals(1, confirm.count(), "the cancellation form: " + b.describe());
            String action = CitizenBooksMovesAndCancelsInTheBrowserTest.absolute(confirm.getAttribute("action") == null
                    ? page.url() : confirm.getAttribute("action"));
            Locator hidden = confirm.locator("input[type=hidden][name*=csrf i]");
            assertEquals(1, hidden.count(), "the cancellation form carries a CSRF token field");
            Map<String, String> others = new java.util.HashMap<>();
            for (Locator input : confirm.locator("input[type=hidden]").all()) {
                if (!input.getAttribute("name").equals(hidden.getAttribute("name"))) {
                    others.put(input.getAttribute("name"), input.getAttribute("value"));
                }
            }
            APIResponse without = post(b, action, others, null, null);
            assertTrue(without.status() == 400 || without.status() == 403, "no token -> refused, got " + without.status());
            assertEquals("confirmed", CitizenBooksMovesAndCancelsInTheBrowserTest.self(token).getString("status"), "still booked");
            APIResponse with = post(b, action, others, hidden.getAttribute("name"), hidden.getAttribute("value"));
            assertTrue(with.status() == 303 || with.status() == 200, "with the token -> cancelled, got " + with.status());
            assertEquals("cancelled_by_citizen", CitizenBooksMovesAndCancelsInTheBrowserTest.self(token).getString("status"));
            b.done();
        }
    }

    @Test
    void theSelfServiceCookieOfTheConfirmationIsHttpOnlyStrictAndLimitedToItsBooking() {
        CitizenSite.TestOffer offer = CitizenSite.publishOffer("cookie", 4, 3);
        People.Mobile mobile = People.newMobile();
        try (AuditedBrowser b = AuditedBrowser.open("cookie-rdv", true)) {
            b.go("/offres/" + offer.id() + "/reserver?creneau=" + offer.slotIds().get(0));
            String bookingId = CitizenSite.fillAndBook(b, "Paulette", mobile, null);
            CitizenSite.typeCode(b, CitizenSite.codeFromSms(mobile, 1));
            assertTrue(b.page().url().endsWith("/confirmation"), b.describe());
            List<Cookie> cookies = b.context().cookies(Gateway.URL + "/reservations/" + bookingId + "/confirmation");
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

    private static APIResponse post(AuditedBrowser b, String action, Map<String, String> fields, String tokenField, String token) {
        FormData form = FormData.create();
        fields.forEach(form::set);
        if (tokenField != null) {
            form.set(tokenField, token);
        }
        return b.context().request().post(action, RequestOptions.create().setForm(form).setMaxRedirects(0)
                .setHeader("Origin", Gateway.URL).setHeader("Referer", Gateway.URL + "/"));
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
