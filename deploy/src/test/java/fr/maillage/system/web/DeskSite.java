package fr.maillage.system.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The desk pages ({@code /agent}, issue 18) as an agent or a mairie secretary uses them, found by their labels, roles
 * and texts (the web helper's flow, /work/notes/requests18/browser.md): signing in on Keycloak's real login form, the
 * header's menu « Menu de l'accueil » (« Aujourd'hui », « Prendre un rendez-vous », « Orientations »,
 * « Se déconnecter »), signing out. The demo users are those of deploy/keycloak/maillage-realm.json.
 */
public final class DeskSite {
    /** Agent of France Services de Fougères (org …0003). */
    public static final String AGENT_FOUGERES = "agent.fougeres";
    /** Secretary of the mairie of Romagné (org …0001). */
    public static final String SECRETAIRE_ROMAGNE = "secretaire.romagne";
    /** The demo users' password (dev realm only). */
    public static final String PASSWORD = System.getProperty("maillage.demo.password", "demo");

    private DeskSite() {
    }

    /**
     * Opens {@code /agent}, which sends a newcomer to Keycloak's login form; signs in there as {@code user}; back on
     * « Aujourd'hui », which is checkpointed. Returns the header's « who » line (name, structure).
     */
    public static String signIn(AuditedBrowser b, String user) {
        Page page = b.page();
        b.go("/agent");
        assertTrue(b.onKeycloakLoginForm(), "/agent asks a newcomer to sign in on Keycloak: " + b.describe());
        b.signInOnKeycloak(user, PASSWORD);
        assertTrue(page.url().startsWith(AuditedBrowser.SITE + "/agent"), "back on the desk after signing in: " + b.describe());
        b.checkpoint("aujourdhui");
        assertTrue(heading(page).startsWith("Aujourd'hui"), "« Aujourd'hui » first: " + b.describe());
        Locator who = page.locator(".who");
        assertEquals(1, who.count(), "the header says who is signed in: " + b.describe());
        return who.innerText();
    }

    /** A link of the header's menu « Menu de l'accueil », followed. */
    public static void menu(AuditedBrowser b, String name) {
        Page page = b.page();
        Locator nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Menu de l'accueil"));
        assertEquals(1, nav.count(), "the desk's menu: " + b.describe());
        Locator link = nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
        assertEquals(1, link.count(), "« " + name + " » in the menu: " + b.describe());
        link.click();
        page.waitForLoadState();
    }

    /**
     * « Se déconnecter »: Keycloak ends the session and sends back to the public home page (checkpointed); then
     * {@code /agent} asks for Keycloak's login form again.
     */
    public static void signOut(AuditedBrowser b) {
        Page page = b.page();
        menu(b, "Se déconnecter");
        page.waitForURL(url -> AuditedBrowser.sameOriginAsTheGateway(url) && !url.contains("/agent"),
                new Page.WaitForURLOptions().setTimeout(30_000));
        b.checkpoint("deconnecte");
        assertEquals(AuditedBrowser.SITE + "/", page.url().replaceAll("\\?.*", ""), "signed out, on the public home page: " + b.describe());
        b.go("/agent");
        assertTrue(b.onKeycloakLoginForm(), "after « Se déconnecter », /agent asks Keycloak's login again: " + b.describe());
    }

    /** The page's first heading. */
    public static String heading(Page page) {
        Locator h1 = page.locator("h1");
        return h1.count() == 0 ? "" : h1.first().innerText().strip();
    }

    /** A button by its accessible name, exact or by pattern. */
    public static Locator button(Locator scope, Pattern name) {
        return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name));
    }

    /** What the page says went wrong (error summary, field errors), for failure messages. */
    public static String errors(Page page) {
        Locator alerts = page.locator(".error-summary, .error, [role=alert]");
        return alerts.count() == 0 ? "" : " errors: " + AuditedBrowser.mask(alerts.allInnerTexts().toString());
    }
}
