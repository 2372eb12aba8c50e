package fr.maillage.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Issue 22 item 6, the commune websites' widget against {@link FakeApi}: what it shows (the search page's results for the
 * commune, links opening in a new window, « Voir toute l'aide près de … »), its parameters and their errors (400/404/503
 * pages in French), its weight with everything it loads, its framing headers (the origins of the test profile:
 * https://www.romagne.fr and http://localhost:8097) while every other page stays unframable, and the embedding page.
 * The widget in a real frame, on an allowed and a refused origin, runs in Chromium (deploy/…/system/web/WidgetInACommuneSiteTest).
 */
@QuarkusTest
class WidgetPagesTest {
    static final String WIDGET_CSP = CitizenPagesTest.CSP.replace("frame-ancestors 'none'",
            "frame-ancestors https://www.romagne.fr http://localhost:8097");

    @AfterEach
    void up() {
        FakeApi.down = false;
    }

    @Test
    void theHelpNearTheCommuneEachLinkOpeningOnMaillageInANewWindow() {
        Response r = given().queryParam("commune", "35243").when().get("/widget");
        r.then().statusCode(200).contentType(containsString("text/html"))
                .header("Set-Cookie", nullValue())
                .body(allOf(containsString("<h1>Aide au numérique près de Romagné</h1>"),
                        containsString("<title>Aide au numérique près de Romagné – Maillage</title>"),
                        containsString("jusqu'à 20 km"),
                        containsString("<h2>Permanence conseiller numérique</h2>"), containsString("Sur rendez-vous"),
                        containsString("Prochain rendez-vous libre"), containsString("moins de 1 km"),
                        containsString("Lieu d'accueil"), containsString("Ouvert maintenant"), containsString("02 99 00 00 00"),
                        containsString("href=\"/offres/" + FakeApi.OFFER + "\" target=\"_blank\" rel=\"noopener\">Voir les créneaux et réserver"),
                        containsString("href=\"/lieux/" + FakeApi.PLACE + "\" target=\"_blank\" rel=\"noopener\">Horaires et adresse"),
                        containsString("href=\"/?commune=Romagn%C3%A9&amp;insee=35243&amp;theme=&amp;distance=20\" target=\"_blank\""
                                + " rel=\"noopener\">Voir toute l'aide près de Romagné <span class=\"w-new\">(nouvelle fenêtre)</span>")));
        String html = r.asString();
        // every link leaving the frame says so, in its text (read by screen readers too), and gives the new page no opener
        Matcher a = Pattern.compile("<a ([^>]*)>(.*?)</a>").matcher(html);
        int outside = 0;
        while (a.find()) {
            if (a.group(1).startsWith("href=\"tel:")) {
                continue;
            }
            outside++;
            assertTrue(a.group(1).contains("target=\"_blank\" rel=\"noopener\""), a.group());
            assertTrue(a.group(2).contains("(nouvelle fenêtre)"), a.group());
        }
        assertEquals(4, outside, "the offer, the place, all the help, Maillage: " + html);
        assertFalse(html.contains("style="), "no style attribute (CSP)");
        assertFalse(html.contains("<script"), "no script at all");
        assertFalse(html.contains("site.css"), "its own small stylesheet");
        assertTrue(html.contains("<html lang=\"fr\">"));
    }

    @Test
    void weighsUnder50KbWithEverythingItLoads() {
        String html = given().queryParam("commune", "35243").queryParam("max", "20").when().get("/widget").then().statusCode(200)
                .extract().asString();
        long total = html.getBytes(StandardCharsets.UTF_8).length;
        int resources = 0;
        for (Matcher m = Pattern.compile("<(?:link|script|img)[^>]*(?:href|src)=\"(/[^\"]*)\"").matcher(html); m.find();) {
            resources++;
            byte[] body = given().when().get(m.group(1)).then().statusCode(200).extract().asByteArray();
            total += body.length;
        }
        assertEquals(1, resources, "one stylesheet and nothing else (the icon is a data: URL): " + html);
        assertTrue(total <= 50_000, "the widget and what it loads weigh " + total + " bytes");
        assertTrue(total <= 10_000, "in fact far less: " + total + " bytes");
    }

    @Test
    void onlyTheConfiguredOriginsMayFrameTheWidgetAndNothingElse() {
        for (String commune : new String[] { "35243", "99999", "abc" }) {
            Response r = given().queryParam("commune", commune).when().get("/widget");
            assertEquals(WIDGET_CSP, r.getHeader("Content-Security-Policy"), commune);
            assertNull(r.getHeader("X-Frame-Options"), "no X-Frame-Options DENY on the widget (" + commune + ")");
            assertEquals("no-referrer", r.getHeader("Referrer-Policy"));
        }
        for (String path : new String[] { "/", "/widget/integrer", "/widget/", "/static/widget.css", "/lieux/" + FakeApi.PLACE }) {
            given().when().get(path).then().header("Content-Security-Policy", CitizenPagesTest.CSP)
                    .header("X-Frame-Options", "DENY");
        }
    }

    @Test
    void wrongParametersGetAClearFrenchPageNeverATrace() {
        given().when().get("/widget").then().statusCode(400)
                .body(allOf(containsString("Indiquez le code INSEE de la commune"), containsString("role=\"alert\"")));
        given().queryParam("commune", "Romagné").when().get("/widget").then().statusCode(400)
                .body(containsString("« Romagné » n&#39;est pas un code INSEE de commune"));
        given().queryParam("commune", "99999").when().get("/widget").then().statusCode(404)
                .body(containsString("Nous ne connaissons pas de commune au code INSEE « 99999 »"));
        for (String rayon : new String[] { "0", "51", "dix", "-5", "1000" }) {
            given().queryParam("commune", "35243").queryParam("rayon", rayon).when().get("/widget").then().statusCode(400)
                    .body(containsString("Le rayon doit être un nombre entier de kilomètres, de 1 à 50."));
        }
        for (String max : new String[] { "0", "21", "tout" }) {
            given().queryParam("commune", "35243").queryParam("max", max).when().get("/widget").then().statusCode(400)
                    .body(containsString("Le nombre de résultats (max) doit être un nombre entier, de 1 à 20."));
        }
        FakeApi.down = true;
        given().queryParam("commune", "35243").when().get("/widget").then().statusCode(503).header("Retry-After", "60")
                .header("Content-Security-Policy", WIDGET_CSP)
                .body(allOf(containsString("momentanément indisponible"), not(containsString("Exception"))));
    }

    @Test
    void radiusAndMaxShapeTheList() {
        String one = given().queryParam("commune", "35243").queryParam("rayon", "7").queryParam("max", "1").when().get("/widget")
                .then().statusCode(200).body(allOf(containsString("jusqu'à 7 km"),
                        // the search page offers 5, 10, 20, 50 km: the one that covers 7 km
                        containsString("insee=35243&amp;theme=&amp;distance=10\""))).extract().asString();
        assertEquals(1, one.split("<li class=\"w-item\">", -1).length - 1, "max=1: one line");
        String two = given().queryParam("commune", "35243").when().get("/widget").then().extract().asString();
        assertEquals(2, two.split("<li class=\"w-item\">", -1).length - 1, "the appointment and the place");
        assertTrue(two.indexOf("Permanence conseiller numérique") < two.indexOf("Horaires et adresse"),
                "as the search page: at the same distance, the appointment first");
    }

    @Test
    void theEmbeddingPageGivesTheSnippetForACommune() {
        String example = given().when().get("/widget/integrer").then().statusCode(200)
                .body(allOf(containsString("<h1>Intégrer l'aide près de votre commune sur votre site</h1>"),
                        containsString("&lt;iframe src=&quot;http://127.0.0.1:8080/widget?commune=35243&quot;"),
                        containsString("title=&quot;Aide au numérique près de Romagné (Maillage)&quot;"),
                        containsString("width=&quot;100%&quot; height=&quot;480&quot;"),
                        containsString("ajoutera à la liste des sites autorisés"),
                        not(containsString("Aucun site n'est autorisé"))))
                .extract().asString();
        CitizenPagesTest.lightAndClean(example);
        given().queryParam("commune", "35133").when().get("/widget/integrer").then().statusCode(200)
                .body(allOf(containsString("Pour Romagné (code INSEE 35243)"), containsString("value=\"Romagné (35133)\"")));
        given().queryParam("commune", "Xyzzy").when().get("/widget/integrer").then().statusCode(200)
                .body(allOf(containsString("id=\"commune-erreur\""), containsString("aria-invalid=\"true\""),
                        containsString("Nous ne trouvons pas cette commune")));
        given().queryParam("commune", "Saint-Aubin").when().get("/widget/integrer").then().statusCode(200)
                .body(containsString("Plusieurs communes portent ce nom"));
    }
}
