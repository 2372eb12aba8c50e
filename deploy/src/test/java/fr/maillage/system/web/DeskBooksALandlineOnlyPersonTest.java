package fr.maillage.system.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Media;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.SmsStub;
import fr.maillage.system.Tokens;
import io.restassured.path.json.JsonPath;

/**
 * Issue 18, item 3 (first half), in Chromium through the gateway: the France Services agent signs in on Keycloak's real
 * login form and books, for a person who has only a landline, in at most five screens of ours — counted: every page
 * load of the tab from the form to the slip (1 « Prendre un rendez-vous pour quelqu'un », 2 the nearest free sessions,
 * 3 « Pour qui est ce rendez-vous ? », 4 the confirmation, 5 the slip) —, prints the slip (print media emulated: date,
 * time, place, address, what to bring and the structure's phone on it, the back links and « Imprimer » hidden; a PDF of
 * it is kept beside the screenshots), and the reminder is a voice call recorded by the provider stub at the reminder
 * time, never an SMS. Every page of ours passes {@link AuditedBrowser}'s checkpoint.
 *
 * <p>The session is made for the test (an ad-hoc offer at France Services de Fougères, AdHocOffers, with the theme
 * « Loisirs et créations numériques » that no demo offer near Fougères has), planned once the agent has signed in,
 * starting about ten minutes ahead with a reminder seven minutes before it: due two to three minutes later, after the
 * desk has booked (asserted), so the test waits for the call a minute or two. The call is the reminder said twice in
 * plain French (« Je répète »), with no link, and the desk's receipts list it, the number masked (this journey also
 * holds what the API-level VoiceReminderTest proved: one wait for a voice call in the suite, not two).
 */
class DeskBooksALandlineOnlyPersonTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.FRANCE);
    private static final int REMINDER_MINUTES = 7;
    /** The France Services place's phone in the demo (deploy/demo/10-directory.sh). */
    private static final String STRUCTURE_PHONE = "01 99 00 02 03";

    @Test
    void theAgentBooksForALandlineOnlyPersonInFiveScreensPrintsTheSlipAndTheReminderIsAVoiceCall() {
        Assumptions.assumeTrue(ZonedDateTime.now(PARIS).toLocalTime().isBefore(LocalTime.of(23, 15)),
                "a session ends on the day it starts: not run in the day's last three quarters of an hour");
        String org = Demo.id("PARTNER_FRANCE_SERVICES");
        String digits = "299" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        String landline = "+33" + digits;
        String national = "0" + digits.charAt(0) + " " + digits.substring(1, 3) + " " + digits.substring(3, 5) + " "
                + digits.substring(5, 7) + " " + digits.substring(7, 9);
        String slotId;
        String bookingId;
        ZonedDateTime start;
        Instant due;
        Instant booked;

        try (AuditedBrowser b = AuditedBrowser.open("guichet-fixe-fiche", true)) {
            Page page = b.page();
            String who = DeskSite.signIn(b, DeskSite.AGENT_FOUGERES);
            assertTrue(who.contains("France Services de Fougères"), "the header names the agent's structure: " + who);

            // the session, planned now (signed in) so that the reminder is due soon after the booking
            start = ZonedDateTime.now(PARIS).plusMinutes(10).truncatedTo(ChronoUnit.MINUTES);
            due = start.minusMinutes(REMINDER_MINUTES).toInstant();
            String title = "Permanence au guichet " + UUID.randomUUID().toString().substring(0, 6);
            slotId = publishSession(org, title, start);

            // screens counted from here: the menu's « Prendre un rendez-vous » opens the form (screen 1)
            int before = b.ourPageLoads();
            DeskSite.menu(b, "Prendre un rendez-vous");
            assertEquals("Prendre un rendez-vous pour quelqu'un", DeskSite.heading(page), b.describe());
            b.checkpoint("rdv-formulaire");

            // screen 2: the nearest free sessions of every structure, for Fougères and the need
            page.getByLabel("Commune de la personne", new Page.GetByLabelOptions().setExact(true)).fill("Fougères");
            page.getByLabel("Besoin", new Page.GetByLabelOptions().setExact(true)).selectOption(CitizenSite.THEME);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Chercher les créneaux").setExact(true)).click();
            page.waitForLoadState();
            b.checkpoint("rdv-creneaux");
            assertTrue(CitizenSite.text(page).contains("Créneaux libres près de Fougères"), "the results: " + b.describe()
                    + DeskSite.errors(page));
            Locator result = page.locator("ol.results > li.result").filter(new Locator.FilterOptions()
                    .setHas(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title).setExact(true))));
            assertEquals(1, result.count(), "our session's offer among the nearest: " + page.locator("ol.results h3").allInnerTexts());
            Locator choose = result.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^Choisir")));
            assertEquals(1, choose.count(), "one free session of our offer: " + result.innerText());
            assertTrue(result.locator(".slot-when").innerText().contains(timeOfDay(start)), "the session's time: " + result.innerText());

            // screen 3: for whom — a first name and a landline only
            choose.click();
            page.waitForLoadState();
            assertTrue(page.url().contains("/agent/rdv/creneau/" + slotId), "the person's screen of our slot: " + b.describe());
            assertEquals("Pour qui est ce rendez-vous ?", DeskSite.heading(page), b.describe());
            b.checkpoint("rdv-personne");
            page.getByLabel("Prénom", new Page.GetByLabelOptions().setExact(true)).fill("Josiane");
            page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Téléphone fixe").setExact(true)).check();
            page.getByLabel("Numéro de téléphone fixe", new Page.GetByLabelOptions().setExact(true)).fill(national);
            page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName(Pattern.compile("^La personne accepte"))).check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Prendre le rendez-vous").setExact(true)).click();
            page.waitForLoadState();

            // screen 4: the confirmation, reminder by a call on the landline
            Matcher m = Pattern.compile("/agent/rdv/([0-9a-f-]{36})$").matcher(page.url());
            assertTrue(m.find(), "after « Prendre le rendez-vous », the confirmation: " + b.describe() + DeskSite.errors(page));
            bookingId = m.group(1);
            booked = Instant.now();
            b.checkpoint("rdv-confirmation");
            assertEquals("Rendez-vous pris pour Josiane", DeskSite.heading(page), b.describe());
            assertEquals("par un appel sur le téléphone fixe", page.locator("dd.reminder").innerText().strip());

            // screen 5: the slip
            Locator print = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Imprimer la fiche").setExact(true));
            assertEquals(1, print.count(), "« Imprimer la fiche »: " + b.describe());
            print.click();
            page.waitForLoadState();
            assertTrue(page.url().endsWith("/agent/rdv/" + bookingId + "/fiche"), "the slip: " + b.describe());
            b.checkpoint("fiche");
            int screens = b.ourPageLoads() - before;
            assertTrue(screens <= 5, "from the form to the slip in at most 5 screens, not " + screens);

            // printed: the slip's facts, and nothing of the screen's navigation
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
            assertEquals("Votre rendez-vous", DeskSite.heading(page));
            assertSlip(page, start);
            Locator noPrint = page.locator(".no-print");
            assertTrue(noPrint.count() > 0, "the slip's back links and « Imprimer » are marked .no-print");
            for (int i = 0; i < noPrint.count(); i++) {
                assertFalse(noPrint.nth(i).isVisible(), ".no-print hidden in print: " + noPrint.nth(i).innerText());
            }
            // the paper's width (A4, 210 mm at 96 px per inch) for the picture of the printed slip; the PDF is A4 anyway
            page.setViewportSize(794, 1123);
            b.snapshot("fiche-imprimee", true);
            page.setViewportSize(Browser.WIDTH, Browser.HEIGHT);
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));
            b.done();
        }

        // the booking as booking-service has it: a landline, no e-mail, reminded by voice
        JsonPath booking = Gateway.given().auth().oauth2(Tokens.agent(org)).when().get("/api/v1/bookings/" + bookingId)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("confirmed", booking.getString("status"));
        assertEquals("voice", booking.getString("reminderChannel"));
        assertEquals(slotId, booking.getString("slotId"));
        assertNull(booking.getString("person.email"));
        assertTrue(booked.isBefore(due), "the desk booked before the reminder was due (" + due + "), at " + booked
                + ": the browser part took too long for this test's lead time");

        // at the reminder time, one voice call to the landline (the stub's journal); never an SMS
        await().atMost(Duration.between(Instant.now(), due.plusSeconds(150))).pollInterval(Duration.ofSeconds(2))
                .until(() -> !SmsStub.voiceCallsTo(landline).isEmpty());
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
        List<SmsStub.VoiceCall> calls = SmsStub.voiceCallsTo(landline);
        assertEquals(1, calls.size(), "one call, the reminder (the slip is the confirmation): " + calls);
        SmsStub.VoiceCall call = calls.get(0);
        assertTrue(call.loggedAt() >= due.toEpochMilli() - 1_000, "called at the reminder time (" + due + "), not before: "
                + Instant.ofEpochMilli(call.loggedAt()));
        assertEquals("fr-FR", call.language());
        String text = call.text();
        assertTrue(text.startsWith("Bonjour, ceci est un rappel de Maillage."), text);
        assertEquals(1, count(text, "Je répète"), "said twice: " + text);
        assertEquals(2, count(text, "vous avez rendez-vous"), "said twice: " + text);
        assertFalse(text.contains("http") || text.contains("/rdv/"), "no link read aloud: " + text);
        assertEquals(List.of(), SmsStub.to(landline), "never an SMS to a landline");

        // the desk sees the receipt: a voice reminder, nothing else, the number masked
        List<Map<String, Object>> receipts = Gateway.given().auth().oauth2(Tokens.agent(org)).queryParam("bookingId", bookingId)
                .when().get("/api/v1/notifications").then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(1, receipts.size(), receipts.toString());
        assertEquals("voice", receipts.get(0).get("channel"));
        assertEquals("booking_reminder", receipts.get(0).get("template"));
        assertEquals(call.reference(), receipts.get(0).get("id"));
        assertFalse(String.valueOf(receipts.get(0).get("recipient")).contains(digits.substring(2)), "masked: " + receipts);
        // the provider reports the call answered (issue 23: the stub calls back with the run's voice callback secret)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> "delivered".equals(
                Gateway.given().auth().oauth2(Tokens.agent(org)).queryParam("bookingId", bookingId)
                        .when().get("/api/v1/notifications").then().statusCode(200).extract().jsonPath().getString("items[0].status")));
    }

    private static int count(String text, String part) {
        return text.toLowerCase(Locale.ROOT).split(Pattern.quote(part.toLowerCase(Locale.ROOT)), -1).length - 1;
    }

    /**
     * An offer of France Services de Fougères at its place with one session at {@code start} (15 minutes) and one
     * reminder {@link #REMINDER_MINUTES} before it; returns the session's slot id.
     */
    private static String publishSession(String org, String title, ZonedDateTime start) {
        String offerId = UUID.randomUUID().toString();
        Map<String, Object> offer = new HashMap<>(AdHocOffers.offer(Demo.id("PLACE_FRANCE_SERVICES"), org, "permanence_individuelle",
                1, 15, List.of(new AdHocOffers.Session(start.toLocalDate(), start.toLocalTime(), start.toLocalTime().plusMinutes(15)))));
        offer.put("title", title);
        offer.put("themes", List.of(CitizenSite.THEME, "aide_demarches"));
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = (Map<String, Object>) offer.get("bookingRules");
        rules.put("reminderOffsetsMinutes", List.of(REMINDER_MINUTES));
        return (String) AdHocOffers.publish(offerId, offer, 1).get(0).get("id");
    }

    /** The slip's facts, as printed. */
    private static void assertSlip(Page page, ZonedDateTime start) {
        String date = fact(page, "dd.slip-date");
        assertEquals(DAY.format(start), date, "the date on the slip");
        assertTrue(fact(page, "dd.slip-time").startsWith("de " + timeOfDay(start) + " à "), "the time on the slip: "
                + fact(page, "dd.slip-time"));
        assertTrue(fact(page, "dd.slip-place").contains("France Services de Fougères"), "the place on the slip: "
                + fact(page, "dd.slip-place"));
        String address = fact(page, "dd.slip-address");
        assertTrue(address.contains("1 place Aristide-Briand") && address.contains("35300") && address.contains("Fougères"),
                "the address on the slip: " + address);
        assertEquals(STRUCTURE_PHONE, fact(page, "dd.slip-phone"), "the structure's phone on the slip");
        Locator bring = page.locator("ul.slip-bring > li");
        assertTrue(bring.count() > 0 && bring.first().isVisible(), "what to bring, on paper too");
        assertTrue(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Ce qu'il faut apporter")).isVisible(),
                "« Ce qu'il faut apporter »");
    }

    private static String fact(Page page, String selector) {
        Locator dd = page.locator(selector);
        assertEquals(1, dd.count(), selector + " on the slip");
        assertTrue(dd.isVisible(), selector + " printed");
        return dd.innerText().strip().replaceAll("\\s+", " ");
    }

    /** « 9 h 30 », « 14 h »: how the pages write a time of day. */
    static String timeOfDay(ZonedDateTime t) {
        return t.getMinute() == 0 ? t.getHour() + " h" : t.getHour() + " h " + String.format("%02d", t.getMinute());
    }
}
