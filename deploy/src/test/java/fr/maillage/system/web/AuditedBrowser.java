package fr.maillage.system.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;

import fr.maillage.system.Gateway;
import fr.maillage.system.Tokens;

/**
 * One journey in Chromium, with every page it reaches audited at its {@link #checkpoint}: weight on a first visit
 * (bytes transferred, headers included, as Chromium counts them — the HTTP cache is disabled, so every page costs what
 * it costs a newcomer; ≤ {@link WebReport#MAX_PAGE_BYTES}), axe-core (0 serious or critical violations; with JavaScript
 * only, axe being a script), body text ≥ 16 px and no horizontal scrolling at 360 and at 320 CSS pixels (the width of a
 * 1280-pixel window zoomed to 400 %), a full-page screenshot at 360 px, and the report. For the whole journey: no
 * request to any origin but the gateway's, no Content-Security-Policy violation, no script error.
 *
 * <p>These checks are collected and fail the test at {@link #close} (all of them listed), so that one heavy page does
 * not hide the axe results of the next; the journey's own steps fail at once.
 *
 * <p>The desk pages (issue 18) are behind the identity provider: {@link #signInOnKeycloak} fills Keycloak's own login
 * form (the real one, {@code #username}, {@code #password}, {@code #kc-login}). Keycloak's pages are not ours: the
 * browser may go there (navigations, and the requests of Keycloak's own page), and its login page is weighed, screenshot
 * and run through axe-core for the report only — its findings are Keycloak's to fix, they never fail a journey.
 */
public final class AuditedBrowser implements AutoCloseable {
    /**
     * Where the pages are: the gateway (everything but /api/ goes to web). {@code -Dmaillage.web.url} points the
     * browser at another address (e.g. web alone while trying a change); the API calls of the tests stay on the gateway.
     */
    public static final String SITE = System.getProperty("maillage.web.url", Gateway.URL);
    private static final URI GATEWAY = URI.create(SITE);
    /** The identity provider the desk pages send to (the realm's issuer, {@code http://127.0.0.1:8180/realms/maillage}). */
    private static final URI IDENTITY_PROVIDER = URI.create(System.getProperty("maillage.keycloak.issuer", Tokens.issuer()));

    private final String journey;
    private final boolean javaScript;
    private final BrowserContext context;
    private final Page page;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> inFlight = new HashSet<>();
    private final long started = System.nanoTime();
    private long bytes;
    private int requests;
    private int documentStatus;
    private int pageNumber;
    private int ourPageLoads;
    private boolean done;

    private AuditedBrowser(String journey, boolean javaScript) {
        this.journey = journey;
        this.javaScript = javaScript;
        this.context = Browser.open(javaScript);
        this.page = context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
        context.onRequest(request -> {
            if (!sameOriginAsTheGateway(request.url()) && !(onTheIdentityProvider(request.url())
                    && (request.isNavigationRequest() || onTheIdentityProvider(frameUrl(request))))) {
                problems.add("request to another origin than the gateway's: " + mask(request.url()));
            }
        });
        page.onConsoleMessage(message -> {
            if ((message.text().contains("Content Security Policy") || message.text().contains("Content-Security-Policy"))
                    && !onTheIdentityProvider(page.url())) {
                problems.add("CSP violation on " + mask(page.url()) + ": " + mask(message.text()));
            }
        });
        page.onPageError(error -> {
            if (!onTheIdentityProvider(page.url())) {
                problems.add("script error on " + mask(page.url()) + ": " + mask(error));
            }
        });
        page.onFrameNavigated(frame -> {
            if (frame == page.mainFrame() && sameOriginAsTheGateway(frame.url())) {
                ourPageLoads++;
            }
        });
        CDPSession cdp = context.newCDPSession(page);
        cdp.on("Network.requestWillBeSent", event -> {
            String url = event.getAsJsonObject("request").get("url").getAsString();
            if (event.has("redirectResponse")) {
                bytes += event.getAsJsonObject("redirectResponse").get("encodedDataLength").getAsLong();
            } else if (!url.startsWith("data:")) {
                requests++;
            }
            inFlight.add(event.get("requestId").getAsString());
        });
        cdp.on("Network.responseReceived", event -> {
            if ("Document".equals(event.get("type").getAsString())) {
                documentStatus = event.getAsJsonObject("response").get("status").getAsInt();
            }
        });
        cdp.on("Network.loadingFinished", event -> {
            bytes += event.get("encodedDataLength").getAsLong();
            inFlight.remove(event.get("requestId").getAsString());
        });
        cdp.on("Network.loadingFailed", event -> inFlight.remove(event.get("requestId").getAsString()));
        cdp.send("Network.enable");
        JsonObject noCache = new JsonObject();
        noCache.addProperty("cacheDisabled", true);
        cdp.send("Network.setCacheDisabled", noCache);
    }

