package fr.maillage.platform.testing;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the service's own Prometheus page ({@code /q/metrics}, what an operator's Prometheus scrapes) with REST
 * Assured: the tests assert that a meter moves on a real action, by its exposed name and labels.
 */
public final class Metrics {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Metrics() {
    }

    /** The page as text (status 200 checked). */
    public static String page() {
        return given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /**
     * The sum of the samples of {@code name} whose labels include {@code labels} (name/value pairs); 0 when none
     * (a counter not yet registered has counted nothing). NaN samples make the sum NaN.
     */
    public static double value(String name, String... labels) {
        return sum(page(), name, labels);
    }

    /** Whether a sample of {@code name} with these labels is on the page. */
    public static boolean exposed(String name, String... labels) {
        return samples(page(), name, labels) > 0;
    }

    static double sum(String page, String name, String... labels) {
        double total = 0;
        for (String line : page.split("\n")) {
            Map<String, String> sample = match(line, name, labels);
            if (sample != null) {
                total += Double.parseDouble(sample.get("__value"));
            }
        }
        return total;
    }

    static int samples(String page, String name, String... labels) {
        int n = 0;
        for (String line : page.split("\n")) {
            if (match(line, name, labels) != null) {
                n++;
            }
        }
        return n;
    }

    private static Map<String, String> match(String line, String name, String... labels) {
        Matcher m = SAMPLE.matcher(line.strip());
        if (line.startsWith("#") || !m.matches() || !m.group(1).equals(name)) {
            return null;
        }
        Map<String, String> found = new java.util.HashMap<>();
        if (m.group(3) != null) {
            Matcher l = LABEL.matcher(m.group(3));
            while (l.find()) {
                found.put(l.group(1), l.group(2));
            }
        }
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(found.get(labels[i]))) {
                return null;
            }
        }
        found.put("__value", m.group(4));
        return found;
    }

    /** The names of every sample on the page (e.g. to check what dashboards and alerts may query). */
    public static List<String> names() {
        return page().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> SAMPLE.matcher(l.strip())).filter(Matcher::matches).map(m -> m.group(1)).distinct().toList();
    }
}
