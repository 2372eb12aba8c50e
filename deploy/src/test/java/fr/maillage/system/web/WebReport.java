package fr.maillage.system.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What the browser tests measured, for the closing note and for a person to read: every page visited (weight on a
 * first visit, requests, axe-core's violations by impact, screenshot) and every journey's run time. Rewritten after
 * each page as {@code deploy/target/web-report/report.json} and {@code report.md}; screenshots are in
 * {@code deploy/target/screenshots/}.
 */
public final class WebReport {
    public static final Path DIR = Path.of("target", "web-report");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The budget for a citizen page on a first visit, everything included: 150 KB (decimal, the strict reading). */
    public static final long MAX_PAGE_BYTES = 150_000;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<PageRecord> PAGES = new ArrayList<>();
    private static final List<JourneyRecord> JOURNEYS = new ArrayList<>();

    private WebReport() {
    }

    /**
     * One page as first seen in a journey. {@code path} has any self-service token masked; {@code axe} maps an impact
     * (critical, serious, moderate, minor) to the ids of the rules violated with it, null when axe was not run
     * (JavaScript disabled).
     */
    public record PageRecord(String journey, String page, String path, boolean javaScript, int status, long bytes,
            int requests, Map<String, List<String>> axe, String axeVersion, String screenshot) {
    }

    public record JourneyRecord(String journey, boolean javaScript, long millis, String outcome) {
    }

    static synchronized void page(PageRecord page) {
        PAGES.add(page);
        write();
    }

    /** The pages recorded so far (for a journey that prints what it measured). */
    static synchronized List<PageRecord> pages() {
        return List.copyOf(PAGES);
    }

    static synchronized void journey(JourneyRecord journey) {
        JOURNEYS.add(journey);
        write();
    }

    private static void write() {
        try {
            Files.createDirectories(DIR);
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("maxPageBytes", MAX_PAGE_BYTES);
            all.put("screenshots", SCREENSHOTS.toAbsolutePath().normalize().toString());
            all.put("journeys", JOURNEYS);
            all.put("pages", PAGES);
            JSON.writeValue(DIR.resolve("report.json").toFile(), all);
            Files.writeString(DIR.resolve("report.md"), markdown());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the browser tests' report", e);
        }
    }

    private static String markdown() {
        StringBuilder md = new StringBuilder("# Browser tests: citizen and desk pages\n\n");
        md.append("Chromium (Debian, /usr/bin/chromium) driven by Playwright for Java, 360 px wide, fresh profile per journey, ")
                .append("HTTP cache disabled so that every page is weighed as a first visit. Budget: ")
                .append(MAX_PAGE_BYTES).append(" bytes transferred per page. Screenshots: `deploy/target/screenshots/`.\n\n");
        md.append("## Journeys\n\n| journey | JavaScript | run time | outcome |\n|---|---|---|---|\n");
        for (JourneyRecord j : JOURNEYS) {
            md.append("| ").append(j.journey()).append(" | ").append(j.javaScript() ? "on" : "off").append(" | ")
                    .append(String.format(java.util.Locale.ROOT, "%.1f s", j.millis() / 1000.0)).append(" | ")
                    .append(j.outcome()).append(" |\n");
        }
        md.append("\n## Pages\n\n| journey | page | path | JS | status | bytes | requests | axe critical | axe serious | axe moderate | axe minor | screenshot |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (PageRecord p : PAGES) {
            md.append("| ").append(p.journey()).append(" | ").append(p.page()).append(" | `").append(p.path()).append("` | ")
                    .append(p.javaScript() ? "on" : "off").append(" | ").append(p.status()).append(" | ").append(p.bytes())
                    .append(" | ").append(p.requests()).append(" | ");
            for (String impact : List.of("critical", "serious", "moderate", "minor")) {
                md.append(p.axe() == null ? "n/a" : String.join(", ", p.axe().getOrDefault(impact, List.of())).isEmpty() ? "0"
                        : String.join(", ", p.axe().get(impact))).append(" | ");
            }
            md.append(p.screenshot()).append(" |\n");
        }
        return md.toString();
    }
}