    /** A journey in a fresh Chromium; {@code javaScript} false for the journeys that prove the pages work without it. */
    public static AuditedBrowser open(String journey, boolean javaScript) {
        return new AuditedBrowser(journey, javaScript);
    }

    public Page page() {
        return page;
    }

    public BrowserContext context() {
        return context;
    }

    public boolean javaScript() {
        return javaScript;
    }

    /** Opens a path of the gateway (e.g. "/" or "/rdv/…") as a person typing it or following a link. */
    public com.microsoft.playwright.Response go(String pathOrUrl) {
        return page.navigate(pathOrUrl.startsWith("http") ? pathOrUrl : SITE + pathOrUrl);
    }

    /**
     * How many pages of ours (the gateway's origin) the tab has loaded so far: every document the main frame committed —
     * a link followed, a form sent (its redirect and the page after it count once), a reload. Keycloak's pages are not
     * counted. A journey reads it before and after a sequence of screens to count them.
     */
    public int ourPageLoads() {
        return ourPageLoads;
    }

    /**
     * Signs in on the identity provider's real login form, where the journey has just been sent (e.g. by opening
     * {@code /agent}): Keycloak's own page, found by its ids ({@code #username}, {@code #password}, the « Connexion »
     * button {@code #kc-login}), is weighed and screenshot for the report and audited by axe-core for information only
     * (not our page: never a failure); then back on the page of ours that was asked for, which the journey checkpoints.
     */
    public void signInOnKeycloak(String user, String password) {
        page.waitForLoadState(LoadState.LOAD);
        if (!onTheIdentityProvider(page.url())) {
            throw new AssertionError("expected Keycloak's login form at " + IDENTITY_PROVIDER + ", the browser is on " + describe());
        }
        page.locator("#username").waitFor();
        identityProviderPage("connexion-keycloak");
        page.locator("#username").fill(user);
        page.locator("#password").fill(password);
        page.locator("#kc-login").click();
        page.waitForURL(url -> sameOriginAsTheGateway(url), new Page.WaitForURLOptions().setTimeout(30_000));
        page.waitForLoadState(LoadState.LOAD);
    }

    /** The browser is on Keycloak's login form (e.g. after signing out, any desk page asks for it again). */
    public boolean onKeycloakLoginForm() {
        page.waitForLoadState(LoadState.LOAD);
        return onTheIdentityProvider(page.url()) && page.locator("#kc-login").count() == 1 && page.locator("#username").count() == 1;
    }

    /**
     * Keycloak's page, recorded in the report like ours (weight, screenshot, axe-core's findings) under a name that says it
     * is not ours; nothing it shows is added to the journey's problems.
     */
    private void identityProviderPage(String name) {
        settle();
        pageNumber++;
        String path = IDENTITY_PROVIDER.getHost() + ":" + port(IDENTITY_PROVIDER) + pathOf(page.url()).replaceAll("\\?.*", "?…");
        long pageBytes = bytes;
        int pageRequests = requests;
        int status = documentStatus;
        bytes = 0;
        requests = 0;
        String screenshot = screenshot(name);
        Map<String, List<String>> axe = null;
        String axeVersion = null;
        if (javaScript) {
            AxeResults results = new AxeBuilder(page).analyze();
            axeVersion = results.getTestEngine() == null ? null : results.getTestEngine().getVersion();
            axe = new TreeMap<>();
            for (Rule rule : results.getViolations()) {
                axe.computeIfAbsent(rule.getImpact() == null ? "unknown" : rule.getImpact(), k -> new ArrayList<>()).add(rule.getId());
            }
        }
        WebReport.page(new WebReport.PageRecord(journey, name + " (Keycloak, pas notre page : pour information)", path, javaScript,
                status, pageBytes, pageRequests, axe, axeVersion, screenshot));
    }

