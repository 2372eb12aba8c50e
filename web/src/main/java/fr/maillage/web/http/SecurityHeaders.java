package fr.maillage.web.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;

/**
 * Headers on every answer of the site (pages, static files, errors), set before any handler runs:
 * a CSP without inline script or style, no referrer at all (self-service pages carry a token in their address), no
 * MIME sniffing, no framing; pages (everything but /static/) are never stored by a cache: they may show a booking.
 */
@ApplicationScoped
public class SecurityHeaders {
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    void install(@Observes Router router) {
        router.route().order(-1000).handler(rc -> {
            MultiMap h = rc.response().headers();
            h.set("Content-Security-Policy", CSP);
            h.set("Referrer-Policy", "no-referrer");
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Frame-Options", "DENY");
            h.set("Permissions-Policy", "geolocation=(), camera=(), microphone=()");
            String path = rc.normalizedPath();
            if (path == null || !path.startsWith("/static/")) {
                h.set("Cache-Control", "no-store");
            }
            rc.next();
        });
    }
}
