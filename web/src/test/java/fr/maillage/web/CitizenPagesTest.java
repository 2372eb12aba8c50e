package fr.maillage.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * The citizen pages without the stack: headers, CSRF, templates, errors, and the booking and self-service journeys
 * against {@link FakeApi}. The same journeys against the real API run in a browser (deploy/, fr.maillage.system.web).
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CitizenPagesTest {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    static final RestAssuredConfig NO_REDIRECTS = RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false));

    @AfterEach
    void up() {
        FakeApi.down = false;
    }

    /** A form page's CSRF cookie and hidden field, as a browser would keep them. */
    record Csrf(String cookie, String field) {
    }

    static Csrf csrf(Response page) {
        String cookie = page.getCookie("maillage-csrf");
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.asString());
        assertTrue(m.find(), "the form carries its CSRF token");
        assertNotNull(cookie, "the CSRF cookie is set");
        return new Csrf(cookie, m.group(1));
    }

    static void lightAndClean(String html) {
        assertTrue(html.getBytes().length < 150_000, "page under 150 KB");
        assertFalse(html.contains("style="), "no style attribute (CSP)");
        assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find(), "no inline script (CSP)");
        assertTrue(html.contains("<html lang=\"fr\">"));
        assertTrue(html.contains("href=\"#contenu\""), "skip link");
    }

    @Test
    @Order(1)
    void securityHeadersOnPagesAndStaticFiles() {
        for (String path : new String[] { "/", "/static/site.css", "/pas-de-page-ici" }) {
            given().when().get(path).then()
                    .header("Content-Security-Policy", CSP)
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Content-Type-Options", "nosniff");
        }
        given().when().get("/").then().header("Cache-Control", "no-store");
    }

    @Test
    @Order(2)
    void searchFormAndResultsSortedWithWalkInPlaces() {
        String form = given().when().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(allOf(containsString("<label for=\"commune\">Commune</label>"), containsString("name=\"theme\""),
                        containsString("name=\"distance\""), containsString(">Rechercher</button>"),
                        containsString("value=\"50\""), containsString("Impôts en ligne")))
                .extract().asString();
        lightAndClean(form);
        String results = given().queryParam("commune", "Romagné").queryParam("theme", "aide_demarches")
                .queryParam("distance", "10").when().get("/").then().statusCode(200)
                .body(allOf(containsString("Permanence conseiller numérique"), containsString("Sur rendez-vous"),
                        containsString("Prochain rendez-vous libre"), containsString("Lieu d'accueil"),
                        containsString("Ouvert maintenant"), containsString("02 99 00 00 00"),
                        containsString("du lundi au vendredi : 9 h – 12 h"), containsString("Commune de Romagné"),
                        containsString("href=\"/offres/" + FakeApi.OFFER + "\""), containsString("moins de 1 km")))
                .extract().asString();
        lightAndClean(results);
    }

    @Test
    @Order(3)
    void ambiguousCommuneGivesChoicesUnknownOneAnErrorTiedToTheField() {
        given().queryParam("commune", "Saint-Aubin").when().get("/").then().statusCode(200)
                .body(allOf(containsString("Plusieurs communes correspondent"), containsString("insee=35001"),
                        containsString("insee=45001")));
        given().queryParam("commune", "Xyzzy").when().get("/").then().statusCode(200)
                .body(allOf(containsString("id=\"commune-erreur\""), containsString("aria-invalid=\"true\""),
                        containsString("aria-describedby=\"commune-aide commune-erreur\""),
                        containsString("Nous ne trouvons pas cette commune")));
        given().queryParam("commune", "35133").when().get("/").then().statusCode(200)
                .body(containsString("près de Romagné"));
    }

    @Test
    @Order(4)
    void placeAndOfferPages() {
        lightAndClean(given().when().get("/lieux/" + FakeApi.PLACE).then().statusCode(200)
                .body(allOf(containsString("<h1>Pôle socioculturel</h1>"), containsString("2 rue de la Mairie"),
                        containsString("https://www.openstreetmap.org/?mlat=48.34000&amp;mlon=-1.27000"),
                        containsString("jours fériés : fermé"), containsString("tel:+33299000000")))
                .extract().asString());
        lightAndClean(given().when().get("/offres/" + FakeApi.OFFER).then().statusCode(200)
                .body(allOf(containsString("<h1>Permanence conseiller numérique</h1>"), containsString(">Réserver<"),
                        containsString("Liste d'attente"), containsString("1 place libre"),
                        containsString("/offres/" + FakeApi.OFFER + "/reserver?creneau=" + FakeApi.SLOT_FREE)))
                .extract().asString());
    }

    @Test
    @Order(5)
    void unknownAddressesAndIdsGiveTheNotFoundPage() {
        for (String path : new String[] { "/pas-de-page-ici", "/offres/pas-un-uuid", "/lieux/00000000-0000-4000-8000-00000000ffff",
                "/rdv/court", "/rdv/inconnu_inconnu_inconnu_inconnu" }) {
            given().when().get(path).then().statusCode(404).contentType(containsString("text/html"))
                    .body(allOf(containsString("Page introuvable"), not(containsString("Exception"))));
        }
    }

    @Test
    @Order(6)
    void apiDownGivesAPoliteErrorPageNeverATrace() {
        FakeApi.down = true;
        // themes are cached once read: a commune search needs the communes API, which is down
        given().queryParam("commune", "Romagné").when().get("/").then().statusCode(503)
                .body(allOf(containsString("Service momentanément indisponible"), not(containsString("Exception")),
                        not(containsString("at fr.maillage"))));
    }

    @Test
    @Order(7)
    void aFormWithoutItsCsrfTokenIsRefused() {
        given().config(NO_REDIRECTS).contentType("application/x-www-form-urlencoded").formParam("creneau", FakeApi.SLOT_FREE)
                .formParam("prenom", "Camille").formParam("telephone", "0612345678").formParam("consentement", "oui")
                .when().post("/offres/" + FakeApi.OFFER + "/reserver").then().statusCode(400)
                .body(containsString("Formulaire expiré"));
        given().config(NO_REDIRECTS).contentType("application/x-www-form-urlencoded").formParam("code", "123456")
                .when().post("/reservations/" + FakeApi.BOOKING + "/code").then().statusCode(400);
        given().config(NO_REDIRECTS).contentType("application/x-www-form-urlencoded")
                .when().post("/rdv/" + FakeApi.TOKEN + "/annuler").then().statusCode(400);
    }

    @Test
    @Order(8)
    void csrfCookieIsHttpOnlySameSiteAndSecure() {
        Response page = given().when().get("/offres/" + FakeApi.OFFER + "/reserver?creneau=" + FakeApi.SLOT_FREE);
        String setCookie = page.getHeader("Set-Cookie");
        assertNotNull(setCookie);
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Secure"), setCookie);
    }

    @Test
    @Order(9)
    void bookWithACodeThenConfirmation() {
        String bookPath = "/offres/" + FakeApi.OFFER + "/reserver";
        Response form = given().when().get(bookPath + "?creneau=" + FakeApi.SLOT_FREE);
        form.then().statusCode(200).body(allOf(containsString("<label for=\"prenom\">Prénom</label>"),
                containsString("<label for=\"telephone\">Téléphone portable</label>"),
                containsString("<label for=\"email\">E-mail</label>"),
                containsString("<label for=\"commune\">Commune où vous habitez</label>"),
                containsString("type=\"checkbox\" id=\"consentement\""), containsString(">Réserver</button>")));
        lightAndClean(form.asString());
        Csrf csrf = csrf(form);

        // missing consent and a phone the API refuses: each error next to its field
        given().config(NO_REDIRECTS).cookie("maillage-csrf", csrf.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf.field()).formParam("creneau", FakeApi.SLOT_FREE).formParam("prenom", "Camille")
                .formParam("telephone", "0612345678").when().post(bookPath).then().statusCode(422)
                .body(allOf(containsString("id=\"consentement-erreur\""), containsString("aria-describedby=\"consentement-erreur\"")));
        given().config(NO_REDIRECTS).cookie("maillage-csrf", csrf.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf.field()).formParam("creneau", FakeApi.SLOT_FREE).formParam("prenom", "Camille")
                .formParam("telephone", "123").formParam("consentement", "oui").when().post(bookPath).then().statusCode(422)
                .body(allOf(containsString("id=\"telephone-erreur\""), containsString("Numéro de téléphone invalide"),
                        containsString("aria-describedby=\"telephone-aide telephone-erreur\""),
                        containsString("value=\"Camille\"")));

        given().config(NO_REDIRECTS).cookie("maillage-csrf", csrf.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf.field()).formParam("creneau", FakeApi.SLOT_FREE).formParam("prenom", "Camille")
                .formParam("telephone", "06 12 34 56 78").formParam("consentement", "oui").formParam("commune", "Romagné (35133)")
                .when().post(bookPath).then().statusCode(303)
                .header("Location", "/reservations/" + FakeApi.BOOKING + "/code");

        String codePath = "/reservations/" + FakeApi.BOOKING + "/code";
        Response codePage = given().cookie("maillage-csrf", csrf.cookie()).when().get(codePath);
        codePage.then().statusCode(200).body(allOf(containsString("<label for=\"code\">Code reçu</label>"),
                containsString(">Confirmer</button>"), containsString("•• •• •• •• 78")));
        lightAndClean(codePage.asString());
        Csrf c2 = csrf(codePage);

        given().config(NO_REDIRECTS).cookie("maillage-csrf", c2.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", c2.field()).formParam("code", "12").when().post(codePath).then().statusCode(422)
                .body(containsString("Le code a 6 chiffres"));
        given().config(NO_REDIRECTS).cookie("maillage-csrf", c2.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", c2.field()).formParam("code", "654321").when().post(codePath).then().statusCode(422)
                .body(allOf(containsString("Ce code ne correspond pas. Il vous reste 2 essai(s)."),
                        containsString("id=\"code-erreur\"")));
        Response ok = given().config(NO_REDIRECTS).cookie("maillage-csrf", c2.cookie())
                .contentType("application/x-www-form-urlencoded").formParam("csrf", c2.field()).formParam("code", "123 456")
                .when().post(codePath);
        ok.then().statusCode(303).header("Location", "/reservations/" + FakeApi.BOOKING + "/confirmation");
        String rdvCookie = ok.getHeaders().getValues("Set-Cookie").stream().filter(h -> h.startsWith("maillage-rdv=")).findFirst().orElse("");
        assertTrue(rdvCookie.startsWith("maillage-rdv=" + FakeApi.TOKEN), rdvCookie);
        assertTrue(rdvCookie.toLowerCase().contains("httponly") && rdvCookie.contains("SameSite=Strict") && rdvCookie.contains("Secure")
                && rdvCookie.contains("Path=/reservations/" + FakeApi.BOOKING), rdvCookie);

        String confirmation = given().cookie("maillage-rdv", FakeApi.TOKEN).when()
                .get("/reservations/" + FakeApi.BOOKING + "/confirmation").then().statusCode(200)
                .body(allOf(containsString("Votre rendez-vous est confirmé"), containsString("Ajouter à mon agenda"),
                        containsString("href=\"/rdv/" + FakeApi.TOKEN + "/agenda.ics\""),
                        containsString("http://127.0.0.1:8080/rdv/" + FakeApi.TOKEN), containsString("Ce qu'il faut apporter"),
                        containsString("Pôle socioculturel")))
                .extract().asString();
        lightAndClean(confirmation);
    }

    /** Issue 23: a page's request id (the gateway's X-Request-Id) goes with the API calls web makes for it. */
    @Test
    @Order(9)
    void aPagesRequestIdGoesWithItsApiCalls() {
        String id = "page-" + java.util.UUID.randomUUID();
        FakeApi.STATUS.put(FakeApi.BOOKING, "confirmed");
        given().header("X-Request-Id", id).when().get("/rdv/" + FakeApi.TOKEN).then().statusCode(200);
        assertTrue(ApiRequestIds.SEEN.contains(id), "the page's API call carries its request id: " + ApiRequestIds.SEEN);
    }

    @Test
    @Order(10)
    void selfServiceSeeChangeCancelThenStatusOnly() {
        String rdv = "/rdv/" + FakeApi.TOKEN;
        FakeApi.STATUS.put(FakeApi.BOOKING, "confirmed");
        Response page = given().when().get(rdv);
        page.then().statusCode(200).header("Referrer-Policy", "no-referrer")
                .body(allOf(containsString("Rendez-vous confirmé"), containsString(">Annuler le rendez-vous</button>"),
                        containsString(">Changer de créneau</button>"), containsString("Itinéraire"),
                        containsString("https://www.openstreetmap.org/directions?to=48.34000%2C-1.27000"),
                        containsString(rdv + "/agenda.ics")));
        lightAndClean(page.asString());

        given().when().get(rdv + "/agenda.ics").then().statusCode(200).contentType(containsString("text/calendar"))
                .body(containsString("BEGIN:VCALENDAR"));

        Response change = given().when().get(rdv + "/changer");
        change.then().statusCode(200).body(allOf(containsString("<legend>Nouveau créneau</legend>"),
                containsString("value=\"" + FakeApi.SLOT_OTHER + "\""), not(containsString("value=\"" + FakeApi.SLOT_FREE + "\"")),
                containsString(">Changer de créneau</button>")));
        Csrf c = csrf(change);
        given().config(NO_REDIRECTS).cookie("maillage-csrf", c.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", c.field()).formParam("creneau", FakeApi.SLOT_FULL).when().post(rdv + "/changer").then()
                .statusCode(409).body(allOf(containsString("Ce créneau est complet."), containsString("id=\"creneau-erreur\"")));
        given().config(NO_REDIRECTS).cookie("maillage-csrf", c.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", c.field()).formParam("creneau", FakeApi.SLOT_OTHER).when().post(rdv + "/changer").then()
                .statusCode(303).header("Location", rdv + "?deplace=1");

        Response confirm = given().when().get(rdv + "/annuler");
        confirm.then().statusCode(200).body(allOf(containsString(">Oui, annuler</button>"), containsString("Non, garder")));
        Csrf c3 = csrf(confirm);
        given().config(NO_REDIRECTS).cookie("maillage-csrf", c3.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", c3.field()).when().post(rdv + "/annuler").then().statusCode(303)
                .header("Location", rdv + "?annule=1");
        given().when().get(rdv + "?annule=1").then().statusCode(200)
                .body(allOf(containsString("Votre rendez-vous est annulé."), containsString("Rendez-vous annulé"),
                        not(containsString(">Annuler le rendez-vous<")), not(containsString(">Changer de créneau<")),
                        not(containsString("Camille"))));
        given().config(NO_REDIRECTS).when().get(rdv + "/changer").then().statusCode(303);
    }

    @Test
    @Order(12)
    void anExpiredBookingIsNeverCalledConfirmed() {
        FakeApi.STATUS.put(FakeApi.BOOKING, "expired");
        String base = "/reservations/" + FakeApi.BOOKING;
        given().config(NO_REDIRECTS).when().get(base + "/confirmation").then().statusCode(303)
                .header("Location", base + "/code");
        given().when().get(base + "/code").then().statusCode(200)
                .body(allOf(containsString("Réservation non confirmée"), containsString("Recommencer la réservation"),
                        not(containsString("confirmé</h1>")), not(containsString("Code reçu"))));
        FakeApi.STATUS.put(FakeApi.BOOKING, "confirmed");
    }

    @Test
    @Order(13)
    void staticFilesAreSmallAndServed() {
        String css = given().when().get("/static/site.css").then().statusCode(200).extract().asString();
        String js = given().when().get("/static/communes.js").then().statusCode(200).extract().asString();
        assertTrue(css.length() + js.length() < 20_000);
        assertFalse(css.contains("@import") || css.contains("url(http"), "no third-party resource");
    }

    @Test
    @Order(99)
    void selfServiceTokensNeverReachTheLog() throws Exception {
        Path log = Path.of("target/web-test.log");
        assertTrue(Files.exists(log));
        String text = Files.readString(log);
        assertFalse(text.contains(FakeApi.TOKEN.substring(4)), "self-service token in the log");
        assertFalse(text.contains("0612345678") || text.contains("+33612345678"), "phone in the log");
        assertEquals(-1, text.indexOf("eyJ"), "no JWT in the log");
    }
}