    /**
     * A full-page screenshot of the page as it is now (e.g. in print media), beside the checkpoints' ones, and when
     * {@code pdf} a PDF of it as Chromium prints it; returns the screenshot's path for the report.
     */
    public String snapshot(String name, boolean pdf) {
        pageNumber++;
        String png = screenshot(name);
        if (pdf) {
            page.pdf(new Page.PdfOptions().setPath(WebReport.SCREENSHOTS.resolve(png.substring(png.lastIndexOf('/') + 1)
                    .replaceAll("\\.png$", ".pdf"))).setFormat("A4").setPrintBackground(true));
        }
        return png;
    }

    /**
     * The page the journey has just reached: waits for it to be loaded and its requests finished, then weighs it
     * (everything transferred since the previous checkpoint: the form's POST, its redirect and the new page with its
     * CSS, scripts and images), screenshots it at 360 px, runs axe-core and the layout checks, and records it.
     */
    public void checkpoint(String name) {
        checkpoint(name, WebReport.MAX_PAGE_BYTES);
    }

    /**
     * The same checks with another weight budget: {@code maxBytes} instead of {@link WebReport#MAX_PAGE_BYTES}, which the
     * conventions set for citizen pages (e.g. the coordinators' map page of issue 20, which loads Leaflet and a
     * département's commune layer).
     */
    public void checkpoint(String name, long maxBytes) {
        page.waitForLoadState(LoadState.LOAD);
        settle();
        pageNumber++;
        String path = mask(pathOf(page.url()));
        long pageBytes = bytes;
        int pageRequests = requests;
        int status = documentStatus;
        bytes = 0;
        requests = 0;
        if (status >= 500) {
            problems.add(name + " (" + path + "): HTTP " + status);
        }
        if (pageBytes > maxBytes) {
            problems.add(name + " (" + path + ") weighs " + pageBytes + " bytes on a first visit (at most " + maxBytes + ")");
        }
        String screenshot = screenshot(name);
        Map<String, List<String>> axe = null;
        String axeVersion = null;
        if (javaScript) {
            layout(name, path);
            AxeResults results = new AxeBuilder(page).analyze();
            if (results.isErrored()) {
                problems.add("axe-core failed on " + name + " (" + path + "): " + results.getErrorMessage());
            }
            axeVersion = results.getTestEngine() == null ? null : results.getTestEngine().getVersion();
            axe = new TreeMap<>();
            for (Rule rule : results.getViolations()) {
                String impact = rule.getImpact() == null ? "unknown" : rule.getImpact();
                axe.computeIfAbsent(impact, k -> new ArrayList<>()).add(rule.getId());
                if ("serious".equals(impact) || "critical".equals(impact)) {
                    problems.add("axe " + impact + " on " + name + " (" + path + "): " + rule.getId() + " — " + rule.getHelp()
                            + " — " + rule.getNodes().stream().limit(3).map(n -> mask(String.valueOf(n.getTarget())) + " " + mask(n.getHtml()))
                                    .collect(Collectors.joining(" | ")));
                }
            }
        }
        WebReport.page(new WebReport.PageRecord(journey, name, path, javaScript, status, pageBytes, pageRequests, axe, axeVersion,
                screenshot));
    }

    /** The journey went to its end (recorded as passed unless the page checks fail at close). */
    public void done() {
        done = true;
    }

    @Override
    public void close() {
        long millis = (System.nanoTime() - started) / 1_000_000;
        try {
            context.close();
        } finally {
            String outcome = !done ? "failed" : problems.isEmpty() ? "passed" : "page checks failed (" + problems.size() + ")";
            WebReport.journey(new WebReport.JourneyRecord(journey, javaScript, millis, outcome));
        }
        if (done && !problems.isEmpty()) {
            throw new AssertionError(journey + ": " + problems.size() + " page check(s) failed:\n- " + String.join("\n- ", problems));
        }
    }

    /** The problems found so far (for a test that checks the checks). */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Waits (at most 10 s) for the page's requests to finish, letting Playwright deliver their events. */
    private void settle() {
        long deadline = System.currentTimeMillis() + 10_000;
        do {
            page.waitForTimeout(150);
        } while (!inFlight.isEmpty() && System.currentTimeMillis() < deadline);
    }

