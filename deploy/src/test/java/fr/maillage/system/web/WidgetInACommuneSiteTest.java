package fr.maillage.system.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import com.sun.net.httpserver.HttpServer;

import fr.maillage.system.Gateway;

/**
 * Issue 22 item 6, the commune websites' widget in Chromium against the whole stack: a commune's site on an allowed origin
 * (http://127.0.0.1:8097, deploy/services.sh's MAILLAGE_WEB_WIDGET_ALLOWED_ORIGINS; a JDK HttpServer) shows
 * {@code /widget?commune=35243} in a 320×480 iframe — the help near Romagné renders inside the frame, without sideways
 * scrolling, loading nothing but Maillage's and at most 50 KB, and its « Voir les créneaux et réserver » opens the
 * offer's page on Maillage in a new window (no opener); the same page on another origin gets the frame refused by the
 * browser (CSP frame-ancestors). The widget page itself goes through {@link AuditedBrowser}'s checkpoint (axe-core 0
 * serious or critical, weight ≤ 50 KB, 360 and 320 px, no third-party request).
 */
class WidgetInACommuneSiteTest {
    /** The origin deploy/services.sh allows to frame the widget. */
    static final int ALLOWED_PORT = 8097;
    static final String ROMAGNE = "35243";
    static final String FRAME_TITLE = "Aide au numérique près de Romagné (Maillage)";
    static final long MAX_BYTES = 50_000;

