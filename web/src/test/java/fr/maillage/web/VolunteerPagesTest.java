package fr.maillage.web;

import static fr.maillage.web.AgentPagesTest.has;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;

/**
 * The volunteer pages (issue 19, section E) without Keycloak: /benevole needs the volunteer role and a {@code person}
 * claim, the answer page /benevole/reponse/{token} needs no sign-in; my shifts and requests (accept, decline, a request
 * someone else took first), my roster (windows, months, themes, errors on the right field), my absences, my calendar
 * link (shown once, revoked), every form with CSRF and without JavaScript. Fakes: {@link FakeVolunteer}, absences
 * {@link FakeStaffing.Absences}.
 */
@QuarkusTest
class VolunteerPagesTest {
    static final String PERSON = FakeVolunteer.PERSON;

    @BeforeEach
    void reset() {
        FakeVolunteer.reset();
        FakeStaffing.reset();
    }

    static CitizenPagesTest.Csrf csrf(String path) {
        return AgentPagesTest.csrf(path);
    }

    static Response post(String path, CitizenPagesTest.Csrf csrf, Object... fields) {
        return AgentPagesTest.post(path, csrf, fields);
    }

    static JsonNode lastReceived() {
        return FakeVolunteer.RECEIVED.get(FakeVolunteer.RECEIVED.size() - 1);
    }

    // ------------------------------------------------------------------ sign-in and roles

    @Test
    void withoutSignInTheVolunteerPagesRedirectToTheIdentityProviderButTheAnswerPageIsOpen() {
        for (String path : new String[] { "/benevole", "/benevole/disponibilites", "/benevole/calendrier" }) {
            String location = given().config(CitizenPagesTest.NO_REDIRECTS).header("X-Forwarded-Proto", "http")
                    .header("X-Forwarded-Host", "127.0.0.1:8080").when().get(path).then().statusCode(302).extract()
                    .header("Location");
            assertTrue(location.startsWith("http://127.0.0.1:18585/fake-oidc/auth?"), location);
            assertTrue(location.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fbenevole"), location);
        }
        given().config(CitizenPagesTest.NO_REDIRECTS).when().get("/benevole/reponse/" + FakeVolunteer.TOKEN).then()
                .statusCode(200).body(has("J'accepte"));
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = FakeApi.PARTNER))
    void anAgentGetsTheVolunteersForbiddenPage() {
        given().config(CitizenPagesTest.NO_REDIRECTS).when().get("/benevole").then().statusCode(403)
                .body(allOf(has("Accès réservé aux bénévoles"), has("href=\"/agent/deconnexion\"")));
        // the desk keeps its own words
        given().config(CitizenPagesTest.NO_REDIRECTS).when().get("/benevole/calendrier").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "benevole.sans.personne", roles = "volunteer")
    void aVolunteerAccountWithoutAPersonGetsTheForbiddenPage() {
        given().config(CitizenPagesTest.NO_REDIRECTS).when().get("/benevole").then().statusCode(403)
                .body(has("Accès réservé aux bénévoles"));
    }

    @Test
    @TestSecurity(user = "benevole.boigny", roles = "volunteer")
    @OidcSecurity(claims = { @Claim(key = "person", value = PERSON), @Claim(key = "name", value = "Claude Bénévole") })
    void aVolunteerMayNotUseTheDeskAndSignsOutThroughTheSitesLogoutPath() {
        given().config(CitizenPagesTest.NO_REDIRECTS).when().get("/agent").then().statusCode(403)
                .body(has("Accès réservé aux agents"));
        Response out = given().config(CitizenPagesTest.NO_REDIRECTS).when().get("/benevole/deconnexion");
        assertEquals(303, out.statusCode());
        assertEquals("/agent/deconnexion", out.header("Location"));
    }

    // ------------------------------------------------------------------ /benevole

