package fr.maillage.web.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;

/**
 * Who may show the commune websites' widget ({@code /widget}) in a frame: the origins of
 * {@code maillage.web.widget.allowed-origins} (env {@code MAILLAGE_WEB_WIDGET_ALLOWED_ORIGINS}, comma-separated), and
 * nobody else. Its answers (the page and its 400/404/503 pages) get {@code frame-ancestors <those origins>} instead of
 * {@link SecurityHeaders#CSP}'s {@code 'none'}, and no {@code X-Frame-Options} (DENY would forbid every framing; a
 * browser that knows CSP ignores it anyway). Every other answer of the site keeps {@code frame-ancestors 'none'} and
 * {@code X-Frame-Options: DENY}. The widget sets no cookie (the CSRF filter's is dropped: it has no form). No origin configured: the widget still answers, but nobody can frame it.
 *
 * <p>The list is checked when web starts (a wrong value stops it, naming the value): {@code https://host[:port]} only,
 * {@code http://} only for {@code localhost} and {@code 127.0.0.1} (trying the widget locally); no path, query, wildcard
 * or user-info. Runs after SecurityHeaders (order -1000) and TerritoryHeaders (-999).
 */
@ApplicationScoped
public class WidgetFraming {
    public static final String PATH = "/widget";
    private static final String CSRF_COOKIE = "maillage-csrf";

    private final List<String> origins;
    private final String csp;

    WidgetFraming(@ConfigProperty(name = "maillage.web.widget.allowed-origins") Optional<List<String>> configured) {
        this.origins = parse(configured.orElse(List.of()));
        this.csp = csp(origins);
    }

    /** The origins allowed to frame the widget, normalised ({@code https://www.romagne.fr}, no trailing slash). */
    public List<String> origins() {
        return origins;
    }

    /** The widget's Content-Security-Policy: the site's, with its frame-ancestors replaced. */
    public String csp() {
        return csp;
    }

    static String csp(List<String> origins) {
        String ancestors = origins.isEmpty() ? "'none'" : String.join(" ", origins);
        return SecurityHeaders.CSP.replace("frame-ancestors 'none'", "frame-ancestors " + ancestors);
    }

    /**
     * The configured values as CSP sources, or an {@link IllegalArgumentException} naming the first wrong one and why
     * (in French: the operator reads it in web's log when it does not start).
     */
    public static List<String> parse(List<String> values) {
        List<String> origins = new ArrayList<>();
        for (String raw : values) {
            String value = raw == null ? "" : raw.strip();
            if (value.isEmpty()) {
                continue;
            }
            String origin = origin(value);
            if (!origins.contains(origin)) {
                origins.add(origin);
            }
        }
        return List.copyOf(origins);
    }

    private static String origin(String value) {
        String why = "maillage.web.widget.allowed-origins (MAILLAGE_WEB_WIDGET_ALLOWED_ORIGINS) : « " + value + " » n'est pas"
                + " une origine acceptée. Attendu : https://hôte[:port] (par exemple https://www.romagne.fr), ou"
                + " http://localhost[:port] / http://127.0.0.1[:port] pour un essai local ; sans chemin ni joker.";
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(why);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        boolean bare = host != null && uri.getRawUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null && uri.getRawFragment() == null && !value.contains("*");
        boolean local = "localhost".equals(host) || "127.0.0.1".equals(host);
        if (!bare || !("https".equals(scheme) || ("http".equals(scheme) && local))) {
            throw new IllegalArgumentException(why);
        }
        return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** Fails web's start on a wrong list (the constructor has read it: a bean is created lazily, hence this). */
    void check(@Observes StartupEvent start) {
        origins();
    }

    void install(@Observes Router router) {
        router.route().order(-998).handler(rc -> {
            if (PATH.equals(rc.normalizedPath())) {
                MultiMap h = rc.response().headers();
                h.set("Content-Security-Policy", csp);
                h.remove("X-Frame-Options");
                // No cookie from a page shown inside other sites: the widget has no form, so no CSRF cookie either.
                rc.addHeadersEndHandler(v -> rc.response().removeCookies(CSRF_COOKIE, false));
            }
            rc.next();
        });
    }
}