    @Test
    void aCommuneSiteShowsTheWidgetAndAnotherSiteCannot() throws IOException {
        // an offer of ours near Romagné, with a free session: the widget lists appointments one can book
        CitizenSite.TestOffer offer = CitizenSite.publishOffer("widget", 4, 3);
        String widget = AuditedBrowser.SITE + "/widget?commune=" + ROMAGNE + "&max=20";

        // through the gateway: the widget's own frame-ancestors and no X-Frame-Options DENY (a browser that knows CSP would
        // ignore it, an older one would refuse every frame); every other page keeps both refusals
        io.restassured.response.Response headers = Gateway.given().queryParam("commune", ROMAGNE).get("/widget");
        assertEquals(200, headers.statusCode());
        assertNull(headers.getHeader("X-Frame-Options"), "no X-Frame-Options on /widget");
        assertEquals(1, headers.getHeaders().getList("Content-Security-Policy").size(), "one CSP");
        assertTrue(headers.getHeader("Content-Security-Policy").contains("frame-ancestors http://127.0.0.1:" + ALLOWED_PORT + ";"),
                headers.getHeader("Content-Security-Policy"));
        for (String other : List.of("/", "/widget/integrer")) {
            io.restassured.response.Response page = Gateway.given().get(other);
            assertEquals("DENY", page.getHeader("X-Frame-Options"), other);
            assertTrue(page.getHeader("Content-Security-Policy").contains("frame-ancestors 'none'"), other);
        }

        try (AuditedBrowser b = AuditedBrowser.open("widget-commune", true)) {
            b.go(widget);
            assertTrue(b.page().getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Aide au numérique près de Romagné"))
                    .count() == 1, b.describe());
            b.checkpoint("widget", MAX_BYTES);
            b.done();
        }
        WebReport.PageRecord alone = WebReport.pages().stream().filter(p -> p.journey().equals("widget-commune")).reduce((a, z) -> z)
                .orElseThrow();
        System.out.printf("[widget] alone: %d bytes in %d requests (headers included, first visit), axe-core %s: %s%n",
                alone.bytes(), alone.requests(), alone.axeVersion(), alone.axe());

        HttpServer allowed = hostPage(ALLOWED_PORT, widget);
        HttpServer refused = hostPage(0, widget);
        BrowserContext context = Browser.open(true);
        try {
            Page page = context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
            String allowedHost = "http://127.0.0.1:" + ALLOWED_PORT;
            AtomicLong bytes = new AtomicLong();
            List<String> elsewhere = new ArrayList<>();
            page.onRequestFinished(request -> {
                if (request.url().startsWith(AuditedBrowser.SITE + "/")) {
                    bytes.addAndGet(request.sizes().responseHeadersSize + request.sizes().responseBodySize);
                } else if (!request.url().startsWith(allowedHost + "/") && !request.url().startsWith("data:")) {
                    elsewhere.add(request.url());
                }
            });

            // the commune's site: the widget renders in its frame
            page.navigate(allowedHost + "/");
            page.waitForLoadState(LoadState.LOAD);
            FrameLocator frame = page.frameLocator("iframe[title=\"" + FRAME_TITLE + "\"]");
            frame.getByRole(AriaRole.HEADING, new FrameLocator.GetByRoleOptions().setName("Aide au numérique près de Romagné"))
                    .waitFor();
            Frame inside = page.frames().stream().filter(f -> f.url().startsWith(AuditedBrowser.SITE + "/widget")).findFirst()
                    .orElse(null);
            assertNotNull(inside, "the widget's frame: " + page.frames().stream().map(Frame::url).toList());
            assertTrue(((Number) inside.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")).intValue() <= 0,
                    "no sideways scrolling in a 320 px frame");
            assertTrue(bytes.get() > 0 && bytes.get() <= MAX_BYTES, "the widget and all it loads: " + bytes.get() + " bytes");
            System.out.printf("[widget] in the commune's frame: %d bytes (headers included)%n", bytes.get());
            assertEquals(List.of(), elsewhere, "nothing but Maillage's and the host page");
            assertEquals(1, frame.getByRole(AriaRole.LINK, new FrameLocator.GetByRoleOptions()
                    .setName("Voir toute l'aide près de Romagné (nouvelle fenêtre)")).count(), "the link to the search page");

            // « Voir les créneaux et réserver » (ours if listed, else the first): the offer's page on Maillage, in a new window
            Locator mine = frame.getByRole(AriaRole.LINK, new FrameLocator.GetByRoleOptions()
                    .setName(Pattern.compile("Voir les créneaux et réserver : " + Pattern.quote(offer.title()))));
            Locator book = mine.count() > 0 ? mine.first() : frame.getByRole(AriaRole.LINK,
                    new FrameLocator.GetByRoleOptions().setName(Pattern.compile("^Voir les créneaux et réserver"))).first();
            assertTrue(book.textContent().contains("(nouvelle fenêtre)"), "says it opens a new window: " + book.textContent());
            Page popup = context.waitForPage(book::click);
            popup.waitForLoadState(LoadState.LOAD);
            assertTrue(Pattern.matches(Pattern.quote(AuditedBrowser.SITE) + "/offres/[0-9a-f-]{36}", popup.url()),
                    "the offer's page on Maillage: " + popup.url());
            assertEquals(Boolean.TRUE, popup.evaluate("() => window.opener === null"), "rel=noopener");
            assertEquals(1, popup.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)).count());
            System.out.printf("[widget] booking link followed: %s (ours listed: %s)%n", popup.url(), mine.count() > 0);
            if (mine.count() > 0) {
                assertTrue(popup.url().endsWith("/offres/" + offer.id()), popup.url());
                Locator reserve = popup.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Réserver")))
                        .or(popup.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Réserver"))));
                assertTrue(reserve.count() > 0, "the session's « Réserver »");
                reserve.first().click();
                popup.waitForLoadState(LoadState.LOAD);
                assertTrue(popup.url().contains("/offres/" + offer.id() + "/reserver?creneau="), "the booking form: " + popup.url());
                assertEquals(1, popup.getByLabel("Prénom", new Page.GetByLabelOptions().setExact(true)).count());
            }
            popup.close();

            // another site: the browser refuses to show the widget in its frame (it did fetch it: CSP frame-ancestors)
            List<String> console = new CopyOnWriteArrayList<>();
            page.onConsoleMessage(m -> console.add(m.text()));
            String refusedHost = "http://127.0.0.1:" + refused.getAddress().getPort();
            page.navigate(refusedHost + "/");
            page.waitForLoadState(LoadState.LOAD);
            long deadline = System.currentTimeMillis() + 10_000;
            while (!refusedFrame(page, console) && System.currentTimeMillis() < deadline) {
                page.waitForTimeout(200);
            }
            assertTrue(refusedFrame(page, console), "the frame of " + refusedHost + " is refused: " + console + " "
                    + page.frames().stream().map(Frame::url).toList());
            System.out.printf("[widget] refused on %s: console %s, frames %s%n", refusedHost,
                    console.stream().filter(t -> t.contains("frame-ancestors")).toList(), page.frames().stream().map(Frame::url).toList());
            assertEquals(0, page.frameLocator("iframe[title=\"" + FRAME_TITLE + "\"]").getByRole(AriaRole.HEADING).count(),
                    "nothing of the widget in a frame of a site not on the list");
        } finally {
            context.close();
            allowed.stop(0);
            refused.stop(0);
        }
    }

    /** Chromium refused the frame: it says so in the console (frame-ancestors), and puts its error page in the frame. */
    private static boolean refusedFrame(Page page, List<String> console) {
        return console.stream().anyMatch(t -> t.contains("frame-ancestors"))
                || page.frames().stream().anyMatch(f -> f.url().startsWith("chrome-error://"));
    }

    /** A commune's page with the widget in a 320×480 frame, as /widget/integrer tells webmasters to write it. */
    private static HttpServer hostPage(int port, String widget) throws IOException {
        byte[] html = ("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Mairie de Romagné</title></head>"
                + "<body><h1>Mairie de Romagné</h1><iframe src=\"" + widget.replace("&", "&amp;") + "\" title=\"" + FRAME_TITLE
                + "\" width=\"320\" height=\"480\"></iframe></body></html>").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 200 : 404, html.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(html);
            }
        });
        server.start();
        return server;
    }
}