    @Test
    @TestSecurity(user = "benevole.boigny", roles = "volunteer")
    @OidcSecurity(claims = { @Claim(key = "person", value = PERSON), @Claim(key = "name", value = "Claude Bénévole") })
    void homeListsPendingRequestsAndComingShiftsAndAcceptingOneMakesItAShift() {
        String html = given().when().get("/benevole").then().statusCode(200)
                .body(allOf(has("<h1>Mes permanences</h1>"), has("Claude Bénévole"), has("Demandes en attente de réponse"),
                        has("Permanence numérique 3"), has("Permanence numérique 5"), has("Mes prochaines permanences"),
                        has("Atelier smartphone"), has("1 rue Faidherbe, 80800 Corbie"), has("de 14 h à 16 h 30"),
                        has("de 9 h à 11 h"), has(">J'accepte<"), has(">Je ne peux pas<"),
                        has("action=\"/benevole/demandes/" + FakeVolunteer.REQUEST + "\""),
                        has("aria-label=\"Menu de l'espace bénévole\""), has(">Mes disponibilités<"), has(">Mon agenda<"),
                        has("href=\"/benevole/deconnexion\">Se déconnecter<"), has("aria-current=\"page\""),
                        has("href=\"/benevole/calendrier\"")))
                .extract().asString();
        CitizenPagesTest.lightAndClean(html);
        assertFalse(html.contains("Permanence de Sacha"), "another person's request is not mine");
        assertFalse(html.contains("Permanence numérique 3</dd>\n</dl>\n</li>\n</ol>\n</section>\n<section aria-labelledby=\"prochaines\""));

        var csrf = csrf("/benevole");
        Response done = post("/benevole/demandes/" + FakeVolunteer.REQUEST, csrf, "reponse", "accept");
        assertEquals(303, done.statusCode());
        assertEquals("/benevole?fait=accept", done.header("Location"));
        assertEquals("accept", lastReceived().path("answer").asText());
        String after = given().when().get("/benevole?fait=accept").then().statusCode(200)
                .body(has("Merci ! Cette permanence est maintenant la vôtre")).extract().asString();
        String shifts = after.substring(after.indexOf("id=\"prochaines\""));
        assertTrue(shifts.contains("Permanence numérique 3"), "the accepted permanence is now a coming shift");
        String requests = after.substring(after.indexOf("id=\"demandes\""), after.indexOf("id=\"prochaines\""));
        assertFalse(requests.contains("Permanence numérique 3"), "no longer waiting for an answer");
    }

    @Test
    @TestSecurity(user = "benevole.boigny", roles = "volunteer")
    @OidcSecurity(claims = @Claim(key = "person", value = PERSON))
    void decliningAndARequestSomeoneElseTookFirst() {
        var csrf = csrf("/benevole");
        Response declined = post("/benevole/demandes/" + FakeVolunteer.REQUEST, csrf, "reponse", "decline");
        assertEquals(303, declined.statusCode());
        given().when().get(declined.header("Location")).then().statusCode(200)
                .body(has("C'est noté : vous ne ferez pas cette permanence."));
        Response raced = post("/benevole/demandes/" + FakeVolunteer.RACED, csrf, "reponse", "accept");
        assertEquals(409, raced.statusCode());
        assertTrue(AgentPagesTest.text(raced.asString()).contains("la permanence est déjà assurée"), raced.asString());
        assertTrue(raced.asString().contains("<title>Erreur – Mes permanences"));
        assertEquals("covered", FakeVolunteer.STATUS.get(FakeVolunteer.RACED));
        // no CSRF token: refused before anything reaches the API
        int calls = FakeVolunteer.CALLS.size();
        given().config(CitizenPagesTest.NO_REDIRECTS).contentType("application/x-www-form-urlencoded").formParam("reponse", "accept")
                .when().post("/benevole/demandes/" + FakeVolunteer.RACED).then().statusCode(400).body(has("Formulaire expiré"));
        // an answer that is neither: nothing sent
        assertEquals(400, post("/benevole/demandes/" + FakeVolunteer.REQUEST, csrf, "reponse", "peut-être").statusCode());
        assertEquals(calls, FakeVolunteer.CALLS.size());
    }

    // ------------------------------------------------------------------ /benevole/disponibilites

