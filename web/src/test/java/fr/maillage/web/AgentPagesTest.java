package fr.maillage.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;

/**
 * The desk pages (/agent) without Keycloak: sign-in required (the code flow's redirect on the public host), roles, and
 * every page and action as a signed-in agent ({@code @TestSecurity} + {@code @OidcSecurity}: an identity with an access
 * token that {@link FakeApi} / {@link FakeDesk} / {@link FakeReferrals} require on every desk call), API refusals shown
 * next to what they concern, CSRF on every form. The journeys on the real stack run in Chromium (deploy/, browser helper).
 */
@QuarkusTest
class AgentPagesTest {
    static final String ORG = FakeApi.PARTNER;

    @BeforeEach
    void reset() {
        FakeDesk.reset();
        FakeReferrals.reset();
    }

    static String csrfCookie;

    /** A page's CSRF cookie and field, to post its forms as the browser would. */
    static CitizenPagesTest.Csrf csrf(String path) {
        return CitizenPagesTest.csrf(given().when().get(path).then().statusCode(200).extract().response());
    }

    static Response post(String path, CitizenPagesTest.Csrf csrf, Object... fields) {
        var request = given().config(CitizenPagesTest.NO_REDIRECTS).cookie("maillage-csrf", csrf.cookie())
                .contentType("application/x-www-form-urlencoded").formParam("csrf", csrf.field());
        for (int i = 0; i < fields.length; i += 2) {
            request = request.formParam((String) fields[i], fields[i + 1]);
        }
        return request.when().post(path).then().extract().response();
    }

    /** The page contains the text, as a person reads it (HTML character references of ' & " undone). */
    static org.hamcrest.Matcher<String> has(String text) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(String html) {
                return text(html).contains(text);
            }

