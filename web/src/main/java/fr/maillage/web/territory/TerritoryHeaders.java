package fr.maillage.web.territory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

import fr.maillage.web.http.SecurityHeaders;

/**
 * The coverage page only may load OpenStreetMap's tiles (when the person presses « Afficher le fond OpenStreetMap »):
 * its CSP adds {@code https://tile.openstreetmap.org} to img-src; every other answer keeps {@link SecurityHeaders#CSP}.
 * The map's files (Leaflet from its webjar, the commune layer) are public and versioned: cached like /static/.
 * Runs right after SecurityHeaders (order -1000).
 */
@ApplicationScoped
public class TerritoryHeaders {
    public static final String OSM_TILES = "https://tile.openstreetmap.org";
    public static final String MAP_CSP = SecurityHeaders.CSP.replace("img-src 'self' data:;", "img-src 'self' data: " + OSM_TILES + ";");

    void install(@Observes Router router) {
        router.route().order(-999).handler(rc -> {
            String path = rc.normalizedPath();
            if ("/territoire/couverture".equals(path)) {
                rc.response().headers().set("Content-Security-Policy", MAP_CSP);
            } else if (path != null && (path.startsWith("/webjars/leaflet/") || path.startsWith("/territoire/communes/"))) {
                rc.response().headers().remove("Cache-Control");
                if (path.endsWith(".geojson")) {
                    // Vert.x knows no type for .geojson, and Quarkus's static handler leaves an unknown type uncompressed
                    // (Content-Encoding: identity): the layer is text, ≈ 4× smaller gzipped.
                    rc.response().headers().set("Content-Type", "application/geo+json");
                    rc.addHeadersEndHandler(v -> {
                        if ("identity".equals(rc.response().headers().get("Content-Encoding"))) {
                            rc.response().headers().remove("Content-Encoding");
                        }
                    });
                }
            }
            rc.next();
        });
    }
}