    @Test
    @TestSecurity(user = "benevole.boigny", roles = "volunteer")
    @OidcSecurity(claims = @Claim(key = "person", value = PERSON))
    void theRosterIsShownInItsFieldsAndSavedAsTheContractsBody() {
        String html = given().when().get("/benevole/disponibilites").then().statusCode(200)
                .body(allOf(has("<h1>Mes disponibilités</h1>"), has("<legend>Mardi</legend>"),
                        has("id=\"mardi-1-debut\" name=\"mardi-1-debut\" value=\"09:00\""),
                        has("id=\"mardi-1-fin\" name=\"mardi-1-fin\" value=\"12:00\""),
                        has("De<span class=\"sr-only\"> (Lundi, plage 1)</span>"),
                        has("id=\"mois-8\" name=\"mois\" value=\"8\" checked"), has(">Août<"),
                        has("id=\"theme-aide_demarches\" name=\"themes\" value=\"aide_demarches\" checked"),
                        has("Impôts en ligne"), has(">Enregistrer mes disponibilités<"), has("Mes absences"),
                        has(">Déclarer mon absence<")))
                .extract().asString();
        CitizenPagesTest.lightAndClean(html);

        var csrf = csrf("/benevole/disponibilites");
        Response saved = post("/benevole/disponibilites", csrf, "lundi-1-debut", "9 h", "lundi-1-fin", "12:00", "lundi-2-debut",
                "14:00", "lundi-2-fin", "17h30", "mardi-1-debut", "", "mardi-1-fin", "", "mois", "7", "mois", "8", "themes", "impots");
        assertEquals(303, saved.statusCode(), saved.asString());
        assertEquals("/benevole/disponibilites?fait=enregistre", saved.header("Location"));
        JsonNode body = lastReceived();
        assertEquals(PERSON, body.path("personId").asText());
        assertEquals(2, body.path("weekly").size());
        assertEquals("MO", body.path("weekly").get(0).path("day").asText());
        assertEquals("09:00", body.path("weekly").get(0).path("start").asText());
        assertEquals("17:30", body.path("weekly").get(1).path("end").asText());
        assertEquals("[7,8]", body.path("excludedMonths").toString());
        assertEquals("[\"impots\"]", body.path("themes").toString());
        given().when().get("/benevole/disponibilites?fait=enregistre").then().statusCode(200)
                .body(allOf(has("Vos disponibilités sont enregistrées."), has("value=\"17:30\""),
                        not(has("id=\"mardi-1-debut\" name=\"mardi-1-debut\" value=\"09:00\""))));
    }

    @Test
    @TestSecurity(user = "benevole.boigny", roles = "volunteer")
    @OidcSecurity(claims = @Claim(key = "person", value = PERSON))
    void rosterErrorsAreShownOnTheirFieldOursAndTheApis() {
        var csrf = csrf("/benevole/disponibilites");
        int calls = FakeVolunteer.CALLS.size();
        Response wrong = post("/benevole/disponibilites", csrf, "lundi-1-debut", "12:00", "lundi-1-fin", "09:00",
                "mercredi-1-debut", "10:00", "mercredi-1-fin", "", "jeudi-1-debut", "9:00", "jeudi-1-fin", "12:00",
                "jeudi-2-debut", "11:00", "jeudi-2-fin", "13:00");
        assertEquals(422, wrong.statusCode());
        assertEquals(calls, FakeVolunteer.CALLS.size(), "nothing sent");
        String html = AgentPagesTest.text(wrong.asString());
        assertTrue(html.contains("<title>Erreur – Mes disponibilités"), html);
        assertTrue(html.contains("id=\"lundi-1-fin-erreur\"") && html.contains("L'heure de fin doit être après l'heure de début."));
        assertTrue(html.contains("id=\"mercredi-1-fin-erreur\"") && html.contains("Indiquez aussi l'heure de fin."));
        assertTrue(html.contains("id=\"jeudi-2-debut-erreur\""), "overlap on the second window");
        assertTrue(html.contains("href=\"#lundi-1-fin\""), "summary links to the field");
        assertTrue(html.contains("aria-invalid=\"true\" aria-describedby=\"lundi-1-fin-erreur\""));
        assertTrue(html.contains("value=\"12:00\""), "what was typed stays");

        Response api = post("/benevole/disponibilites", csrf, "lundi-1-debut", "09:00", "lundi-1-fin", "10:00",
                "vendredi-1-debut", "05:00", "vendredi-1-fin", "06:00");
        assertEquals(422, api.statusCode());
        String apiHtml = AgentPagesTest.text(api.asString());
        assertTrue(apiHtml.contains("id=\"vendredi-1-debut-erreur\""), "weekly[1].start → Friday's first « De »");
        assertTrue(apiHtml.contains("Pas de permanence avant 7 heures."));
        Response theme = post("/benevole/disponibilites", csrf, "lundi-1-debut", "09:00", "lundi-1-fin", "10:00", "themes",
                "impots", "themes", "inconnu");
        assertEquals(422, theme.statusCode());
        String themeHtml = AgentPagesTest.text(theme.asString());
        assertTrue(themeHtml.contains("id=\"themes-erreur\"") && themeHtml.contains("Thème inconnu."), "themes[1] → the themes");
        assertTrue(themeHtml.contains("href=\"#themes-liste\""));
    }