            @Override
            public void describeTo(org.hamcrest.Description d) {
                d.appendText("a page containing ").appendValue(text);
            }
        };
    }

    static String text(String html) {
        return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
    }

    static JsonNode lastReceived() {
        return FakeDesk.RECEIVED.get(FakeDesk.RECEIVED.size() - 1);
    }

    // ------------------------------------------------------------------ sign-in

    @Test
    void withoutSignInTheDeskRedirectsToTheIdentityProviderOnThePublicHostAndPublicPagesStayOpen() {
        String location = given().config(CitizenPagesTest.NO_REDIRECTS).header("X-Forwarded-Proto", "http")
                .header("X-Forwarded-Host", "127.0.0.1:8080").when().get("/agent").then().statusCode(302).extract()
                .header("Location");
        assertTrue(location.startsWith("http://127.0.0.1:18585/fake-oidc/auth?"), location);
        assertTrue(location.contains("client_id=maillage-web"), location);
        assertTrue(location.contains("code_challenge_method=S256"), location);
        assertTrue(location.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fagent"), location);
        given().config(CitizenPagesTest.NO_REDIRECTS).when().get("/agent/orientations").then().statusCode(302);
        given().when().get("/").then().statusCode(200).body(has("Trouver de l'aide près de chez moi"));
    }

    @Test
    @TestSecurity(user = "benevole", roles = "volunteer")
    void aVolunteerMayNotUseTheDesk() {
        given().config(CitizenPagesTest.NO_REDIRECTS).when().get("/agent").then().statusCode(403)
                .body(allOf(has("Accès réservé aux agents"), has("href=\"/agent/deconnexion\"")));
        given().config(CitizenPagesTest.NO_REDIRECTS).when().get("/agent/orientations").then().statusCode(403);
    }

    // ------------------------------------------------------------------ Aujourd'hui

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = { @Claim(key = "org", value = ORG), @Claim(key = "name", value = "Claire Martin") })
    void todayListsTheDayTheWeekAndTheWaitingListWithTheirActions() {
        String html = given().when().get("/agent").then().statusCode(200)
                .body(allOf(has("<h1>Aujourd'hui, "), has("Claire Martin, Commune de Romagné"),
                        has("Les rendez-vous du jour"), has("Josiane"), has("Marcel"),
                        has("Odette"), has("Listes d'attente"), has(">Présent<"),
                        has(">Absent<"), has(">Annuler pour la personne<"),
                        has(">Renvoyer le lien<"), has("Aide aux démarches administratives"),
                        has("href=\"/agent/deconnexion\">Se déconnecter<"), has("aria-current=\"page\""),
                        has("action=\"/agent/rdv/" + FakeDesk.TODAY + "/presence\"")))
                .extract().asString();
        CitizenPagesTest.lightAndClean(html);
        // Josiane's appointment has begun: présent/absent, no cancel; her landline gets no link
        String josiane = html.substring(html.indexOf("id=\"rdv-" + FakeDesk.TODAY + "\""));
        josiane = josiane.substring(0, josiane.indexOf("</li>"));
        assertFalse(josiane.contains("Annuler pour la personne") || josiane.contains("Renvoyer le lien"), josiane);
        String marcel = html.substring(html.indexOf("id=\"rdv-" + FakeDesk.TOMORROW + "\""));
        marcel = marcel.substring(0, marcel.indexOf("</li>"));
        assertFalse(marcel.contains(">Présent<"), "not begun: no attendance yet");
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = ORG))
    void attendanceIsMarkedWithTheAgentsTokenAndARefusalIsShownUnderItsAppointment() {
        var csrf = csrf("/agent");
        Response done = post("/agent/rdv/" + FakeDesk.TODAY + "/presence", csrf, "presence", "present");
        assertEquals(303, done.statusCode());
        assertTrue(done.header("Location").startsWith("/agent?fait=present"));
        assertTrue(lastReceived().path("attended").asBoolean());
        given().when().get("/agent?fait=present").then().statusCode(200)
                .body(allOf(has("Présence notée."), has("Présent</dd>")));

        Response early = post("/agent/rdv/" + FakeDesk.TOMORROW + "/presence", csrf, "presence", "absent");
        assertEquals(422, early.statusCode());
        assertTrue(early.asString().contains("id=\"rdv-" + FakeDesk.TOMORROW + "-erreur\""));
        assertTrue(early.asString().contains("Le créneau n&#39;a pas encore commencé")
                || early.asString().contains("Le créneau n'a pas encore commencé"));
        assertTrue(early.asString().contains("<title>Erreur – Aujourd'hui"));
        assertEquals(400, post("/agent/rdv/" + FakeDesk.TODAY + "/presence", csrf, "presence", "peut-etre").statusCode());
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = ORG))
    void cancelForThePersonAndResendTheLink() {
        var csrf = csrf("/agent");
        Response cancelled = post("/agent/rdv/" + FakeDesk.TOMORROW + "/annuler", csrf);
        assertEquals(303, cancelled.statusCode());
        assertEquals("citizen", lastReceived().path("cancelledBy").asText());
        given().when().get(cancelled.header("Location")).then().statusCode(200)
                .body(allOf(has("Le rendez-vous est annulé."), has("Annulé (par la personne)")));
        Response late = post("/agent/rdv/" + FakeDesk.TODAY + "/annuler", csrf);
        assertEquals(409, late.statusCode());
        assertTrue(late.asString().contains("Ce rendez-vous a déjà commencé"));

        Response sent = post("/agent/rdv/" + FakeDesk.WAITING + "/lien", csrf);
        assertEquals(303, sent.statusCode());
        assertTrue(sent.header("Location").startsWith("/agent?fait=lien-email"));
        given().when().get("/agent?fait=lien-email").then().body(has("Un nouveau lien a été envoyé par e-mail."));
        Response noContact = post("/agent/rdv/" + FakeDesk.TODAY + "/lien", csrf);
        assertEquals(422, noContact.statusCode());
        assertTrue(noContact.asString().contains("ni portable ni e-mail"));
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = ORG))
    void deskFormsWithoutTheirCsrfTokenAreRefused() {
        given().contentType("application/x-www-form-urlencoded").formParam("presence", "present").when()
                .post("/agent/rdv/" + FakeDesk.TODAY + "/presence").then().statusCode(400)
                .body(has("Formulaire expiré"));
        given().contentType("application/x-www-form-urlencoded").formParam("prenom", "Jo").when()
                .post("/agent/orientations/nouvelle").then().statusCode(400);
        assertTrue(FakeDesk.RECEIVED.isEmpty(), "nothing reached the API");
    }

    // ------------------------------------------------------------------ Prendre un rendez-vous pour quelqu'un

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = ORG))
    void bookForALandlineOnlyPersonInFiveScreensThenPrintTheSlip() {
        // 1. commune + need
        CitizenPagesTest.lightAndClean(given().when().get("/agent/rdv").then().statusCode(200)
                .body(allOf(has("<h1>Prendre un rendez-vous pour quelqu'un</h1>"),
                        has("<label for=\"commune\">Commune de la personne</label>"),
                        has("<label for=\"besoin\">Besoin</label>"), has(">Chercher les créneaux<")))
                .extract().asString());
        // 2. nearest free sessions, every partner; the chosen slot's link carries the need and the commune searched
        String choose = "/agent/rdv/creneau/" + FakeApi.SLOT_FREE + "?besoin=aide_demarches&insee=35243";
        given().queryParam("commune", "Romagné").queryParam("besoin", "aide_demarches").when().get("/agent/rdv").then()
                .statusCode(200).body(allOf(has("Créneaux libres près de Romagné"),
                        has("Permanence conseiller numérique"), has("Commune de Romagné"),
                        has(">Choisir<"), has("href=\"" + choose + "\"")));
        // 3. the person: first name, contact, and the commune where the person lives, pre-filled with the one searched
        var csrf = csrf(choose);
        given().when().get(choose).then().body(allOf(has("<h1>Pour qui est ce rendez-vous ?</h1>"),
                has("<legend>Comment prévenir la personne</legend>"), has(">Téléphone fixe</label>"),
                has(">Aucun (la personne"), has("<label for=\"fixe\">Numéro de téléphone fixe</label>"),
                has("<label for=\"commune\">Commune où la personne habite (facultatif)</label>"),
                has("name=\"commune\" value=\"Romagné (35133)\""),
                has(">Prendre le rendez-vous<")));
        Response booked = post("/agent/rdv/creneau/" + FakeApi.SLOT_FREE, csrf, "besoin", "aide_demarches", "prenom", "Josiane",
                "contact", "fixe", "fixe", "02 99 11 22 33", "portable", "06 00 00 00 00", "accord", "oui",
                "commune", "Romagné (35133)");
        assertEquals(303, booked.statusCode(), booked.asString());
        assertEquals("/agent/rdv/" + FakeDesk.DESK_NEW, booked.header("Location"));
        JsonNode body = lastReceived();
        assertTrue(body.path("verification").isMissingNode() && body.path("bookedBy").isMissingNode(), body.toString());
        assertEquals("02 99 11 22 33", body.path("person").path("phone").asText(), "the landline, not the mobile typed aside");
        assertTrue(body.path("person").path("email").isMissingNode());
        assertEquals("aide_demarches", body.path("need").path("theme").asText());
        assertEquals("35243", body.path("person").path("residenceInsee").asText(), "the commune as its INSEE code");
        // 4. confirmation
        given().when().get("/agent/rdv/" + FakeDesk.DESK_NEW).then().statusCode(200)
                .body(allOf(has("Rendez-vous pris pour Josiane"), has(">Imprimer la fiche<"),
                        has("par un appel sur le téléphone fixe"),
                        has("href=\"/agent/rdv/" + FakeDesk.DESK_NEW + "/fiche\"")));
        // 5. the slip, with its print stylesheet
        String slip = given().when().get("/agent/rdv/" + FakeDesk.DESK_NEW + "/fiche").then().statusCode(200)
                .body(allOf(has("<h1>Votre rendez-vous</h1>"), has("<dt>Date</dt>"),
                        has("<dt>Heure</dt>"), has("Pôle socioculturel"),
                        has("2 rue de la Mairie"), has("35133 Romagné"),
                        has("Téléphone de la structure"), has("02 99 00 00 00"),
                        has("Ce qu'il faut apporter"), has("/static/fiche.css")))
                .extract().asString();
        CitizenPagesTest.lightAndClean(slip);
        String css = given().when().get("/static/fiche.css").then().statusCode(200).extract().asString();
        assertTrue(css.contains("@media print") && css.contains(".no-print"));
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = ORG))
    void bookForSomeoneWithNoContactAtAll() {
        var csrf = csrf("/agent/rdv/creneau/" + FakeApi.SLOT_FREE);
        Response booked = post("/agent/rdv/creneau/" + FakeApi.SLOT_FREE, csrf, "prenom", "Marcel", "contact", "aucun");
        assertEquals(303, booked.statusCode(), booked.asString());
        JsonNode person = lastReceived().path("person");
        assertTrue(person.path("phone").isMissingNode() && person.path("email").isMissingNode(), person.toString());
        assertTrue(person.path("residenceInsee").isMissingNode(), "no commune given, none sent: " + person);
        assertEquals("aide_demarches", lastReceived().path("need").path("theme").asText(), "the offer's theme by default");
        given().when().get("/agent/rdv/" + FakeDesk.DESK_NEW).then()
                .body(allOf(has("aucun contact"), has(">Imprimer la fiche<")));
        // the slip handed to the person says nothing about reminders it will not get
        given().when().get("/agent/rdv/" + FakeDesk.DESK_NEW + "/fiche").then().statusCode(200)
                .body(allOf(has("<h1>Votre rendez-vous</h1>"), not(has("slip-reminder"))));
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = ORG))
    void thePersonFormExplainsEachMistakeNextToItsField() {
        var csrf = csrf("/agent/rdv/creneau/" + FakeApi.SLOT_FREE);
        String page = post("/agent/rdv/creneau/" + FakeApi.SLOT_FREE, csrf, "prenom", "", "contact", "portable", "portable", "")
                .then().statusCode(422).extract().asString();
        assertTrue(page.contains("id=\"prenom-erreur\"") && page.contains("Indiquez le prénom de la personne."));
        assertTrue(page.contains("id=\"portable-erreur\"") && page.contains("Indiquez le numéro de portable"));
        assertTrue(page.contains("id=\"accord-erreur\""));
        assertTrue(page.contains("<title>Erreur – "));
        assertTrue(FakeDesk.RECEIVED.isEmpty(), "nothing sent to the API");
        // the API's refusal on person.phone lands on the landline field the agent filled
        String refused = post("/agent/rdv/creneau/" + FakeApi.SLOT_FREE, csrf, "prenom", "Josiane", "contact", "fixe", "fixe", "12",
                "accord", "oui").then().statusCode(422).extract().asString();
        assertTrue(refused.contains("id=\"fixe-erreur\""), refused);
        assertTrue(refused.contains("pas un numéro français"));
        // the commune where the person lives: unknown or ambiguous → an error on that field, nothing sent
        int sent = FakeDesk.RECEIVED.size();
        String unknownCommune = post("/agent/rdv/creneau/" + FakeApi.SLOT_FREE, csrf, "prenom", "Josiane", "contact", "aucun",
                "commune", "Xyzzy").then().statusCode(422).extract().asString();
        assertTrue(unknownCommune.contains("id=\"commune-erreur\"") && unknownCommune.contains("Nous ne trouvons pas cette commune"),
                unknownCommune);
        String ambiguous = post("/agent/rdv/creneau/" + FakeApi.SLOT_FREE, csrf, "prenom", "Josiane", "contact", "aucun",
                "commune", "Saint-Aubin").then().statusCode(422).extract().asString();
        assertTrue(ambiguous.contains("id=\"commune-erreur\"") && ambiguous.contains("Plusieurs communes portent ce nom"), ambiguous);
        assertEquals(sent, FakeDesk.RECEIVED.size(), "nothing sent to the API");
        given().when().get("/agent/rdv?commune=Xyzzy").then().statusCode(200).body(has("id=\"commune-erreur\""));
        // the citizens' resolve-or-choices step (Communes.resolve), with the desk's own links
        given().when().get("/agent/rdv?commune=Saint-Aubin&besoin=aide_demarches").then().statusCode(200)
                .body(allOf(has("/agent/rdv?commune=Saint-Aubin"), has("insee=35001"), has("insee=45001"),
                        has("besoin=aide_demarches")));
        given().when().get("/agent/rdv/" + FakeApi.BOOKING.replace('2', '7') + "/fiche").then().statusCode(404);
    }

    // ------------------------------------------------------------------ Orientations

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = ORG))
    void sentOrientationsShowTheirOutcomeReceivedOnesTakeTheOutcomeButtons() {
        String html = given().when().get("/agent/orientations").then().statusCode(200)
                .body(allOf(has("<h1>Orientations</h1>"), has("Orientations envoyées"),
                        has("Orientations reçues"), has("Lucienne"),
                        has("La personne est venue"), has("Dossier CAF fait"),
                        has("France Services de Fougères"), has("Gérard"),
                        has("Il n'a pas d'ordinateur"), has(">Reçue<"), has(">Venue<"),
                        has(">Absente<"), has(">Réorientée<"), has(">Plus besoin<"),
                        has(">Orienter une personne<")))
                .extract().asString();
        CitizenPagesTest.lightAndClean(html);
        var csrf = csrf("/agent/orientations");
        Response done = post("/agent/orientations/" + FakeReferrals.RECEIVED + "/suite", csrf, "suite", "received", "note", "Rappel jeudi");
        assertEquals(303, done.statusCode());
        assertEquals("received", lastReceived().path("outcome").asText());
        assertEquals("Rappel jeudi", lastReceived().path("note").asText());
        given().when().get(done.header("Location").replace("#recues", "")).then()
                .body(allOf(has("La suite est enregistrée."), has("Reçue par la structure")));
        Response foreign = post("/agent/orientations/" + FakeReferrals.SENT + "/suite", csrf, "suite", "attended");
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.asString().contains("Seule la structure qui a reçu"));
        assertEquals(400, post("/agent/orientations/" + FakeReferrals.RECEIVED + "/suite", csrf, "suite", "perdu").statusCode());
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = ORG))
    void orientAPersonWithErrorsNextToTheFields() {
        String form = given().when().get("/agent/orientations/nouvelle").then().statusCode(200)
                .body(allOf(has("<h1>Orienter une personne</h1>"),
                        has("<label for=\"structure\">Structure vers laquelle vous orientez</label>"),
                        has("value=\"" + FakeDesk.FRANCE_SERVICES + "\">France Services de Fougères<"),
                        has("<label for=\"note\">Note pour la structure</label>"),
                        has(">Envoyer l'orientation<")))
                .extract().asString();
        CitizenPagesTest.lightAndClean(form);
        var csrf = csrf("/agent/orientations/nouvelle");
        String missing = post("/agent/orientations/nouvelle", csrf, "prenom", "", "besoin", "", "structure", "")
                .then().statusCode(422).extract().asString();
        assertTrue(missing.contains("id=\"prenom-erreur\"") && missing.contains("id=\"besoin-erreur\"")
                && missing.contains("id=\"structure-erreur\""));
        String unknown = post("/agent/orientations/nouvelle", csrf, "prenom", "Gisèle", "besoin", "aide_demarches", "structure",
                FakeReferrals.UNKNOWN_PARTNER).then().statusCode(422).extract().asString();
        assertTrue(unknown.contains("id=\"structure-erreur\"") && unknown.contains("Cette structure est inconnue de l&#39;annuaire")
                || unknown.contains("Cette structure est inconnue de l'annuaire"), unknown);
        Response sent = post("/agent/orientations/nouvelle", csrf, "prenom", "Gisèle", "telephone", "06 11 22 33 44", "commune",
                "Romagné", "besoin", "aide_demarches", "structure", FakeDesk.FRANCE_SERVICES, "note", "Besoin d'aide pour la CAF");
        assertEquals(303, sent.statusCode(), sent.asString());
        JsonNode body = lastReceived();
        assertEquals(FakeDesk.FRANCE_SERVICES, body.path("targetPartnerId").asText());
        assertEquals("Gisèle", body.path("person").path("firstName").asText());
        assertEquals("35243", body.path("person").path("residenceInsee").asText());
        assertEquals("Besoin d'aide pour la CAF", body.path("note").asText());
        given().when().get("/agent/orientations?fait=envoyee").then()
                .body(allOf(has("L'orientation est envoyée"), has("Gisèle")));
        // from a booking just taken: first name and need prefilled, the booking linked
        given().when().get("/agent/orientations/nouvelle?rdv=" + FakeDesk.TOMORROW).then().statusCode(200)
                .body(allOf(has("value=\"Marcel\""), has("value=\"" + FakeDesk.TOMORROW + "\"")));
    }

    // ------------------------------------------------------------------ review §9: double submit

    /** The hidden {@code cle} field of a rendered form. */
    static String formKey(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"cle\" value=\"([0-9a-f-]{36})\"").matcher(html);
        assertTrue(m.find(), "the form carries its idempotency key");
        return m.group(1);
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = ORG))
    void aDeskBookingAndAReferralSentTwiceCarryTheSameIdempotencyKey() {
        Response page = given().when().get("/agent/rdv/creneau/" + FakeApi.SLOT_FREE).then().statusCode(200).extract().response();
        var csrf = CitizenPagesTest.csrf(page);
        String key = formKey(page.asString());
        String other = formKey(given().when().get("/agent/rdv/creneau/" + FakeApi.SLOT_FREE).then().statusCode(200).extract().asString());
        assertNotEquals(key, other, "each rendering has its own key");
        // shown again with an error, the form keeps its key
        String again = post("/agent/rdv/creneau/" + FakeApi.SLOT_FREE, csrf, "prenom", "", "contact", "aucun", "cle", key)
                .then().statusCode(422).extract().asString();
        assertEquals(key, formKey(again));
        for (int i = 0; i < 2; i++) {
            assertEquals(303, post("/agent/rdv/creneau/" + FakeApi.SLOT_FREE, csrf, "prenom", "Marcel", "contact", "aucun", "cle", key)
                    .statusCode());
        }
        assertEquals(List.of(key, key), FakeDesk.KEYS);

        FakeDesk.KEYS.clear();
        Response refer = given().when().get("/agent/orientations/nouvelle").then().statusCode(200).extract().response();
        var referCsrf = CitizenPagesTest.csrf(refer);
        String referKey = formKey(refer.asString());
        for (int i = 0; i < 2; i++) {
            assertEquals(303, post("/agent/orientations/nouvelle", referCsrf, "prenom", "Gisèle", "besoin", "aide_demarches",
                    "structure", FakeDesk.FRANCE_SERVICES, "cle", referKey).statusCode());
        }
        assertEquals(List.of(referKey, referKey), FakeDesk.KEYS);
    }
}
