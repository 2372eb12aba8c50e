package fr.maillage.web;

import static fr.maillage.web.AgentPagesTest.has;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;

/**
 * The coordinators' pages (issue 20, §3) without Keycloak, against {@link FakeTerritory}: sign-in redirect, roles
 * (coordinator and admin in; agent and volunteer get the French 403 page), the coverage page (legend = table rows, every
 * commune read across the API's pages, the map's data on the rows, Leaflet from web's own webjar, OSM tiles allowed by
 * this page's CSP only), errors in French next to their field (ours, and the API's 403/404 naming the territory), the
 * indicators (« moins de 5 » for a suppressed figure, bars with their values, the secrecy note), and the CSV proxies.
 */
@QuarkusTest
class TerritoryPagesTest {
    static final String TERRITORIES = "[\"epci:248000499\",\"dep:80\"]";

    @BeforeEach
    void reset() {
        FakeTerritory.reset();
    }

    static String body(String path, int status) {
        return given().config(CitizenPagesTest.NO_REDIRECTS).when().get(path).then().statusCode(status).extract().asString();
    }

    static int count(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    // ------------------------------------------------------------------ sign-in and roles

    @Test
    void withoutSignInTheTerritoryPagesRedirectToTheIdentityProviderButTheCommuneLayerIsPublic() {
        for (String path : new String[] { "/territoire", "/territoire/couverture", "/territoire/indicateurs",
                "/territoire/couverture.csv?territoire=epci:248000499" }) {
            String location = given().config(CitizenPagesTest.NO_REDIRECTS).header("X-Forwarded-Proto", "http")
                    .header("X-Forwarded-Host", "127.0.0.1:8080").when().get(path).then().statusCode(302).extract()
                    .header("Location");
            assertTrue(location.startsWith("http://127.0.0.1:18585/fake-oidc/auth?"), location);
            assertTrue(location.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fterritoire"), location);
        }
        assertTrue(FakeTerritory.CALLS.isEmpty(), "nothing asked to the API");
        // the commune layer (static, public data), compressed, with its type; Leaflet from web's own webjar
        given().header("Accept-Encoding", "gzip").when().get("/territoire/communes/99.geojson").then().statusCode(200)
                .contentType(containsString("application/geo+json")).header("Content-Encoding", "gzip")
                .body(containsString("Essai-sur-Carte"));
        given().header("Accept-Encoding", "gzip").when().get("/webjars/leaflet/1.9.4/dist/leaflet.js").then().statusCode(200)
                .contentType(containsString("javascript")).header("Content-Encoding", "gzip")
                .header("Cache-Control", not(containsString("no-store")));
        given().when().get("/webjars/leaflet/1.9.4/dist/leaflet.css").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "agent.romagne", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org", value = FakeApi.PARTNER))
    void anAgentGetsTheCoordinationForbiddenPage() {
        for (String path : new String[] { "/territoire", "/territoire/couverture?territoire=dep:80", "/territoire/indicateurs",
                "/territoire/indicateurs.csv?territoire=dep:80" }) {
            given().config(CitizenPagesTest.NO_REDIRECTS).when().get(path).then().statusCode(403)
                    .body(allOf(has("Accès réservé à la coordination des territoires"), has("href=\"/agent/deconnexion\"")));
        }
        assertTrue(FakeTerritory.CALLS.isEmpty(), "nothing asked to the API");
    }

    @Test
    @TestSecurity(user = "benevole.boigny", roles = "volunteer")
    @OidcSecurity(claims = @Claim(key = "person", value = FakeVolunteer.PERSON))
    void aVolunteerGetsTheForbiddenPageToo() {
        given().config(CitizenPagesTest.NO_REDIRECTS).when().get("/territoire/couverture").then().statusCode(403)
                .body(has("Accès réservé à la coordination des territoires"));
    }

    @Test
    @TestSecurity(user = "coordination.somme", roles = "coordinator")
    @OidcSecurity(claims = { @Claim(key = "territory", value = TERRITORIES, type = ClaimType.JSON_ARRAY),
            @Claim(key = "name", value = "Morgan Caron") })
    void theHomePageListsTheCoordinatorsTerritoriesAndSignsOutThroughTheSitesLogoutPath() {
        String html = body("/territoire", 200);
        assertTrue(html.contains("Morgan Caron"), html);
        assertTrue(html.contains("href=\"/territoire/couverture?territoire=epci:248000499\""), html);
        assertTrue(html.contains("href=\"/territoire/indicateurs?territoire=dep:80\""), html);
        assertTrue(html.contains("Intercommunalité (EPCI) 248000499") && html.contains("Département 80"), html);
        assertTrue(html.contains("aria-label=\"Menu de l'espace coordination\""));
        CitizenPagesTest.lightAndClean(html);
        Response out = given().config(CitizenPagesTest.NO_REDIRECTS).when().get("/territoire/deconnexion");
        assertEquals(303, out.statusCode());
        assertEquals("/agent/deconnexion", out.header("Location"));
    }

    // ------------------------------------------------------------------ coverage

    @Test
    @TestSecurity(user = "coordination.somme", roles = "coordinator")
    @OidcSecurity(claims = { @Claim(key = "territory", value = TERRITORIES, type = ClaimType.JSON_ARRAY),
            @Claim(key = "name", value = "Morgan Caron") })
    void theCoveragePageOfTheFirstTerritoryGivesTheSameNumbersInTheLegendAndTheTableAndFeedsTheMap() {
        Response r = given().when().get("/territoire/couverture");
        assertEquals(200, r.statusCode());
        String html = r.asString();
        CitizenPagesTest.lightAndClean(html);
        // the first territory of the token, the defaults (10 km, 14 days), every page of items read with the user's token
        assertTrue(FakeTerritory.CALLS.stream().anyMatch(c -> c.startsWith("coverage departement=null epci=248000499 theme=null"
                + " radiusKm=10.0 days=14 page=0 size=100")), FakeTerritory.CALLS.toString());
        assertTrue(html.contains("<h1>Où l'aide manque : CC du Val de Somme</h1>"), html);
        assertTrue(html.contains("<option value=\"epci:248000499\" selected>"), "the territory chosen");
        // legend: 2 without help (800 inhabitants, 10 %), 2 covered
        assertTrue(html.contains("<strong id=\"legende-sans-aide\">2</strong> communes sans aide"), html);
        assertTrue(html.contains("<strong>800</strong> habitants (10\u00a0% de la population)"), html);
        assertTrue(html.contains("<strong id=\"legende-couvertes\">2</strong> communes couvertes"), html);
        assertTrue(html.contains("7\u00a0200"), "population written the French way");
        // table = legend: rows without help first, each row carries what the map colours
        assertEquals(2, count(html, "<tr data-commune=\"\\d+\" data-etat=\"sans-aide\">"));
        assertEquals(2, count(html, "<tr data-commune=\"\\d+\" data-etat=\"couverte\">"));
        assertTrue(html.indexOf("Aubigny") < html.indexOf("Corbie"), "without help first");
        assertTrue(html.contains("Rendez-vous libre") && html.contains("3,2 km") && html.contains("mardi 8 décembre 2026 à 9 h"), html);
        assertTrue(html.contains("Accueil sans rendez-vous") && html.contains("Commune desservie"), html);
        // the map: Leaflet and its script from web itself, the département's layer to load, the no-JS message
        assertTrue(html.contains("<script src=\"/webjars/leaflet/1.9.4/dist/leaflet.js\" defer></script>"));
        assertTrue(html.contains("<script src=\"/static/territoire/carte.js\" defer></script>"));
        assertTrue(html.contains("data-departements=\"80\" data-type=\"epci\""), html);
        assertTrue(html.contains("La carte a besoin de JavaScript"));
        assertTrue(html.contains(">Afficher le fond OpenStreetMap</button>"));
        assertTrue(html.contains("href=\"/territoire/couverture.csv?territoire=epci%3A248000499&amp;rayon=10&amp;jours=14\"")
                || html.contains("href=\"/territoire/couverture.csv?territoire=epci:248000499&amp;rayon=10&amp;jours=14\""), html);
        // OSM tiles allowed on this page only
        String csp = r.header("Content-Security-Policy");
        assertTrue(csp.contains("img-src 'self' data: https://tile.openstreetmap.org;"), csp);
        assertTrue(csp.contains("script-src 'self';") && csp.contains("style-src 'self';"), csp);
        String elsewhere = given().when().get("/territoire/indicateurs").then().extract().header("Content-Security-Policy");
        assertFalse(elsewhere.contains("openstreetmap"), elsewhere);
    }

    @Test
    @TestSecurity(user = "coordination.somme", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "territory", value = TERRITORIES, type = ClaimType.JSON_ARRAY))
    void theFormsErrorsAreInFrenchNextToTheirFieldsAndNothingIsAsked() {
        String html = body("/territoire/couverture?territoire=nimporte&rayon=abc&jours=200&theme=inconnu", 400);
        assertTrue(html.contains("<title>Erreur – Où l'aide manque"), html);
        assertTrue(html.contains("<p class=\"error\" id=\"territoire-erreur\"><span class=\"sr-only\">Erreur : </span>Écrivez le"
                + " territoire sous la forme dep:80"), html);
        assertTrue(AgentPagesTest.text(html).contains("id=\"rayon-erreur\"><span class=\"sr-only\">Erreur : </span>Indiquez une"
                + " distance en kilomètres"), html);
        assertTrue(html.contains("id=\"jours-erreur\""), html);
        assertTrue(html.contains("id=\"theme-erreur\""), html);
        assertTrue(html.contains("aria-describedby=\"rayon-aide rayon-erreur\" aria-invalid=\"true\""), html);
        assertTrue(html.contains("4 erreurs dans le formulaire"), html);
        assertTrue(html.contains("<option value=\"nimporte\" selected>nimporte</option>"), "the value typed is kept");
        assertFalse(html.contains("leaflet.js"), "no map without a result: Leaflet not loaded");
        assertTrue(FakeTerritory.CALLS.isEmpty(), FakeTerritory.CALLS.toString());
        // a decimal comma is read
        body("/territoire/couverture?territoire=dep:80&rayon=7,5&jours=30", 200);
        assertTrue(FakeTerritory.CALLS.get(FakeTerritory.CALLS.size() - 1).contains("radiusKm=7.5 days=30"), FakeTerritory.CALLS.toString());
    }

    @Test
    @TestSecurity(user = "coordination.somme", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "territory", value = TERRITORIES, type = ClaimType.JSON_ARRAY))
    void theApisRefusalsAreShownOnTheTerritoryField() {
        String outside = body("/territoire/couverture?territoire=dep:62", 403);
        assertTrue(AgentPagesTest.text(outside).contains("id=\"territoire-erreur\"><span class=\"sr-only\">Erreur : </span>Ce"
                + " territoire ne fait pas partie de ceux que vous coordonnez : département 62."), outside);
        String unknown = body("/territoire/indicateurs?territoire=epci:200000000", 404);
        assertTrue(AgentPagesTest.text(unknown).contains("Aucune commune connue pour l'EPCI 200000000."), unknown);
        assertTrue(unknown.contains("id=\"territoire-erreur\""), unknown);
    }

    @Test
    @TestSecurity(user = "admin.maillage", roles = "admin")
    void anAdministratorTypesAnyTerritory() {
        String home = body("/territoire", 200);
        assertTrue(home.contains("en tant qu'administrateur") || AgentPagesTest.text(home).contains("en tant qu'administrateur"), home);
        String empty = body("/territoire/couverture", 400);
        assertTrue(empty.contains("<input type=\"text\" id=\"territoire\" name=\"territoire\""), empty);
        assertTrue(AgentPagesTest.text(empty).contains("Indiquez un territoire"), empty);
        String html = body("/territoire/couverture?territoire=dep:62", 200);
        assertTrue(html.contains("Département 62"), html);
    }

    @Test
    @TestSecurity(user = "coordination.somme", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "territory", value = TERRITORIES, type = ClaimType.JSON_ARRAY))
    void theCoverageCsvIsTheApisCsv() {
        Response csv = given().when().get("/territoire/couverture.csv?territoire=epci:248000499&theme=aide_demarches&rayon=10&jours=14");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertEquals("attachment; filename=\"couverture-epci-248000499.csv\"", csv.header("Content-Disposition"));
        assertTrue(csv.asString().startsWith("code_insee;commune;epci;"), csv.asString());
        assertTrue(FakeTerritory.CALLS.get(0).contains("theme=aide_demarches radiusKm=10.0 days=14")
                && FakeTerritory.CALLS.get(0).contains("accept=text/csv"), FakeTerritory.CALLS.toString());
        // a malformed query goes back to the page (errors shown there), nothing asked
        FakeTerritory.reset();
        given().config(CitizenPagesTest.NO_REDIRECTS).when().get("/territoire/couverture.csv?territoire=epci:12&jours=0").then()
                .statusCode(303).header("Location", containsString("/territoire/couverture?territoire=epci"));
        assertTrue(FakeTerritory.CALLS.isEmpty());
    }