    @Test
    @TestSecurity(user = "benevole.boigny", roles = "volunteer")
    @OidcSecurity(claims = @Claim(key = "person", value = PERSON))
    void myAbsencesAreDeclaredForMeListedAndWithdrawn() {
        String html = given().when().get("/benevole/disponibilites").then().statusCode(200)
                .body(allOf(has("Absences déclarées"), has("Motif : Congés"), has(">Retirer cette absence<"),
                        has("<label for=\"du\">Du</label>"), has("<label for=\"au\">Au (inclus)</label>"),
                        has("<label for=\"motif\">Motif (facultatif)</label>")))
                .extract().asString();
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("name=\"cle\" value=\"([0-9a-f-]{36})\"").matcher(html);
        assertTrue(key.find(), "the absence form carries an idempotency key");
        var csrf = csrf("/benevole/disponibilites");
        String from = java.time.LocalDate.now().plusDays(10).toString();
        String to = java.time.LocalDate.now().plusDays(12).toString();
        Response declared = post("/benevole/absences", csrf, "du", from, "au", to, "motif", "Vacances", "cle", key.group(1));
        assertEquals(303, declared.statusCode(), declared.asString());
        assertEquals("/benevole/disponibilites?fait=absence&absence=1#absences", declared.header("Location"));
        JsonNode body = FakeStaffing.RECEIVED.get(FakeStaffing.RECEIVED.size() - 1);
        assertEquals(PERSON, body.path("personId").asText());
        assertEquals(from, body.path("from").asText());
        assertEquals(to, body.path("to").asText());
        assertEquals("Vacances", body.path("reason").asText());
        assertFalse(body.has("placeId"));
        assertEquals(key.group(1), FakeStaffing.KEYS.get(FakeStaffing.KEYS.size() - 1), "sent as Idempotency-Key");
        given().when().get("/benevole/disponibilites?fait=absence&absence=1").then().statusCode(200)
                .body(allOf(has("Votre absence est enregistrée. Une permanence pendant ces dates est annulée"),
                        has("Motif : Vacances")));
        // withdraw the first one
        Response withdrawn = post("/benevole/absences/" + FakeStaffing.ABSENCE + "/retirer", csrf("/benevole/disponibilites"));
        assertEquals(303, withdrawn.statusCode());
        assertEquals("withdrawn", FakeStaffing.ABSENCE_STATUS.get(FakeStaffing.ABSENCE));
        given().when().get("/benevole/disponibilites?fait=retire").then().statusCode(200)
                .body(allOf(has("Votre absence est retirée."), has("– retirée")));
        // withdrawn twice: the API's 409 on the page
        Response twice = post("/benevole/absences/" + FakeStaffing.ABSENCE + "/retirer", csrf("/benevole/disponibilites"));
        assertEquals(409, twice.statusCode());
        assertTrue(AgentPagesTest.text(twice.asString()).contains("L'absence n'a pas pu être enregistrée"));
    }

