package fr.maillage.system.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The volunteer pages ({@code /benevole}, issue 19) as a volunteer uses them, found by their labels, roles and texts
 * (the web-benevole helper's flow, /work/notes/requests19/browser.md): signing in on Keycloak's real login form, the
 * header's menu, a list item holding a text. The demo volunteers are those of deploy/keycloak/maillage-realm.json.
 */
final class VolunteerSite {
    /** Claude, volunteer of the CCAS de Boigny-sur-Bionne (person …0203). */
    static final String BENEVOLE_BOIGNY = "benevole.boigny";

    private VolunteerSite() {
    }

    /** Opens {@code /benevole}, signs in on Keycloak as {@code user}, back on « Mes permanences » (checkpointed, its h1 checked). */
    static void signIn(AuditedBrowser b, String user) {
        Page page = b.page();
        b.go("/benevole");
        assertTrue(b.onKeycloakLoginForm(), "/benevole asks a newcomer to sign in on Keycloak: " + b.describe());
        b.signInOnKeycloak(user, DeskSite.PASSWORD);
        assertTrue(page.url().startsWith(AuditedBrowser.SITE + "/benevole"), "back on the volunteer pages after signing in: "
                + b.describe());
        b.checkpoint("mes-permanences");
        assertEquals("Mes permanences", DeskSite.heading(page), b.describe());
    }

    /** A link of the header's menu « Menu de l'espace bénévole », followed. */
    static void menu(AuditedBrowser b, String name) {
        Page page = b.page();
        Locator link = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Menu de l'espace bénévole")).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
        assertEquals(1, link.count(), "« " + name + " » in the menu: " + b.describe());
        link.click();
        page.waitForLoadState();
    }

    /** The innermost list item of the page holding {@code text} (an offer's unique title). */
    static Locator item(Page page, String text) {
        return page.locator("li").filter(new Locator.FilterOptions().setHasText(text)).last();
    }

    /** A button by its exact accessible name inside {@code scope}. */
    static Locator button(Locator scope, String name) {
        return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    /** A button whose accessible name starts with {@code name} inside {@code scope} (e.g. « J'accepte : Mardi… »). */
    static Locator startingWith(Locator scope, String name) {
        return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName(java.util.regex.Pattern.compile("^" + literal(name))));
    }

    /**
     * {@code text} as a regular expression matching itself, in a syntax JavaScript reads too: Playwright hands a
     * Pattern's source to the browser, which does not know Java's \Q…\E (what Pattern.quote writes).
     */
    static String literal(String text) {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    }

    /** A button by its exact accessible name on the page. */
    static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** The page's notices ({@code role=status}) as one text. */
    static String notice(Page page) {
        Locator status = page.getByRole(AriaRole.STATUS);
        return status.count() == 0 ? "" : String.join(" ", status.allInnerTexts());
    }
}