    private void layout(String name, String path) {
        @SuppressWarnings("unchecked")
        Map<String, Object> at360 = (Map<String, Object>) page.evaluate("""
                () => {
                  const small = [];
                  for (const e of document.querySelectorAll('body, p, li, label, dd, dt, td, th, input, select, textarea, button, a')) {
                    if (!e.offsetParent && e !== document.body) continue;
                    const field = /SELECT|TEXTAREA/.test(e.tagName) || (e.tagName === 'INPUT' && !/^(checkbox|radio|hidden|range|color|file|image)$/.test(e.type));
                    const text = field || [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                    const size = parseFloat(getComputedStyle(e).fontSize);
                    if (text && size < 16) small.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + size + 'px');
                  }
                  return { overflow: document.documentElement.scrollWidth - window.innerWidth, small: small.slice(0, 5) };
                }""");
        if (((Number) at360.get("overflow")).intValue() > 0) {
            problems.add(name + " (" + path + ") scrolls sideways at " + Browser.WIDTH + " px (" + at360.get("overflow") + " px too wide)");
        }
        if (!((List<?>) at360.get("small")).isEmpty()) {
            problems.add(name + " (" + path + ") has text under 16 px: " + at360.get("small"));
        }
        page.setViewportSize(320, Browser.HEIGHT);
        Number overflow320 = (Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        page.setViewportSize(Browser.WIDTH, Browser.HEIGHT);
        if (overflow320.intValue() > 0) {
            problems.add(name + " (" + path + ") scrolls sideways at 320 px, i.e. 1280 px zoomed to 400 % (" + overflow320 + " px too wide)");
        }
    }

    private String screenshot(String name) {
        try {
            Files.createDirectories(WebReport.SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String file = String.format("%s-%02d-%s.png", journey, pageNumber, name.replaceAll("[^A-Za-z0-9-]+", "-"));
        Path target = WebReport.SCREENSHOTS.resolve(file);
        page.screenshot(new Page.ScreenshotOptions().setPath(target).setFullPage(true));
        return "deploy/target/screenshots/" + file;
    }

    static boolean sameOriginAsTheGateway(String url) {
        if (url.startsWith("data:") || url.startsWith("blob:") || url.startsWith("about:")) {
            return true;
        }
        URI uri = URI.create(url);
        return GATEWAY.getScheme().equals(uri.getScheme()) && GATEWAY.getHost().equals(uri.getHost())
                && port(GATEWAY) == port(uri);
    }

    static boolean onTheIdentityProvider(String url) {
        if (url == null || !url.startsWith("http")) {
            return false;
        }
        URI uri = URI.create(url);
        return IDENTITY_PROVIDER.getScheme().equals(uri.getScheme()) && IDENTITY_PROVIDER.getHost().equals(uri.getHost())
                && port(IDENTITY_PROVIDER) == port(uri);
    }

    private static String frameUrl(com.microsoft.playwright.Request request) {
        try {
            return request.frame().url();
        } catch (RuntimeException e) {
            return null; // a request of no frame (a service worker's): not Keycloak's page
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static String pathOf(String url) {
        if (url.startsWith("data:")) {
            return "data:…";
        }
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /**
     * Self-service tokens ({@code /rdv/<token>}; the desk's {@code /agent/rdv/<booking id>} is no token), a volunteer's
     * answer links ({@code /benevole/reponse/<token>}) and calendar addresses ({@code /api/v1/calendars/<token>.ics}) never
     * reach a report or a failure message, nor the sign-in's one-time values that the
     * identity provider puts in the callback's query string (OIDC {@code code}, {@code state}, {@code session_state}).
     */
    static String mask(String text) {
        return text == null ? null : text.replaceAll("(?<!/agent)/rdv/[^/?#\\s\"'<>]+", "/rdv/{token}")
                .replaceAll("/benevole/reponse/[^/?#\\s\"'<>]+", "/benevole/reponse/{token}")
                .replaceAll("/api/v1/calendars/[^/?#\\s\"'<>]+", "/api/v1/calendars/{token}")
                .replaceAll("([?&](?:code|state|session_state)=)[^&#\\s\"'<>]+", "$1…");
    }

    /** The key facts of the page for a failure message (title and first heading). */
    public String describe() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("url", mask(pathOf(page.url())));
        facts.put("title", page.title());
        return facts.toString();
    }
}