    @Test
    @TestSecurity(user = "benevole.boigny", roles = "volunteer")
    @OidcSecurity(claims = @Claim(key = "person", value = PERSON))
    void absenceErrorsOursAndTheApisAreShownOnTheirField() {
        var csrf = csrf("/benevole/disponibilites");
        int sent = FakeStaffing.RECEIVED.size();
        // the absence form reads dates as days in Paris (web README): after 23:00 UTC the JVM's date is the day before
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString();
        Response wrong = post("/benevole/absences", csrf, "du", "demain", "au", "");
        assertEquals(422, wrong.statusCode());
        String html = AgentPagesTest.text(wrong.asString());
        assertTrue(html.contains("id=\"du-erreur\"") && html.contains("Écrivez la date ainsi : 15/03/2027."), html);
        Response tooLong = post("/benevole/absences", csrf, "du", "01/01/2098", "au", "02/01/2099", "motif", "a\u0007b");
        String tooLongHtml = AgentPagesTest.text(tooLong.asString());
        assertTrue(tooLongHtml.contains("Une absence dure au plus un an"), "366 days at most, first and last included");
        assertTrue(tooLongHtml.contains("Le motif contient un caractère invisible"));
        assertTrue(html.contains("id=\"au-erreur\"") && html.contains("Indiquez le dernier jour de votre absence"));
        assertTrue(html.contains("aria-describedby=\"du-aide du-erreur\""));
        assertTrue(html.contains("<title>Erreur – Mes disponibilités"));
        Response before = post("/benevole/absences", csrf, "du", "20/03/2099", "au", "19/03/2099");
        assertEquals(422, before.statusCode());
        assertTrue(AgentPagesTest.text(before.asString()).contains("Le dernier jour doit être le premier jour ou après."));
        assertEquals(sent, FakeStaffing.RECEIVED.size(), "nothing sent");
        Response api = post("/benevole/absences", csrf, "du", today, "au", today, "motif", "refus du motif");
        assertEquals(422, api.statusCode());
        String apiHtml = AgentPagesTest.text(api.asString());
        assertTrue(apiHtml.contains("id=\"motif-erreur\"") && apiHtml.contains("Ce motif contient des caractères refusés."), apiHtml);
        assertTrue(apiHtml.contains("value=\"refus du motif\""), "what was typed stays");
    }

    // ------------------------------------------------------------------ /benevole/calendrier

    @Test
    @TestSecurity(user = "benevole.boigny", roles = "volunteer")
    @OidcSecurity(claims = @Claim(key = "person", value = PERSON))
    void theCalendarLinkIsShownOnceWithHowToAddItThenRevoked() {
        String first = given().when().get("/benevole/calendrier").then().statusCode(200)
                .body(allOf(has("<h1>Mes permanences dans l'agenda de mon téléphone</h1>"), has(">Créer mon lien d'agenda<"),
                        not(has("Supprimer ce lien"))))
                .extract().asString();
        CitizenPagesTest.lightAndClean(first);
        var csrf = csrf("/benevole/calendrier");
        Response created = post("/benevole/calendrier", csrf);
        assertEquals(200, created.statusCode());
        String html = AgentPagesTest.text(created.asString());
        String url = "http://127.0.0.1:8080/api/v1/calendars/" + FakeVolunteer.CALENDAR_TOKEN + "1.ics";
        assertTrue(html.contains("<label for=\"lien-agenda\">Adresse de mon agenda</label>"), html);
        assertTrue(html.contains("value=\"" + url + "\" readonly"), html);
        assertTrue(html.contains("href=\"webcal://127.0.0.1:8080/api/v1/calendars/"), "a subscribe link");
        assertTrue(html.contains("il ne sera plus affiché") && html.contains("iPhone") && html.contains("Android"));
        assertEquals("no-store", created.header("Cache-Control"));
        // afterwards: the link exists, its address is not shown again
        String again = given().when().get("/benevole/calendrier").then().statusCode(200)
                .body(allOf(has("Vous avez un lien d'agenda depuis le"), has(">Supprimer ce lien<"), has(">Créer un nouveau lien<")))
                .extract().asString();
        assertFalse(again.contains(FakeVolunteer.CALENDAR_TOKEN), "shown once");
        Response revoked = post("/benevole/calendrier/d0000000-0000-4000-8000-000000000001/supprimer", csrf("/benevole/calendrier"));
        assertEquals(303, revoked.statusCode());
        assertTrue(FakeVolunteer.CALLS.contains("DELETE calendar-links d0000000-0000-4000-8000-000000000001"));
        given().when().get(revoked.header("Location")).then().statusCode(200)
                .body(allOf(has("Le lien est supprimé"), has(">Créer mon lien d'agenda<")));
    }

    // ------------------------------------------------------------------ /benevole/reponse/{token}