    // ------------------------------------------------------------------ indicators

    @Test
    @TestSecurity(user = "coordination.somme", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "territory", value = TERRITORIES, type = ClaimType.JSON_ARRAY))
    void theIndicatorsShowMoinsDe5ForSuppressedFiguresWithBarsAndTheirValues() {
        String html = body("/territoire/indicateurs?territoire=dep:80&du=01/01/2026&au=2026-12-31", 200);
        CitizenPagesTest.lightAndClean(html);
        assertTrue(FakeTerritory.CALLS.get(0).startsWith("indicators departement=80 epci=null commune=null theme=null"
                + " from=2026-01-01 to=2026-12-31"), FakeTerritory.CALLS.toString());
        assertTrue(html.contains("<h1>Demandes et rendez-vous : Somme</h1>"), html);
        assertTrue(html.contains("du 1 janvier 2026 au 31 décembre 2026"), html);
        assertTrue(html.contains("<dt>Demandes de rendez-vous</dt><dd>120</dd>"), html);
        assertTrue(html.contains("<dt>Refusées car complet</dt><dd class=\"suppressed\">moins de 5</dd>"), html);
        assertTrue(AgentPagesTest.text(html).contains("<dt>Taux d'absence</dt><dd>11,4\u00a0%</dd>"), html);
        assertTrue(html.contains("<dt>Absentes</dt><dd class=\"suppressed\">moins de 5</dd>"), "a referral outcome hidden");
        assertTrue(html.contains("Secret statistique"), html);
        // bars: the value written beside; the largest of the list is a full bar
        assertTrue(html.contains("<rect class=\"bar-fill\" width=\"100\" height=\"10\"/></svg><span class=\"bar-value\">80</span>"), html);
        assertTrue(html.contains("<span class=\"bar-cell suppressed\">"), html);
        assertTrue(html.contains("<span class=\"bar-value\">77,5\u00a0%</span>"), "fill rate");
        assertTrue(html.contains("href=\"/territoire/indicateurs?territoire=commune:80338&amp;du=2026-01-01&amp;au=2026-12-31\"")
                || html.contains("href=\"/territoire/indicateurs?territoire=commune%3A80338&amp;du=2026-01-01&amp;au=2026-12-31\""), html);
        assertTrue(html.contains("table=offres"), html);
        // a commune asked (for the indicators only)
        body("/territoire/indicateurs?territoire=commune:80338", 200);
        assertTrue(FakeTerritory.CALLS.get(1).contains("commune=80338"), FakeTerritory.CALLS.toString());
    }

    @Test
    @TestSecurity(user = "coordination.somme", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "territory", value = TERRITORIES, type = ClaimType.JSON_ARRAY))
    void thePeriodsErrorsAreNextToTheirFields() {
        String html = body("/territoire/indicateurs?territoire=dep:80&du=31/12/2026&au=2026-01-01", 400);
        assertTrue(AgentPagesTest.text(html).contains("id=\"au-erreur\"><span class=\"sr-only\">Erreur : </span>La fin de la période"
                + " doit être le même jour que le début ou après."), html);
        html = body("/territoire/indicateurs?territoire=dep:80&du=hier&au=2020-01-01", 400);
        assertTrue(html.contains("id=\"du-erreur\""), html);
        html = body("/territoire/indicateurs?territoire=dep:80&du=2020-01-01&au=2026-01-01", 400);
        assertTrue(html.contains("deux ans"), html);
        assertTrue(FakeTerritory.CALLS.isEmpty(), FakeTerritory.CALLS.toString());
    }

    @Test
    @TestSecurity(user = "coordination.somme", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "territory", value = TERRITORIES, type = ClaimType.JSON_ARRAY))
    void theIndicatorsCsvAreTheApisCsv() {
        Response csv = given().when().get("/territoire/indicateurs.csv?territoire=epci:248000499&du=2026-01-01&au=2026-12-31");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.header("Content-Disposition").contains("indicateurs-epci-248000499-2026-01-01-2026-12-31.csv"));
        assertTrue(csv.asString().contains("80338;Fouilloy;900;<5"), csv.asString());
        Response offers = given().when().get("/territoire/indicateurs.csv?territoire=epci:248000499&table=offres");
        assertTrue(offers.asString().startsWith("offre;lieu;"), offers.asString());
        assertTrue(FakeTerritory.CALLS.get(1).contains("table=offres"), FakeTerritory.CALLS.toString());
        // the API's refusal: the page with the error on the field, not a file
        given().when().get("/territoire/indicateurs.csv?territoire=dep:62").then().statusCode(403)
                .contentType(containsString("text/html")).body(not(containsString("code_insee")));
    }
}
