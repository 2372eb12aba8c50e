package fr.maillage.offers.territory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import fr.maillage.offers.domain.SchedulePlanner;
import fr.maillage.offers.domain.Theme;
import fr.maillage.platform.territory.Territories;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Coverage of a territory by help really available (issue 20 §1), computed where the data is: offers-service holds
 * the published offers, their sessions and seats left (booking.slots.v1), served communes, places and communes.
 *
 * <p>The reach rules are the citizens' search's ({@code SearchService}): a place of the offer within the radius of
 * the commune's centre, or the commune in the offer's or one of its places' served communes
 * (GIN), or a place of the offer in the commune. The supply is computed once for the whole territory — the places
 * within the radius of any of its communes or serving one, their offers with a bookable session (one index probe per
 * offer for its first one), the walk-in places — then the communes are reached in memory from the (commune, place)
 * pairs within the radius (haversine from the places in the territory's widened bounding box). Opening hours are evaluated once per distinct value, and only
 * for places that could cover a commune no session covers.
 */
@ApplicationScoped
public class CoverageService {
    /**
     * The standard's service names as the directory's places write them in {@code services} (the directory's
     * {@code Standard}; one differs from the offers' theme label: « Compréhension du monde numérique »).
     */
    private static final Map<Theme, String> PLACE_SERVICE = Map.of(
            Theme.AIDE_DEMARCHES, "Aide aux démarches administratives",
            Theme.OUTILS_QUOTIDIEN, "Maîtrise des outils numériques du quotidien",
            Theme.INSERTION_PRO, "Insertion professionnelle via le numérique",
            Theme.USAGE_SECURISE, "Utilisation sécurisée du numérique",
            Theme.PARENTALITE, "Parentalité et éducation avec le numérique",
            Theme.LOISIRS_CREATION, "Loisirs et créations numériques",
            Theme.USAGE_CITOYEN, "Compréhension du monde numérique",
            Theme.ACCES_EQUIPEMENT, "Accès internet et matériel informatique",
            Theme.MATERIEL_SOLIDAIRE, "Acquisition de matériel informatique à prix solidaire");

    /** What a request asks; {@code theme} null for any. */
    public record Query(Theme theme, double radiusKm, int days) {
    }

    /** Every commune of the territory, sorted (uncovered first, population descending, code), and the totals. */
    public record Result(ZonedDateTime computedAt, List<Coverage.CommuneCoverage> communes, long population,
            int coveredCommunes, long coveredPopulation) {
    }

    private record CommuneRow(String code, String name, String epci, String departement, int population, Double latitude,
            Double longitude) {
    }

    private record PlaceRow(UUID id, String name, String insee, Set<String> served, Double latitude, Double longitude) {
    }

    private static final class OfferRow {
        final UUID id;
        final Set<String> served;
        final OffsetDateTime nextAt;
        final List<PlaceRow> places = new ArrayList<>();

        OfferRow(UUID id, Set<String> served, OffsetDateTime nextAt) {
            this.id = id;
            this.served = served;
            this.nextAt = nextAt;
        }
    }

    private record WalkIn(PlaceRow place, UUID offerId, String openingHours) {
    }

    private final DataSource dataSource;

    CoverageService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Result coverage(SelectedTerritory territory, Query query) throws SQLException {
        ZonedDateTime now = ZonedDateTime.now(SchedulePlanner.PARIS).truncatedTo(ChronoUnit.SECONDS);
        ZonedDateTime until = now.plusDays(query.days());
        String[] codes = territory.communeCodes().toArray(String[]::new);
        String[] themes = query.theme() == null ? null : query.theme().codeWithTopics().toArray(String[]::new);
        List<CommuneRow> communes;
        Map<UUID, OfferRow> offers = new LinkedHashMap<>();
        Map<UUID, WalkIn> walkIns = new LinkedHashMap<>();
        Map<String, Set<UUID>> pairs = new HashMap<>();
        try (Connection con = dataSource.getConnection()) {
            con.setAutoCommit(false);
            con.setReadOnly(true);
            try {
                communes = communes(con, codes);
                Set<UUID> near = near(con, communes, codes, query.radiusKm(), pairs);
                UUID[] nearIds = near.toArray(UUID[]::new);
                available(con, candidateOffers(con, codes, nearIds), themes, now, until, offers);
                placesOf(con, offers);
                walkIns(con, nearIds, themes, query.theme(), walkIns);
                con.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    con.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            }
        }
        return reach(communes, offers, walkIns, pairs, now, until);
    }

    // ---------------------------------------------------------------- reading
    // Several small statements, each with one plan whatever the territory's size: ids travel as arrays (primary key and
    // index probes), rather than one statement whose row estimates (GIN on served communes, 800 codes) led PostgreSQL
    // to scan every offer of the theme.

    private static List<CommuneRow> communes(Connection con, String[] codes) throws SQLException {
        List<CommuneRow> rows = new ArrayList<>();
        try (PreparedStatement ps = con.prepareStatement("SELECT insee_code, name, epci_code, department_code, population,"
                + " latitude, longitude FROM commune_ref WHERE insee_code = ANY(?)")) {
            ps.setArray(1, con.createArrayOf("text", codes));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new CommuneRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            nullableDouble(rs, 6), nullableDouble(rs, 7)));
                }
            }
        }
        return rows;
    }

    /**
     * The places that may reach a commune of the territory: within the radius of its centre, serving it (GIN, one probe
     * per code) or in it. Within the radius: the places inside the territory's bounding box widened by the radius (one
     * scan of place_ref's coordinates), then every (commune, place) pair measured here by haversine — one statement
     * for the whole territory rather than a GiST probe per commune (887 probes on the spheroid were the largest part of
     * a département's request in deploy/bench/territory.sh). The pairs within the radius are kept.
     */
    private static Set<UUID> near(Connection con, List<CommuneRow> communes, String[] codes, double radiusKm,
            Map<String, Set<UUID>> pairs) throws SQLException {
        Set<UUID> near = new HashSet<>();
        Array territory = con.createArrayOf("text", codes);
        double radius = radiusKm * 1000;
        double minLat = 90, maxLat = -90, minLon = 180, maxLon = -180;
        for (CommuneRow c : communes) {
            if (c.latitude() != null && c.longitude() != null) {
                minLat = Math.min(minLat, c.latitude());
                maxLat = Math.max(maxLat, c.latitude());
                minLon = Math.min(minLon, c.longitude());
                maxLon = Math.max(maxLon, c.longitude());
            }
        }
        if (minLat <= maxLat) {
            // degrees spanned by the radius (with 1 % to spare; the haversine below decides)
            double dLat = Math.toDegrees(radius * 1.01 / EARTH_RADIUS);
            double widest = Math.min(89, Math.max(Math.abs(minLat), Math.abs(maxLat)) + dLat);
            double dLon = Math.min(180, dLat / Math.cos(Math.toRadians(widest)));
            List<double[]> places = new ArrayList<>();
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = con.prepareStatement("SELECT id, latitude, longitude FROM place_ref"
                    + " WHERE NOT deleted AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?")) {
                ps.setDouble(1, minLat - dLat);
                ps.setDouble(2, maxLat + dLat);
                ps.setDouble(3, minLon - dLon);
                ps.setDouble(4, maxLon + dLon);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                        places.add(new double[] { rs.getDouble(2), rs.getDouble(3) });
                    }
                }
            }
            for (CommuneRow c : communes) {
                if (c.latitude() == null || c.longitude() == null) {
                    continue;
                }
                for (int i = 0; i < places.size(); i++) {
                    double[] p = places.get(i);
                    if (Math.abs(p[0] - c.latitude()) <= dLat
                            && metres(c.latitude(), c.longitude(), p[0], p[1]) <= radius) {
                        near.add(ids.get(i));
                        pairs.computeIfAbsent(c.code(), k -> new HashSet<>()).add(ids.get(i));
                    }
                }
            }
        }
        try (PreparedStatement ps = con.prepareStatement("SELECT p.id FROM unnest(?::text[]) t(code)"
                + " JOIN place_ref p ON p.served_communes @> ARRAY[t.code] AND NOT p.deleted"
                + " UNION SELECT p.id FROM place_ref p WHERE p.insee_code = ANY(?) AND NOT p.deleted")) {
            ps.setArray(1, territory);
            ps.setArray(2, territory);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    near.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return near;
    }

    /** The offers held at one of those places, or serving a commune of the territory (any status, any theme). */
    private static UUID[] candidateOffers(Connection con, String[] codes, UUID[] near) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement ps = con.prepareStatement("SELECT op.offer_id FROM offer_place op WHERE op.place_id = ANY(?)"
                + " UNION SELECT o.id FROM unnest(?::text[]) t(code) JOIN offer o ON o.served_communes @> ARRAY[t.code]")) {
            ps.setArray(1, con.createArrayOf("uuid", near));
            ps.setArray(2, con.createArrayOf("text", codes));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids.toArray(UUID[]::new);
    }

    /**
     * Among them, the published offers of the theme with a bookable session in the window, and their first one: planned,
     * not closed, a seat left, starting between now + the offer's minimum delay and the earlier of the window's end and
     * now + the offer's maximum delay (one index probe per offer on session (offer_id, start_at)).
     */
    private static void available(Connection con, UUID[] candidates, String[] themes, ZonedDateTime now, ZonedDateTime until,
            Map<UUID, OfferRow> offers) throws SQLException {
        if (candidates.length == 0) {
            return;
        }
        try (PreparedStatement ps = con.prepareStatement("SELECT o.id, o.served_communes, ns.start_at FROM offer o"
                + " CROSS JOIN LATERAL (SELECT s.start_at FROM session s"
                + "   WHERE s.offer_id = o.id AND s.status = 'planned' AND s.closed_reason IS NULL AND s.remaining > 0"
                + "     AND s.start_at >= ?::timestamptz + o.min_delay_minutes * interval '1 minute'"
                + "     AND s.start_at < least(?::timestamptz, ?::timestamptz + o.max_delay_days * interval '1 day')"
                + "   ORDER BY s.start_at LIMIT 1) ns"
                + " WHERE o.id = ANY(?) AND o.status = 'published'" + (themes == null ? "" : " AND o.themes && ?::text[]"))) {
            ps.setObject(1, now.toOffsetDateTime());
            ps.setObject(2, until.toOffsetDateTime());
            ps.setObject(3, now.toOffsetDateTime());
            ps.setArray(4, con.createArrayOf("uuid", candidates));
            if (themes != null) {
                ps.setArray(5, con.createArrayOf("text", themes));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    offers.put(id, new OfferRow(id, strings(rs.getArray(2)), rs.getObject(3, OffsetDateTime.class)));
                }
            }
        }
    }

    /** The places (not deleted) of the available offers, wherever they are. */
    private static void placesOf(Connection con, Map<UUID, OfferRow> offers) throws SQLException {
        if (offers.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = con.prepareStatement("SELECT op.offer_id, p.id, p.name, p.insee_code, p.served_communes,"
                + " p.latitude, p.longitude FROM offer_place op JOIN place_ref p ON p.id = op.place_id AND NOT p.deleted"
                + " WHERE op.offer_id = ANY(?)")) {
            ps.setArray(1, con.createArrayOf("uuid", offers.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    offers.get(rs.getObject(1, UUID.class)).places.add(place(rs, 2));
                }
            }
        }
    }

    /**
     * The near places with opening hours that offer the theme's standard service as the directory names it (any
     * service without a theme), or host a published acces_libre offer of the theme (its id kept).
     */
    private static void walkIns(Connection con, UUID[] near, String[] themes, Theme theme, Map<UUID, WalkIn> walkIns)
            throws SQLException {
        if (near.length == 0) {
            return;
        }
        try (PreparedStatement ps = con.prepareStatement("SELECT al.offer_id, p.id, p.name, p.insee_code, p.served_communes,"
                + " p.latitude, p.longitude, p.opening_hours FROM place_ref p"
                + " LEFT JOIN LATERAL (SELECT o.id AS offer_id FROM offer_place op JOIN offer o ON o.id = op.offer_id"
                + "   WHERE op.place_id = p.id AND o.status = 'published' AND o.type = 'acces_libre'"
                + (themes == null ? "" : " AND o.themes && ?::text[]") + " ORDER BY o.id LIMIT 1) al ON true"
                + " WHERE p.id = ANY(?) AND NOT p.deleted AND coalesce(p.opening_hours, '') <> ''"
                + " AND (al.offer_id IS NOT NULL OR " + (themes == null ? "cardinality(p.services) > 0)"
                        : "p.services @> ARRAY[?]::text[])"))) {
            int i = 0;
            if (themes != null) {
                ps.setArray(++i, con.createArrayOf("text", themes));
            }
            ps.setArray(++i, con.createArrayOf("uuid", near));
            if (themes != null) {
                ps.setString(++i, PLACE_SERVICE.get(theme.parent() == null ? theme : theme.parent()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PlaceRow place = place(rs, 2);
                    walkIns.put(place.id(), new WalkIn(place, rs.getObject(1, UUID.class), rs.getString(8)));
                }
            }
        }
    }

    private static PlaceRow place(ResultSet rs, int first) throws SQLException {
        return new PlaceRow(rs.getObject(first, UUID.class), rs.getString(first + 1), rs.getString(first + 2),
                strings(rs.getArray(first + 3)), nullableDouble(rs, first + 4), nullableDouble(rs, first + 5));
    }

    // ---------------------------------------------------------------- reaching the communes

    private record Candidate(Coverage.Means means, double distance, OffsetDateTime nextAt, UUID id) {
    }

    private static final Comparator<Candidate> BEST = Comparator.comparingDouble(Candidate::distance)
            .thenComparing(Candidate::nextAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Candidate::id, Comparator.nullsLast(Comparator.naturalOrder()));

    private static Result reach(List<CommuneRow> communes, Map<UUID, OfferRow> offers, Map<UUID, WalkIn> walkIns,
            Map<String, Set<UUID>> pairs, ZonedDateTime now, ZonedDateTime until) {
        Map<String, Set<OfferRow>> servedOffers = new HashMap<>();
        Map<UUID, List<OfferRow>> offersAt = new HashMap<>();
        for (OfferRow offer : offers.values()) {
            offer.served.forEach(c -> servedOffers.computeIfAbsent(c, k -> new HashSet<>()).add(offer));
            for (PlaceRow p : offer.places) {
                offersAt.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(offer);
                p.served().forEach(c -> servedOffers.computeIfAbsent(c, k -> new HashSet<>()).add(offer));
                if (p.insee() != null) {
                    servedOffers.computeIfAbsent(p.insee(), k -> new HashSet<>()).add(offer);
                }
            }
        }
        Map<String, Set<WalkIn>> servedWalkIns = new HashMap<>();
        for (WalkIn w : walkIns.values()) {
            w.place().served().forEach(c -> servedWalkIns.computeIfAbsent(c, k -> new HashSet<>()).add(w));
            if (w.place().insee() != null) {
                servedWalkIns.computeIfAbsent(w.place().insee(), k -> new HashSet<>()).add(w);
            }
        }
        // opening hours: once per distinct value, only when a commune needs them
        Map<String, Optional<ZonedDateTime>> openings = new HashMap<>();

        List<Coverage.CommuneCoverage> items = new ArrayList<>(communes.size());
        long population = 0;
        long coveredPopulation = 0;
        int covered = 0;
        for (CommuneRow c : communes) {
            Set<UUID> near = pairs.getOrDefault(c.code(), Set.of());
            Coverage.Means means = bestSession(c, near, servedOffers.getOrDefault(c.code(), Set.of()), offersAt);
            if (means == null) {
                means = bestWalkIn(c, near, servedWalkIns.getOrDefault(c.code(), Set.of()), walkIns, openings, now, until);
            }
            population += c.population();
            if (means != null) {
                covered++;
                coveredPopulation += c.population();
            }
            items.add(new Coverage.CommuneCoverage(c.code(), c.name(), c.epci(), c.departement(), c.population(), c.latitude(),
                    c.longitude(), means != null, means));
        }
        items.sort(Comparator.comparing(Coverage.CommuneCoverage::covered)
                .thenComparing(Coverage.CommuneCoverage::population, Comparator.reverseOrder())
                .thenComparing(Coverage.CommuneCoverage::code));
        return new Result(now, List.copyOf(items), population, covered, coveredPopulation);
    }

    private static Coverage.Means bestSession(CommuneRow c, Set<UUID> near, Set<OfferRow> served,
            Map<UUID, List<OfferRow>> offersAt) {
        Set<OfferRow> reaching = new HashSet<>(served);
        near.forEach(place -> reaching.addAll(offersAt.getOrDefault(place, List.of())));
        Candidate best = null;
        for (OfferRow offer : reaching) {
            PlaceRow nearest = null;
            double distance = Double.MAX_VALUE;
            for (PlaceRow p : offer.places) {
                double d = distance(c, p);
                if (nearest == null || d < distance) {
                    nearest = p;
                    distance = d;
                }
            }
            String reach = served.contains(offer) ? "served" : "distance";
            Candidate candidate = new Candidate(new Coverage.Means("session", reach, offer.id,
                    nearest == null ? null : nearest.id(), nearest == null ? null : nearest.name(), km(distance),
                    offer.nextAt.atZoneSameInstant(Territories.zoneOf(nearest == null ? null : nearest.insee()))
                            .toOffsetDateTime()), distance, offer.nextAt, offer.id);
            if (best == null || BEST.compare(candidate, best) < 0) {
                best = candidate;
            }
        }
        return best == null ? null : best.means();
    }

    private static Coverage.Means bestWalkIn(CommuneRow c, Set<UUID> near, Set<WalkIn> served,
            Map<UUID, WalkIn> walkIns, Map<String, Optional<ZonedDateTime>> openings, ZonedDateTime now, ZonedDateTime until) {
        Set<WalkIn> reaching = new HashSet<>(served);
        near.forEach(place -> {
            WalkIn w = walkIns.get(place);
            if (w != null) {
                reaching.add(w);
            }
        });
        Candidate best = null;
        for (WalkIn w : reaching) {
            // evaluated in the place's local time (issue 21): the same hours open at other instants in 974; one
            // evaluation per département (its zone, and its holidays) and value
            Optional<ZonedDateTime> opening = openings.computeIfAbsent(
                    Territories.departementOf(w.place().insee()) + "\u0000" + w.openingHours(),
                    key -> WalkInHours.firstOpening(w.openingHours(), w.place().insee(), now, until));
            if (opening.isEmpty()) {
                continue;
            }
            double distance = distance(c, w.place());
            OffsetDateTime nextAt = opening.get().toOffsetDateTime();
            Candidate candidate = new Candidate(new Coverage.Means("walk_in", served.contains(w) ? "served" : "distance",
                    w.offerId(), w.place().id(), w.place().name(), km(distance), nextAt), distance, nextAt, w.place().id());
            if (best == null || BEST.compare(candidate, best) < 0) {
                best = candidate;
            }
        }
        return best == null ? null : best.means();
    }

    /**
     * Metres from the commune's centre to the place, for display and to choose the nearest: haversine on the mean
     * sphere (within 0.5 % of PostGIS' spheroid, far below the 0.1 km shown; computing ST_Distance for every pair in
     * the radius cost more than the rest of the request), the same measure that decides whether a place is within the
     * radius ({@link #near}); MAX_VALUE when a position is unknown.
     */
    private static double distance(CommuneRow c, PlaceRow p) {
        if (c.latitude() == null || c.longitude() == null || p.latitude() == null || p.longitude() == null) {
            return Double.MAX_VALUE;
        }
        return metres(c.latitude(), c.longitude(), p.latitude(), p.longitude());
    }

    /** Mean radius of the Earth (IUGG), metres. */
    private static final double EARTH_RADIUS = 6_371_008.8;

    /** Haversine distance in metres between two points given in degrees. */
    private static double metres(double latitude1, double longitude1, double latitude2, double longitude2) {
        double lat1 = Math.toRadians(latitude1);
        double lat2 = Math.toRadians(latitude2);
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(longitude2 - longitude1);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    private static Double km(double metres) {
        return metres == Double.MAX_VALUE ? null : Math.round(metres / 100.0) / 10.0;
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
