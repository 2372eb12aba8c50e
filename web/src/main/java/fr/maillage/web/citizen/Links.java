package fr.maillage.web.citizen;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/** The site's addresses (stable: browser tests and the SMS links use them) and the OpenStreetMap links. */
public final class Links {
    private Links() {
    }

    static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    public static String search(String commune, String insee, String theme, int distance) {
        return "/?commune=" + enc(commune) + (insee == null ? "" : "&insee=" + enc(insee)) + "&theme=" + enc(theme)
                + "&distance=" + distance;
    }

    public static String place(UUID id) {
        return id == null ? null : "/lieux/" + id;
    }

    public static String offer(UUID id) {
        return id == null ? null : "/offres/" + id;
    }

    public static String book(UUID offerId, UUID slotId) {
        return "/offres/" + offerId + "/reserver?creneau=" + slotId;
    }

    public static String osm(Double lat, Double lon) {
        if (lat == null || lon == null) {
            return null;
        }
        String la = String.format(Locale.ROOT, "%.5f", lat);
        String lo = String.format(Locale.ROOT, "%.5f", lon);
        return "https://www.openstreetmap.org/?mlat=" + la + "&mlon=" + lo + "#map=17/" + la + "/" + lo;
    }

    public static String directions(Double lat, Double lon) {
        if (lat == null || lon == null) {
            return null;
        }
        return String.format(Locale.ROOT, "https://www.openstreetmap.org/directions?to=%.5f%%2C%.5f", lat, lon);
    }

    /** An address search on OpenStreetMap when the place has no coordinates. */
    public static String osmSearch(String address) {
        return "https://www.openstreetmap.org/search?query=" + enc(address);
    }
}
