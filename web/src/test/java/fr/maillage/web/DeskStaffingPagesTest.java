package fr.maillage.web;

import static fr.maillage.web.AgentPagesTest.csrf;
import static fr.maillage.web.AgentPagesTest.has;
import static fr.maillage.web.AgentPagesTest.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;

/**
 * The desk's staffing pages of issue 19 against {@link FakeStaffing}: « Permanences » (the structure's coming permanences,
 * « sans bénévole », staff names, ask the available volunteers, assign directly, remove) and « Absences et fermetures »
 * (form → preview that changes nothing → « Confirmer » once even when clicked twice → result; list and « Retirer »), with
 * the API's refusals next to the field they name, CSRF on every form, and the agent's token on every call (the fakes
 * refuse without it).
 */
@QuarkusTest
class DeskStaffingPagesTest {
    static final String IN_TWO_DAYS = LocalDate.now().plusDays(2).toString();
    static final String IN_THREE_DAYS = LocalDate.now().plusDays(3).toString();

    @BeforeEach
    void reset() {
        FakeDesk.reset();
        FakeStaffing.reset();
    }

    static JsonNode lastReceived() {
        return FakeStaffing.RECEIVED.get(FakeStaffing.RECEIVED.size() - 1);
    }

    // ------------------------------------------------------------------ Permanences

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = { @Claim(key = "org", value = FakeApi.PARTNER), @Claim(key = "name", value = "Claire Martin") })
    void theStructuresPermanencesWithTheirStaffAndTheUnderstaffedFilter() {
        String html = given().when().get("/agent/permanences").then().statusCode(200)
                .body(allOf(has("<h1>Permanences</h1>"), has("Claire Martin, Commune de Romagné"),
                        has("href=\"/agent/permanences\" aria-current=\"page\">Permanences<"),
                        has("href=\"/agent/absences\">Absences et fermetures<"), has("2 permanences."),
                        has("Sans bénévole"), has("Personne pour l'instant"), has("Claude Bénévole"),
                        has("2 bénévoles sollicités, pas encore de réponse"), has("Pôle socioculturel, Romagné"),
                        has("Permanence conseiller numérique"), has(", de 9 h à 11 h"), has("1 rendez-vous pris sur 4 places"),
                        has("<label for=\"sans-benevole\">Seulement les permanences sans bénévole</label>"),
                        has("href=\"/agent/permanences/" + FakeStaffing.EMPTY + "\"")))
                .extract().asString();
        CitizenPagesTest.lightAndClean(html);
        given().queryParam("sans-benevole", "oui").when().get("/agent/permanences").then().statusCode(200)
                .body(allOf(has("<h1>Permanences sans bénévole</h1>"), has("1 permanence."), has("checked"),
                        not(has(FakeStaffing.STAFFED)), not(has("Claude Bénévole"))));
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = FakeApi.PARTNER))
    void askTheAvailableVolunteersThenTheConfirmation() {
        String path = "/agent/permanences/" + FakeStaffing.EMPTY;
        String html = given().when().get(path).then().statusCode(200)
                .body(allOf(has("<h2 id=\"demander\">Demander aux bénévoles disponibles</h2>"),
                        has("<legend>Bénévoles disponibles</legend>"),
                        has("<label for=\"benevole-" + FakeStaffing.CLAUDE + "\">Claude Bénévole"),
                        has("(Aide aux démarches administratives)"), has("Sacha Martin"), has("(Tous les thèmes)"),
                        has(">Demander aux bénévoles disponibles</button>"),
                        has("<label for=\"personne\">Personne</label>"), has(">Affecter</button>"),
                        has("Sacha Martin (disponible)"), has("Dominique Agent</option>")))
                .extract().asString();
        CitizenPagesTest.lightAndClean(html);
        var csrf = csrf(path);
        Matcher key = Pattern.compile("name=\"cle\" value=\"([0-9a-f-]{36})\"").matcher(html);
        assertTrue(key.find(), "the ask form carries its key");
        Response none = post(path + "/demandes", csrf);
        assertEquals(422, none.statusCode());
        assertTrue(AgentPagesTest.text(none.asString()).contains("Cochez au moins un bénévole à qui demander."));
        assertTrue(none.asString().contains("<title>Erreur – "));
        assertTrue(none.asString().contains("id=\"benevoles-erreur\""));

        Response asked = post(path + "/demandes", csrf, "benevole", FakeStaffing.CLAUDE, "benevole", FakeStaffing.SACHA, "cle",
                key.group(1));
        assertEquals(303, asked.statusCode());
        assertEquals(path + "?fait=sollicites&nombre=2", asked.header("Location"));
        assertEquals(2, lastReceived().path("personIds").size());
        given().when().get(asked.header("Location")).then().statusCode(200)
                .body(allOf(has("2 bénévoles ont été sollicités."), has("Le premier qui accepte assure la permanence")));

        Response twice = post(path + "/demandes", csrf, "benevole", FakeStaffing.CLAUDE, "benevole", FakeStaffing.SACHA, "cle",
                key.group(1));
        assertEquals(303, twice.statusCode(), "a double click (same key) answers like the first, not « pas disponible »");
        assertEquals(1, FakeStaffing.RECEIVED.size(), "asked once");
        assertEquals(path + "?fait=sollicites&nombre=2", twice.header("Location"));
        given().when().get(path).then().statusCode(200).body(has("ou tous ont déjà été sollicités"));

        Response notAvailable = post(path + "/demandes", csrf, "benevole", FakeStaffing.DOMINIQUE);
        assertEquals(422, notAvailable.statusCode());
        assertTrue(AgentPagesTest.text(notAvailable.asString()).contains("n'est pas disponible pour cette permanence"));
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = FakeApi.PARTNER))
    void assignSomeoneDirectlyAndRemoveSomeoneWithTheApisRefusalsOnTheField() {
        String staffed = "/agent/permanences/" + FakeStaffing.STAFFED;
        given().when().get(staffed).then().statusCode(200)
                .body(allOf(has("<strong>Claude Bénévole</strong>"), has(">Retirer de la permanence<"),
                        not(has("Demander aux bénévoles disponibles")), has(">Affecter</button>"),
                        has("action=\"" + staffed + "/equipe/" + FakeStaffing.SHIFT + "/retirer\"")));
        var csrf = csrf(staffed);
        Response twice = post(staffed + "/equipe", csrf, "personne", FakeStaffing.CLAUDE);
        assertEquals(409, twice.statusCode());
        assertTrue(twice.asString().contains("Cette personne assure déjà cette permanence."));

        String empty = "/agent/permanences/" + FakeStaffing.EMPTY;
        Response assigned = post(empty + "/equipe", csrf, "personne", FakeStaffing.DOMINIQUE);
        assertEquals(303, assigned.statusCode());
        assertEquals(empty + "?fait=affecte", assigned.header("Location"));
        assertEquals(FakeStaffing.DOMINIQUE, lastReceived().path("personId").asText());
        given().when().get(assigned.header("Location")).then().statusCode(200)
                .body(allOf(has("La personne est affectée à la permanence."), has("<strong>Dominique Agent</strong>")));
        Response again = post(empty + "/equipe", csrf, "personne", FakeStaffing.DOMINIQUE);
        assertEquals(409, again.statusCode());
        assertTrue(again.asString().contains("Cette personne assure déjà cette permanence."));
        assertTrue(again.asString().contains("aria-describedby=\"personne-erreur\""));
        assertEquals(422, post(empty + "/equipe", csrf, "personne", "").statusCode());

        Response removed = post(staffed + "/equipe/" + FakeStaffing.SHIFT + "/retirer", csrf);
        assertEquals(303, removed.statusCode());
        given().when().get(removed.header("Location")).then().statusCode(200)
                .body(allOf(has("La personne est retirée de la permanence."), not(has("<strong>Claude Bénévole</strong>"))));
        Response gone = post(staffed + "/equipe/" + FakeStaffing.SHIFT + "/retirer", csrf);
        assertEquals(404, gone.statusCode());
        assertTrue(gone.asString().contains("Cette personne n&#39;assure plus cette permanence.")
                || gone.asString().contains("Cette personne n'assure plus cette permanence."));
    }

    // ------------------------------------------------------------------ Absences et fermetures

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = FakeApi.PARTNER))
    void declareAClosureSeeWhatHappensConfirmOnceAndSeeWhatWasDone() {
        CitizenPagesTest.lightAndClean(given().when().get("/agent/absences").then().statusCode(200)
                .body(allOf(has("<h1>Absences et fermetures</h1>"), has("Absence de Claude Bénévole"), has("Congés"),
                        has("En vigueur"), has(">Retirer<"), has(">Déclarer une absence ou une fermeture<"),
                        has("href=\"/agent/absences\" aria-current=\"page\"")))
                .extract().asString());
        String form = given().when().get("/agent/absences/nouvelle").then().statusCode(200)
                .body(allOf(has("<legend>Que déclarez-vous ?</legend>"),
                        has("<label for=\"type-personne\">L'absence d'une personne</label>"),
                        has("<label for=\"type-lieu\">La fermeture d'un lieu</label>"),
                        has("<label for=\"personne\">Personne absente</label>"), has("<label for=\"lieu\">Lieu fermé</label>"),
                        has("<label for=\"du\">Premier jour</label>"), has("<label for=\"au\">Dernier jour</label>"),
                        has("<label for=\"motif\">Motif</label>"), has("Pôle socioculturel (Romagné)</option>"),
                        has("Sacha Martin</option>"), has(">Voir ce qui va se passer</button>")))
                .extract().asString();
        CitizenPagesTest.lightAndClean(form);
        var csrf = csrf("/agent/absences/nouvelle");
        Response preview = post("/agent/absences/apercu", csrf, "type", "lieu", "lieu", FakeApi.PLACE, "du", IN_TWO_DAYS, "au",
                IN_THREE_DAYS, "motif", "travaux dans la salle");
        assertEquals(200, preview.statusCode());
        String p = AgentPagesTest.text(preview.asString());
        for (String expected : new String[] { "<h1>Avant de confirmer</h1>", "Fermeture : Pôle socioculturel, Romagné",
                "(motif : travaux dans la salle)", "Rien n'est encore changé.", "Créneaux fermés", "Josette", "Sera déplacé au ",
                "Raymond", "Sera annulé. La personne est prévenue", "Permanences retirées", "<strong>Claude Bénévole</strong>",
                "1 créneau fermé, 1 rendez-vous déplacé, 1 rendez-vous annulé, 1 personne retirée d'une permanence.",
                ">Confirmer</button>", ">Modifier</a>", "2 rendez-vous" }) {
            assertTrue(p.contains(expected), expected);
        }
        CitizenPagesTest.lightAndClean(preview.asString());
        assertTrue(FakeStaffing.RECEIVED.isEmpty(), "the preview changed nothing");
        Matcher key = Pattern.compile("name=\"cle\" value=\"([0-9a-f-]{36})\"").matcher(p);
        assertTrue(key.find(), "the confirmation carries its idempotency key");
        Matcher edit = Pattern.compile("href=\"(/agent/absences/nouvelle\\?[^\"]+)\"").matcher(preview.asString());
        assertTrue(edit.find());
        given().urlEncodingEnabled(false).when().get(edit.group(1).replace("&amp;", "&")).then().statusCode(200)
                .body(allOf(has("value=\"travaux dans la salle\""), has("value=\"" + IN_TWO_DAYS + "\""),
                        has("value=\"lieu\" checked")));

        Object[] confirm = { "type", "lieu", "lieu", FakeApi.PLACE, "du", IN_TWO_DAYS, "au", IN_THREE_DAYS, "motif",
                "travaux dans la salle", "cle", key.group(1) };
        Response declared = post("/agent/absences", csrf, confirm);
        assertEquals(200, declared.statusCode(), "what was done is shown in the answer (booking-service keeps no effects)");
        String done = AgentPagesTest.text(declared.asString());
        for (String expected : new String[] { "<h1>Fermeture : Pôle socioculturel, Romagné</h1>", "La fermeture est enregistrée.",
                "Déplacé au ", "Annulé. La personne est prévenue, avec un lien pour reprendre rendez-vous.",
                "<strong>Claude Bénévole</strong>", ">Retirer cette déclaration</button>",
                "action=\"/agent/absences/" + FakeStaffing.NEW_ABSENCE + "/retirer\"" }) {
            assertTrue(done.contains(expected), expected);
        }
        Response reload = post("/agent/absences", csrf, confirm);
        assertEquals(200, reload.statusCode(), "a second click or a reload replays the first answer");
        assertTrue(AgentPagesTest.text(reload.asString()).contains("La fermeture est enregistrée."));
        assertEquals(1, FakeStaffing.RECEIVED.size(), "declared once");
        assertEquals(List.of(key.group(1), key.group(1)), FakeStaffing.KEYS);
        JsonNode body = lastReceived();
        assertEquals(FakeApi.PLACE, body.path("placeId").asText());
        assertTrue(body.path("personId").isMissingNode());
        assertEquals(IN_TWO_DAYS, body.path("from").asText());
        assertEquals(IN_THREE_DAYS, body.path("to").asText());
        assertEquals("travaux dans la salle", body.path("reason").asText());
        given().when().get("/agent/absences/" + FakeStaffing.NEW_ABSENCE).then().statusCode(200)
                .body(allOf(has("<h1>Fermeture : Pôle socioculturel, Romagné</h1>"), has("travaux dans la salle"),
                        has("En vigueur"), not(has("La fermeture est enregistrée.")), not(has("Déplacé au "))));
        given().when().get("/agent/absences").then().statusCode(200)
                .body(has("href=\"/agent/absences/" + FakeStaffing.NEW_ABSENCE + "\">Fermeture : Pôle socioculturel, Romagné<"));
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = FakeApi.PARTNER))
    void aPersonsAbsenceForOneDayTypedTheFrenchWay() {
        var csrf = csrf("/agent/absences/nouvelle");
        LocalDate day = LocalDate.now().plusDays(2);
        String typed = day.getDayOfMonth() + "/" + day.getMonthValue() + "/" + day.getYear();
        Response preview = post("/agent/absences/apercu", csrf, "type", "personne", "personne", FakeStaffing.CLAUDE, "du", typed,
                "au", "");
        assertEquals(200, preview.statusCode());
        String p = AgentPagesTest.text(preview.asString());
        assertTrue(p.contains("Absence de Claude Bénévole, le "), p);
        assertTrue(p.contains("Permanences retirées") && !p.contains("Créneaux fermés"), p);
        assertTrue(p.contains("name=\"au\" value=\"" + typed + "\""), "one day: the last day is the first");
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = FakeApi.PARTNER))
    void theFormsErrorsOursAndTheApisOnTheirField() {
        var csrf = csrf("/agent/absences/nouvelle");
        Response empty = post("/agent/absences/apercu", csrf);
        assertEquals(422, empty.statusCode());
        String e = AgentPagesTest.text(empty.asString());
        assertTrue(e.contains("<title>Erreur – Déclarer une absence ou une fermeture"));
        assertTrue(e.contains("Il y a 2 erreurs dans le formulaire"), e);
        assertTrue(e.contains("href=\"#type-personne\">Que déclarez-vous ? : Choisissez"));
        assertTrue(e.contains("id=\"du-erreur\"") && e.contains("aria-describedby=\"du-aide du-erreur\""));

        Response reversed = post("/agent/absences/apercu", csrf, "type", "personne", "personne", FakeStaffing.CLAUDE, "du",
                IN_THREE_DAYS, "au", IN_TWO_DAYS);
        assertEquals(422, reversed.statusCode());
        assertTrue(AgentPagesTest.text(reversed.asString()).contains("Le dernier jour est avant le premier jour."));
        Response past = post("/agent/absences/apercu", csrf, "type", "lieu", "lieu", FakeApi.PLACE, "du", "01/03/2020");
        assertEquals(422, past.statusCode());
        assertTrue(AgentPagesTest.text(past.asString()).contains("Ces jours sont passés"));
        Response badDate = post("/agent/absences/apercu", csrf, "type", "lieu", "lieu", FakeApi.PLACE, "du", "demain");
        assertTrue(AgentPagesTest.text(badDate.asString()).contains("Cette date n'est pas reconnue."));

        Response apiReason = post("/agent/absences/apercu", csrf, "type", "lieu", "lieu", FakeApi.PLACE, "du", IN_TWO_DAYS, "motif",
                "refus");
        assertEquals(422, apiReason.statusCode());
        assertTrue(apiReason.asString().contains("id=\"motif-erreur\""));
        assertTrue(apiReason.asString().contains("Ce motif contient des caractères refusés."));
        Response otherPlace = post("/agent/absences/apercu", csrf, "type", "lieu", "lieu", FakeApi.SLOT_FREE, "du", IN_TWO_DAYS);
        assertEquals(403, otherPlace.statusCode());
        assertTrue(otherPlace.asString().contains("id=\"lieu-erreur\""));
        assertTrue(FakeStaffing.RECEIVED.isEmpty());
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = FakeApi.PARTNER))
    void withdrawADeclaration() {
        var csrf = csrf("/agent/absences");
        Response withdrawn = post("/agent/absences/" + FakeStaffing.ABSENCE + "/retirer", csrf);
        assertEquals(303, withdrawn.statusCode());
        String list = given().when().get(withdrawn.header("Location")).then().statusCode(200)
                .body(allOf(has("La déclaration est retirée"), has("Retirée"))).extract().asString();
        assertFalse(list.contains("action=\"/agent/absences/" + FakeStaffing.ABSENCE + "/retirer\""));
        Response again = post("/agent/absences/" + FakeStaffing.ABSENCE + "/retirer", csrf);
        assertEquals(409, again.statusCode());
        assertTrue(again.asString().contains("id=\"absence-" + FakeStaffing.ABSENCE + "-erreur\""));
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = FakeApi.PARTNER))
    void theStaffingFormsWithoutTheirCsrfTokenAreRefused() {
        for (String path : new String[] { "/agent/permanences/" + FakeStaffing.EMPTY + "/demandes",
                "/agent/permanences/" + FakeStaffing.EMPTY + "/equipe", "/agent/absences/apercu", "/agent/absences",
                "/agent/absences/" + FakeStaffing.ABSENCE + "/retirer" }) {
            given().contentType("application/x-www-form-urlencoded").formParam("personne", FakeStaffing.SACHA).when().post(path)
                    .then().statusCode(400);
        }
        assertTrue(FakeStaffing.RECEIVED.isEmpty(), "nothing reached the API");
        assertEquals(0, FakeStaffing.previews);
    }

    @Test
    @TestSecurity(user = "benevole", roles = "volunteer")
    void aVolunteerMayNotUseTheStaffingPages() {
        given().config(CitizenPagesTest.NO_REDIRECTS).when().get("/agent/permanences").then().statusCode(403);
        given().config(CitizenPagesTest.NO_REDIRECTS).when().get("/agent/absences").then().statusCode(403);
    }
}
