package fr.maillage.system.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The browser tests' tools work on this machine, before any page of ours is involved: Debian's Chromium launches under
 * Playwright (installed by deploy/infra/chromium.sh if it was missing, never downloaded by Playwright), axe-core runs
 * in it and does report serious and critical violations (a page with an unlabelled field and an image without text
 * alternative), a clean page has none, and a context with JavaScript disabled runs no page script while labels and
 * roles still find the form's elements.
 */
class ChromiumAndAxeSmokeTest {
    private static final String GOOD = """
            <!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title></head>
            <body><main><h1 id="h">Trouver de l'aide</h1>
            <form action="#"><label for="c">Commune</label> <input id="c" name="commune">
            <button type="submit">Rechercher</button></form></main>
            <script>document.getElementById('h').textContent = 'Script exécuté';</script></body></html>""";
    private static final String BAD = """
            <!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title></head>
            <body><main><h1>Essai</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
            <input name="commune"><p style="color:#ccc;background:#fff">Texte peu lisible</p></main></body></html>""";

    @Test
    void chromiumRunsAxeWhichFindsSeriousViolationsAndPassesACleanPage() {
        BrowserContext context = Browser.open(true);
        List<String> requests = new ArrayList<>();
        try {
            context.onRequest(r -> requests.add(r.url()));
            Page page = context.pages().get(0);
            page.navigate(dataUrl(GOOD));
            assertEquals("Script exécuté", page.locator("#h").textContent(), "scripts run in the JavaScript context");
            AxeResults clean = new AxeBuilder(page).analyze();
            assertFalse(clean.isErrored(), clean.getErrorMessage());
            assertFalse(clean.getPasses().isEmpty(), "axe-core ran no rule");
            assertEquals(List.of(), serious(clean), "a clean page has no serious or critical violation");
            assertTrue(clean.getTestEngine().getVersion().startsWith("4."), "axe-core 4.x: " + clean.getTestEngine().getVersion());

            page.navigate(dataUrl(BAD));
            Set<String> found = serious(new AxeBuilder(page).analyze()).stream().collect(Collectors.toSet());
            assertTrue(found.containsAll(Set.of("image-alt", "label", "color-contrast")), "axe-core must report them: " + found);
            assertTrue(requests.stream().allMatch(u -> u.startsWith("data:")), "no network request: " + requests);
        } finally {
            context.close();
        }
    }

    @Test
    void withJavaScriptDisabledNoPageScriptRunsAndLabelsStillFindTheForm() {
        BrowserContext context = Browser.open(false);
        try {
            Page page = context.pages().get(0);
            page.navigate(dataUrl(GOOD));
            assertEquals("Trouver de l'aide", page.locator("#h").textContent(), "the page's script must not have run");
            page.getByLabel("Commune").fill("Romagné");
            assertEquals("Romagné", page.getByLabel("Commune").inputValue());
            assertTrue(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rechercher")).isVisible());
        } finally {
            context.close();
        }
    }

    private static List<String> serious(AxeResults results) {
        return results.getViolations().stream().filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(Rule::getId).sorted().toList();
    }

    private static String dataUrl(String html) {
        return "data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