    @Test
    void theAnswerPageByLinkAcceptsWithoutSignIn() {
        Response page = given().when().get("/benevole/reponse/" + FakeVolunteer.TOKEN);
        page.then().statusCode(200).body(allOf(has("<h1>Pouvez-vous assurer cette permanence ?</h1>"),
                has("Permanence numérique 6"), has("Médiathèque"), has("Corbie"), has("de 9 h à 11 h"), has(">J'accepte<"),
                has(">Je ne peux pas<"), has("action=\"/benevole/reponse/" + FakeVolunteer.TOKEN + "\""),
                not(has("Menu de l'espace bénévole"))));
        CitizenPagesTest.lightAndClean(page.asString());
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        assertEquals("no-store", page.header("Cache-Control"));
        var csrf = CitizenPagesTest.csrf(page);
        Response done = post("/benevole/reponse/" + FakeVolunteer.TOKEN, csrf, "reponse", "accept");
        assertEquals(303, done.statusCode());
        assertEquals("accept", lastReceived().path("answer").asText());
        given().when().get(done.header("Location")).then().statusCode(200)
                .body(allOf(has("<h1>Merci, cette permanence est à vous</h1>"), not(has(">J'accepte<"))));
        // a second answer: 409 from the API, the page says it is already answered
        Response twice = post("/benevole/reponse/" + FakeVolunteer.TOKEN, csrf, "reponse", "decline");
        assertEquals(409, twice.statusCode());
        assertTrue(AgentPagesTest.text(twice.asString()).contains("Merci, cette permanence est à vous"));
    }

    @Test
    void coveredUnknownAndMalformedLinksGetClearPages() {
        given().when().get("/benevole/reponse/" + FakeVolunteer.COVERED_TOKEN).then().statusCode(200)
                .body(allOf(has("<h1>Cette permanence est déjà assurée</h1>"), not(has(">J'accepte<"))));
        given().when().get("/benevole/reponse/stf_inconnu_inconnu_inconnu_inconnu").then().statusCode(404)
                .body(has("<h1>Ce lien ne fonctionne plus</h1>"));
        given().when().get("/benevole/reponse/court").then().statusCode(404).body(has("Ce lien ne fonctionne plus"));
        var csrf = CitizenPagesTest.csrf(given().when().get("/benevole/reponse/" + FakeVolunteer.TOKEN));
        assertEquals(404, post("/benevole/reponse/stf_inconnu_inconnu_inconnu_inconnu", csrf, "reponse", "accept").statusCode());
        // no CSRF: refused, nothing sent
        given().config(CitizenPagesTest.NO_REDIRECTS).contentType("application/x-www-form-urlencoded").formParam("reponse", "accept")
                .when().post("/benevole/reponse/" + FakeVolunteer.TOKEN).then().statusCode(400);
        assertEquals("pending", FakeVolunteer.STATUS.get(FakeVolunteer.BY_LINK));
    }

    @Test
    void answersByLinkAreLimitedPerAddressAndTheTokenNeverReachesTheLog() throws Exception {
        var csrf = CitizenPagesTest.csrf(given().when().get("/benevole/reponse/" + FakeVolunteer.TOKEN));
        String address = "198.51.100.23";
        for (int i = 0; i < 20; i++) {
            given().config(CitizenPagesTest.NO_REDIRECTS).header("X-Forwarded-For", address).cookie("maillage-csrf", csrf.cookie())
                    .contentType("application/x-www-form-urlencoded").formParam("csrf", csrf.field()).formParam("reponse", "accept")
                    .when().post("/benevole/reponse/" + FakeVolunteer.COVERED_TOKEN).then().statusCode(409);
        }
        Response refused = given().config(CitizenPagesTest.NO_REDIRECTS).header("X-Forwarded-For", address)
                .cookie("maillage-csrf", csrf.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf.field()).formParam("reponse", "accept").when()
                .post("/benevole/reponse/" + FakeVolunteer.COVERED_TOKEN);
        assertEquals(429, refused.statusCode());
        assertTrue(refused.header("Retry-After") != null);
        String log = Files.readString(Path.of("target/web-test.log"));
        assertFalse(log.contains(FakeVolunteer.TOKEN.substring(4)), "staffing token in the log");
        assertFalse(log.contains(FakeVolunteer.COVERED_TOKEN.substring(4)), "staffing token in the log");
        assertFalse(log.contains(FakeVolunteer.CALENDAR_TOKEN.substring(4)), "calendar token in the log");
    }
}
