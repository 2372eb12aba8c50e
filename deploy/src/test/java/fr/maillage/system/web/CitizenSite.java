package fr.maillage.system.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.People;
import fr.maillage.system.SmsStub;

/**
 * The citizen pages as a person uses them, found by their labels and roles (the contract of /work/notes/ISSUE17.md:
 * « Commune », « Rechercher », « Réserver », « Prénom », « Téléphone portable », « Code reçu », « Confirmer »,
 * « Changer de créneau », « Annuler le rendez-vous », « Oui, annuler »), and the offers the journeys book: made
 * for each test at Romagné's pôle socioculturel with the theme « Loisirs et créations numériques », which no demo offer
 * has, so that a search near Romagné for that need lists them (each with a title of its own).
 */
public final class CitizenSite {
    /** The need the browser journeys search for: no demo offer and no other system test uses it. */
    public static final String THEME = "loisirs_creation";
    public static final String THEME_LABEL = "Loisirs et créations numériques";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final Pattern LINK = Pattern.compile("(https?://\\S+?)?(/rdv/[A-Za-z0-9_~.-]+)");

    private CitizenSite() {
    }

    /** An offer of ours near Romagné with one session per day offset (3, 4…: beyond the 24-hour change limit). */
    public record TestOffer(String id, String title, List<String> slotIds) {
    }

    public static TestOffer publishOffer(String kind, int capacity, int... daysAhead) {
        String offerId = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        List<AdHocOffers.Session> sessions = java.util.Arrays.stream(daysAhead)
                .mapToObj(d -> new AdHocOffers.Session(today.plusDays(d), LocalTime.of(14, 0), LocalTime.of(15, 30))).toList();
        Map<String, Object> offer = new HashMap<>(AdHocOffers.offer(Demo.id("PLACE_ROMAGNE"), Demo.id("PARTNER_ROMAGNE"),
                "atelier_collectif", capacity, 90, sessions));
        String title = "Atelier " + kind + " " + offerId.substring(0, 6);
        offer.put("title", title);
        offer.put("description", "Un atelier pour créer des photos et de la musique avec un ordinateur (test du navigateur).");
        offer.put("themes", List.of(THEME));
        List<Map<String, Object>> slots = AdHocOffers.publish(offerId, offer, daysAhead.length);
        List<String> ids = slots.stream().sorted(java.util.Comparator.comparing(s -> (String) s.get("start")))
                .map(s -> (String) s.get("id")).toList();
        return new TestOffer(offerId, title, ids);
    }

    // ------------------------------------------------------------------ steps

