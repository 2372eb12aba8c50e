package fr.maillage.system.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Media;

/**
 * Issue 20, item 3 and 6 (the {@code /territoire} pages), in Chromium through the gateway on the Somme's demo data: the
 * coordinator of the CC du Val de Somme and of the Somme ({@code coordination.somme}) signs in on Keycloak's real login
 * form, opens « Où l'aide manque » for the EPCI and asks, with the page's own GET form, a 2 km distance (so that the
 * demo's few places leave communes without help). Then:
 * <ul>
 * <li>the communes without help are drawn on the map: the number of polygons of class « sans aide » that Leaflet drew
 * from the commune layer equals the legend's number and the table's rows « Sans aide » (and the same for the covered
 * ones), and there is at least one;</li>
 * <li>the CSV link downloads the API's CSV of the same territory: one line per commune of the table, plus the header;</li>
 * <li>every page of ours passes {@link AuditedBrowser#checkpoint} (the map page with its own weight budget): axe-core 0 serious/critical, no horizontal scrolling
 * at 360 and 320 px, a full-page screenshot at 360 px, no request to another origin (the OpenStreetMap background is
 * only loaded on demand: not pressed here), no CSP violation, no script error; the print version is saved as a PDF;</li>
 * <li>the indicators page of the département renders (secrecy note, totals).</li>
 * </ul>
 */
class TerritoryMapTest {
    private static final String COORDINATOR = "coordination.somme";
    private static final String EPCI = "epci:248000499";
    /**
     * The map page is a coordinator's, not a citizen's: it loads Leaflet (≈ 43 KB gzipped) and the Somme's commune layer
     * (≈ 49 KB gzipped) — about 110 KB with the page; 200 KB leaves room, and still catches an uncompressed layer (≈ 400 KB).
     */
    private static final long MAP_PAGE_BYTES = 200_000;

    @Test
    void theCommunesWithoutHelpAreDrawnAndTheLegendTheTableAndTheMapGiveTheSameNumbers() throws IOException {
        try (AuditedBrowser b = AuditedBrowser.open("territoire-carte", true)) {
            Page page = b.page();
            b.go("/territoire/couverture");
            assertTrue(b.onKeycloakLoginForm(), "/territoire asks a newcomer to sign in on Keycloak: " + b.describe());
            b.signInOnKeycloak(COORDINATOR, DeskSite.PASSWORD);
            assertTrue(page.url().startsWith(AuditedBrowser.SITE + "/territoire/couverture"), "back on the coverage page: "
                    + b.describe());
            mapDrawn(page);
            b.checkpoint("couverture", MAP_PAGE_BYTES);
            assertTrue(DeskSite.heading(page).startsWith("Où l'aide manque"), b.describe() + DeskSite.errors(page));

            // the page's GET form, as a person: the EPCI, 2 km, 14 days
            page.getByLabel("Territoire", new Page.GetByLabelOptions().setExact(true)).selectOption(EPCI);
            page.getByLabel("Distance", new Page.GetByLabelOptions().setExact(true)).fill("2");
            page.getByLabel("Période", new Page.GetByLabelOptions().setExact(true)).fill("14");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Afficher").setExact(true)).click();
            page.waitForLoadState();
            mapDrawn(page);
            b.checkpoint("couverture-2-km", MAP_PAGE_BYTES);
            assertTrue(page.url().contains("rayon=2"), b.describe());
            assertTrue(DeskSite.heading(page).startsWith("Où l'aide manque"), b.describe() + DeskSite.errors(page));

            int legendWithout = number(page.locator("#legende-sans-aide"));
            int legendCovered = number(page.locator("#legende-couvertes"));
            Locator table = page.getByRole(AriaRole.TABLE);
            Locator rows = table.locator("tbody").getByRole(AriaRole.ROW);
            int tableWithout = rows.filter(new Locator.FilterOptions().setHas(page.getByText("Sans aide",
                    new Page.GetByTextOptions().setExact(true)))).count();
            int tableCovered = rows.filter(new Locator.FilterOptions().setHas(page.getByText("Couverte",
                    new Page.GetByTextOptions().setExact(true)))).count();
            int mapWithout = page.locator("#carte path.commune-sans-aide").count();
            int mapCovered = page.locator("#carte path.commune-couverte").count();
            String numbers = "legend " + legendWithout + "/" + legendCovered + ", table " + tableWithout + "/" + tableCovered + ", map "
                    + mapWithout + "/" + mapCovered + " (without help / covered); " + page.locator("#carte-etat").innerText();
            assertTrue(legendWithout > 0, "at 2 km the demo leaves communes of the Val de Somme without help: " + numbers);
            assertEquals(legendWithout, tableWithout, numbers);
            assertEquals(legendWithout, mapWithout, numbers);
            assertEquals(legendCovered, tableCovered, numbers);
            assertEquals(legendCovered, mapCovered, numbers);
            assertEquals(rows.count(), tableWithout + tableCovered, numbers);
            // drawn, not just present: the first polygon without help has an area on screen
            var box = page.locator("#carte path.commune-sans-aide").first().boundingBox();
            assertTrue(box != null && box.width > 0 && box.height > 0, "a polygon without help is drawn: " + box);

            // the CSV: the API's, of the same territory, every commune
            Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                    .setName("Télécharger le tableau (CSV, tableur)").setExact(true)).click());
            assertEquals("couverture-epci-248000499.csv", download.suggestedFilename());
            List<String> lines = Files.readAllLines(download.path(), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            assertTrue(lines.get(0).replace("\uFEFF", "").startsWith("code_insee;commune;"), lines.get(0));
            assertEquals(rows.count() + 1, lines.size(), "one line per commune of the table, plus the header");

            // the print version (A4: map, legend and table, no navigation)
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
            b.snapshot("couverture-impression", true);
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));

            // the indicators of the département
            b.go("/territoire/indicateurs?territoire=dep:80");
            b.checkpoint("indicateurs");
            assertTrue(DeskSite.heading(page).startsWith("Demandes et rendez-vous"), b.describe() + DeskSite.errors(page));
            assertTrue(CitizenSite.text(page).contains("Secret statistique"), b.describe());
            b.done();
        }
    }

    /** Waits for carte.js to have drawn the layer (or said it could not). */
    private static void mapDrawn(Page page) {
        page.waitForFunction("() => { const m = document.getElementById('carte'); return !m || m.getAttribute('data-drawn'); }",
                null, new Page.WaitForFunctionOptions().setTimeout(30_000));
        assertEquals("done", page.locator("#carte").getAttribute("data-drawn"), "the map is drawn: "
                + page.locator("#carte-etat").innerText());
    }

    private static int number(Locator strong) {
        return Integer.parseInt(strong.innerText().replaceAll("\\D", ""));
    }
}
