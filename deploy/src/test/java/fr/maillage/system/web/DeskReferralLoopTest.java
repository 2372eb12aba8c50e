package fr.maillage.system.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;

import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.Tokens;

/**
 * Issue 18, item 3 (second half), in Chromium through the gateway, each person in a browser of their own signed in on
 * Keycloak's real login form: the secretary of the mairie of Romagné orients a person to « France Services de
 * Fougères » (« Orienter une personne »); the France Services agent finds the person under « Orientations reçues » and
 * presses « Venue »; the secretary reloads her « Orientations » and reads « La personne est venue » under
 * « Orientations envoyées » — the loop is closed (checked through the API too: status attended, from Romagné to France
 * Services). Both sign out: after « Se déconnecter », /agent asks for Keycloak's login again. Every page of ours passes
 * {@link AuditedBrowser}'s checkpoint.
 */
class DeskReferralLoopTest {

    @Test
    void theSecretaryOrientsAPersonTheFranceServicesMarksVenueAndTheSecretarySeesIt() {
        // a person of this run alone (the lists hold every orientation of the structures)
        String lastName = "Le Gall-" + randomLetters(6);
        String note = "Elle doit refaire sa carte Vitale et n'a pas d'ordinateur.";
        String referralId;
        try (AuditedBrowser secretary = AuditedBrowser.open("orientation-secretaire", true)) {
            Page mairie = secretary.page();
            String who = DeskSite.signIn(secretary, DeskSite.SECRETAIRE_ROMAGNE);
            assertTrue(who.contains("Romagné"), "the header names the secretary's mairie: " + who);
            DeskSite.menu(secretary, "Orientations");
            assertEquals("Orientations", DeskSite.heading(mairie), secretary.describe());
            secretary.checkpoint("orientations");

            mairie.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Orienter une personne").setExact(true)).click();
            mairie.waitForLoadState();
            assertEquals("Orienter une personne", DeskSite.heading(mairie), secretary.describe());
            secretary.checkpoint("orienter");
            mairie.getByLabel("Prénom", new Page.GetByLabelOptions().setExact(true)).fill("Gisèle");
            mairie.getByLabel("Nom", new Page.GetByLabelOptions().setExact(true)).fill(lastName);
            mairie.getByLabel("Commune où habite la personne", new Page.GetByLabelOptions().setExact(true)).fill("Romagné");
            mairie.getByLabel("Besoin", new Page.GetByLabelOptions().setExact(true)).selectOption("aide_demarches");
            Locator structure = mairie.getByLabel("Structure vers laquelle vous orientez", new Page.GetByLabelOptions().setExact(true));
            List<String> names = structure.locator("option").allInnerTexts();
            String franceServices = names.stream().map(String::strip).filter(n -> n.startsWith("France Services de Fougères"))
                    .findFirst().orElseThrow(() -> new AssertionError("« France Services de Fougères » among the structures: " + names));
            structure.selectOption(new SelectOption().setLabel(franceServices));
            mairie.getByLabel("Note pour la structure", new Page.GetByLabelOptions().setExact(true)).fill(note);
            mairie.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Envoyer l'orientation").setExact(true)).click();
            mairie.waitForLoadState();
            assertTrue(mairie.url().contains("/agent/orientations?fait=envoyee"), "sent: " + secretary.describe()
                    + DeskSite.errors(mairie));
            secretary.checkpoint("orientation-envoyee");
            assertTrue(mairie.getByRole(AriaRole.STATUS).first().innerText().contains("L'orientation est envoyée"),
                    "the notice: " + secretary.describe());
            Locator sent = referral(mairie, "envoyees", lastName);
            assertEquals(1, sent.count(), "the person under « Orientations envoyées »: " + secretary.describe());
            assertEquals("Envoyée, pas encore de suite", status(sent));
            referralId = sent.getAttribute("id").replaceFirst("^orientation-", "");

            // the France Services agent, in a browser of her own
            try (AuditedBrowser agent = AuditedBrowser.open("orientation-france-services", true)) {
                Page guichet = agent.page();
                String agentWho = DeskSite.signIn(agent, DeskSite.AGENT_FOUGERES);
                assertTrue(agentWho.contains("France Services de Fougères"), "the agent's structure: " + agentWho);
                DeskSite.menu(agent, "Orientations");
                agent.checkpoint("orientations-recues");
                Locator received = referral(guichet, "recues", lastName);
                assertEquals(1, received.count(), "the person under « Orientations reçues »: " + agent.describe());
                String card = received.innerText();
                assertTrue(card.contains("Gisèle") && card.contains("Romagné") && card.contains(note),
                        "who, from whom and the note: " + card);
                assertEquals("Envoyée, pas encore de suite", status(received));
                received.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Venue").setExact(true)).click();
                guichet.waitForLoadState();
                agent.checkpoint("suite-enregistree");
                assertTrue(guichet.getByRole(AriaRole.STATUS).first().innerText().contains("La suite est enregistrée"),
                        "the notice: " + agent.describe() + DeskSite.errors(guichet));
                assertEquals("La personne est venue", status(referral(guichet, "recues", lastName)));
                DeskSite.signOut(agent);
                agent.done();
            }

            // back at the mairie: the outcome came back
            mairie.reload();
            mairie.waitForLoadState();
            secretary.checkpoint("orientations-avec-suite");
            Locator back = referral(mairie, "envoyees", lastName);
            assertEquals(1, back.count(), secretary.describe());
            assertEquals("La personne est venue", status(back), "the secretary sees the outcome");
            assertTrue(back.locator("ul.history").innerText().contains("Venue"), "the history: " + back.innerText());
            DeskSite.signOut(secretary);
            secretary.done();
        }

        // the same, as booking-service has it
        Map<String, Object> referral = Gateway.given().auth().oauth2(Tokens.agent(Demo.id("PARTNER_ROMAGNE")))
                .when().get("/api/v1/referrals/" + referralId).then().statusCode(200).extract().jsonPath().getMap("$");
        assertEquals("attended", referral.get("status"));
        assertEquals(Demo.id("PARTNER_ROMAGNE"), referral.get("fromPartnerId"));
        assertEquals(Demo.id("PARTNER_FRANCE_SERVICES"), referral.get("targetPartnerId"));
        assertEquals("aide_demarches", referral.get("need"));
    }

    /** The person's card in a section of « Orientations » (« recues » or « envoyees »). */
    private static Locator referral(Page page, String section, String lastName) {
        return page.locator("section[aria-labelledby=" + section + "] li.referral")
                .filter(new Locator.FilterOptions().setHas(page.locator("h3", new Page.LocatorOptions().setHasText(lastName))));
    }

    private static String status(Locator card) {
        return card.locator("dd.referral-status").innerText().strip();
    }

    private static String randomLetters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            char c = (char) ('a' + ThreadLocalRandom.current().nextInt(26));
            s.append(i == 0 ? Character.toUpperCase(c) : c);
        }
        return s.toString();
    }
}