    /** « Trouver de l'aide près de chez moi »: Romagné, our need, 10 km, « Rechercher » → the results. */
    public static void searchNearRomagne(AuditedBrowser b) {
        Page page = b.page();
        b.go("/");
        b.checkpoint("recherche");
        page.getByLabel("Commune", new Page.GetByLabelOptions().setExact(true)).fill("Romagné");
        page.getByLabel("Besoin", new Page.GetByLabelOptions().setExact(true)).selectOption(THEME);
        page.getByLabel("Distance", new Page.GetByLabelOptions().setExact(true)).selectOption("10");
        button(page, "Rechercher").click();
        page.waitForLoadState();
        // « Romagné » may be ambiguous (other communes of that name): the page then lists choices, as links
        Locator choice = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("Romagné.*35")));
        if (page.url().contains("commune=") && choice.count() > 0) {
            b.checkpoint("choix-commune");
            choice.first().click();
            page.waitForLoadState();
        }
        b.checkpoint("resultats");
    }

    /** From the results, the offer's page by its title (a link). */
    public static void openOffer(AuditedBrowser b, TestOffer offer) {
        openOffer(b, offer, "the results near Romagné");
    }

    private static void openOffer(AuditedBrowser b, TestOffer offer, String where) {
        Page page = b.page();
        Locator link = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(offer.title()));
        assertTrue(link.count() > 0, where + " list « " + offer.title() + " »: " + b.describe());
        link.first().click();
        page.waitForLoadState();
        assertTrue(page.url().contains("/offres/" + offer.id()), "the offer's page: " + b.describe());
        b.checkpoint("offre");
    }

    /** From the results, the place's page (Romagné's pôle socioculturel), then the offer's page from its list. */
    public static void openPlaceThenOffer(AuditedBrowser b, TestOffer offer) {
        Page page = b.page();
        Locator place = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Pôle socioculturel de Romagné"));
        assertTrue(place.count() > 0, "the results near Romagné list its pôle socioculturel: " + b.describe());
        place.first().click();
        page.waitForLoadState();
        assertTrue(page.url().contains("/lieux/" + Demo.id("PLACE_ROMAGNE")), "the place's page: " + b.describe());
        b.checkpoint("lieu");
        openOffer(b, offer, "the place's page");
    }

    /** On the offer's page, the n-th « Réserver » (or « Liste d'attente ») of the sessions, then the form. */
    public static void chooseSession(AuditedBrowser b, String name, int index) {
        Page page = b.page();
        Locator choose = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile(name)))
                .or(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile(name))));
        assertTrue(choose.count() > index, "« " + name + " » for session " + (index + 1) + ": " + b.describe());
        choose.nth(index).click();
        page.waitForLoadState();
        assertTrue(page.url().contains("/reserver"), "the booking form: " + b.describe());
        b.checkpoint("formulaire");
    }

    /** The booking form: first name, mobile phone, consent; « Réserver » → the code page. */
    public static String fillAndBook(AuditedBrowser b, String firstName, People.Mobile mobile, String residence) {
        Page page = b.page();
        fillForm(page, firstName, mobile, residence);
        button(page, "Réserver").click();
        page.waitForLoadState();
        Matcher m = Pattern.compile("/reservations/([0-9a-f-]{36})/code").matcher(page.url());
        assertTrue(m.find(), "after « Réserver », the code page: " + b.describe() + " " + errors(page));
        b.checkpoint("code");
        return m.group(1);
    }

    /** The booking form's fields: first name, mobile phone, (commune), consent. */
    public static void fillForm(Page page, String firstName, People.Mobile mobile, String residence) {
        page.getByLabel("Prénom", new Page.GetByLabelOptions().setExact(true)).fill(firstName);
        page.getByLabel("Téléphone portable").fill(mobile.national());
        if (residence != null) {
            page.getByLabel(Pattern.compile("Commune où vous habitez")).fill(residence);
        }
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName(Pattern.compile("J'accepte"))).check();
    }

    /** « Code reçu » ← the code, « Confirmer ». */
    public static void typeCode(AuditedBrowser b, String code) {
        Page page = b.page();
        page.getByLabel("Code reçu").fill(code);
        button(page, "Confirmer").click();
        page.waitForLoadState();
    }

    /** The 6-digit code of the last code SMS sent to this number (waits up to 60 s for the count-th one). */
    public static String codeFromSms(People.Mobile mobile, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> codeSms(mobile).size() >= count);
        List<SmsStub.Sms> sms = codeSms(mobile);
        Matcher m = CODE.matcher(sms.get(sms.size() - 1).text());
        assertTrue(m.find(), "a 6-digit code in the SMS");
        return m.group(1);
    }

    static List<SmsStub.Sms> codeSms(People.Mobile mobile) {
        return SmsStub.to(mobile.e164()).stream().filter(s -> s.text().contains("code")).toList();
    }

    /** The self-service path (/rdv/{token}) of the first SMS to this number that carries one (waits up to 60 s). */
    public static String linkFromSms(People.Mobile mobile) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> link(mobile).isPresent());
        return link(mobile).orElseThrow();
    }

    private static Optional<String> link(People.Mobile mobile) {
        for (SmsStub.Sms sms : SmsStub.to(mobile.e164())) {
            Matcher m = LINK.matcher(sms.text());
            if (m.find()) {
                return Optional.of(m.group(2));
            }
        }
        return Optional.empty();
    }

    public static String smsTexts(People.Mobile mobile) {
        return AuditedBrowser.mask(SmsStub.to(mobile.e164()).stream().map(SmsStub.Sms::text).toList().toString());
    }

    public static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** The visible text of the page's main content (for assertions and failure messages). */
    public static String text(Page page) {
        Locator main = page.locator("main");
        return (main.count() > 0 ? main.first() : page.locator("body")).innerText();
    }

    private static String errors(Page page) {
        Locator alerts = page.locator("[role=alert], .erreur, .error, [aria-invalid=true]");
        return alerts.count() == 0 ? "" : "errors: " + alerts.allInnerTexts();
    }
}
