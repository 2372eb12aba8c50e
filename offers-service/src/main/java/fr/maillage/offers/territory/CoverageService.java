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
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Coverage of a territory by help really available (issue 20 §1), computed where the data is: offers-service holds
 * the published offers, their sessions and seats left (booking.slots.v1), served communes, places and communes.
 *
 * <p>The reach rules are the citizens' search's ({@code SearchService}): a place of the offer within the radius of
 * the commune's centre (GiST on place_ref.geog), or the commune in the offer's or one of its places' served communes
 * (GIN), or a place of the offer in the commune. The supply is computed once for the whole territory — the places
 * within the radius of any of its communes or serving one, their offers with a bookable session (one index probe per
 * offer for its first one), the walk-in places — then the communes are reached in memory from the (commune, place)
 * pairs within the radius (one GiST probe per commune). Opening hours are evaluated once per distinct value, and only
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
        List<CommuneRow> communes;
        Map<UUID, OfferRow> offers = new LinkedHashMap<>();
        Map<UUID, WalkIn> walkIns = new LinkedHashMap<>();
        Map<String, Map<UUID, Double>> pairs = new HashMap<>();
        try (Connection con = dataSource.getConnection()) {
            con.setAutoCommit(false);
            con.setReadOnly(true);
            try {
                communes = communes(con, codes);
                supply(con, codes, query, now, until, offers, walkIns);
                Set<UUID> places = new HashSet<>(walkIns.keySet());
                offers.values().forEach(o -> o.places.forEach(p -> places.add(p.id())));
                pairs(con, codes, query.radiusKm(), places, pairs);
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
     * One statement: the places near the territory (within the radius of one of its communes' centres, serving one
     * of them, or in one of them), the offers held there or serving one of its communes that have a bookable session
     * in the window (with their places), and the walk-in places among the near ones.
     */
    private static void supply(Connection con, String[] codes, Query query, ZonedDateTime now, ZonedDateTime until,
            Map<UUID, OfferRow> offers, Map<UUID, WalkIn> walkIns) throws SQLException {
        String[] themes = query.theme() == null ? null : query.theme().codeWithTopics().toArray(String[]::new);
        String themeFilter = themes == null ? "" : " AND o.themes && ?::text[]";
        String sql = """
                WITH terr AS (SELECT geog FROM commune_ref WHERE insee_code = ANY(?) AND geog IS NOT NULL),
                near AS (
                  SELECT p.id FROM terr JOIN place_ref p ON ST_DWithin(p.geog, terr.geog, ?) WHERE NOT p.deleted
                  UNION SELECT p.id FROM place_ref p WHERE NOT p.deleted AND p.served_communes && ?::text[]
                  UNION SELECT p.id FROM place_ref p WHERE NOT p.deleted AND p.insee_code = ANY(?)),
                cand AS (
                  SELECT op.offer_id FROM near JOIN offer_place op ON op.place_id = near.id
                  UNION SELECT o.id FROM offer o WHERE o.served_communes && ?::text[]),
                avail AS (
                  SELECT o.id, o.served_communes, ns.start_at FROM cand JOIN offer o ON o.id = cand.offer_id
                  CROSS JOIN LATERAL (SELECT s.start_at FROM session s
                    WHERE s.offer_id = o.id AND s.status = 'planned' AND s.closed_reason IS NULL AND s.remaining > 0
                      AND s.start_at >= ?::timestamptz + o.min_delay_minutes * interval '1 minute'
                      AND s.start_at < least(?::timestamptz, ?::timestamptz + o.max_delay_days * interval '1 day')
                    ORDER BY s.start_at LIMIT 1) ns
                  WHERE o.status = 'published'""" + themeFilter + """
                )
                SELECT 'session' AS kind, a.id AS offer_id, a.served_communes AS offer_served, a.start_at, p.id AS place_id,
                  p.name, p.insee_code, p.served_communes, p.latitude, p.longitude, NULL::text AS opening_hours
                FROM avail a LEFT JOIN (offer_place op JOIN place_ref p ON p.id = op.place_id AND NOT p.deleted)
                  ON op.offer_id = a.id
                UNION ALL
                SELECT 'walk_in', al.offer_id, NULL, NULL, p.id, p.name, p.insee_code, p.served_communes, p.latitude,
                  p.longitude, p.opening_hours
                FROM near JOIN place_ref p ON p.id = near.id
                LEFT JOIN LATERAL (SELECT o.id AS offer_id FROM offer_place op JOIN offer o ON o.id = op.offer_id
                  WHERE op.place_id = p.id AND o.status = 'published' AND o.type = 'acces_libre'""" + themeFilter + """
                  ORDER BY o.id LIMIT 1) al ON true
                WHERE coalesce(p.opening_hours, '') <> '' AND (al.offer_id IS NOT NULL OR\s""" + (themes == null
                        ? "cardinality(p.services) > 0)" : "p.services @> ARRAY[?]::text[])");
        try (PreparedStatement ps = con.prepareStatement(sql)) {
            Array territory = con.createArrayOf("text", codes);
            int i = 0;
            ps.setArray(++i, territory);
            ps.setDouble(++i, query.radiusKm() * 1000);
            ps.setArray(++i, territory);
            ps.setArray(++i, territory);
            ps.setArray(++i, territory);
            ps.setObject(++i, now.toOffsetDateTime());
            ps.setObject(++i, until.toOffsetDateTime());
            ps.setObject(++i, now.toOffsetDateTime());
            if (themes != null) {
                ps.setArray(++i, con.createArrayOf("text", themes));
                ps.setArray(++i, con.createArrayOf("text", themes));
                Theme standard = query.theme().parent() == null ? query.theme() : query.theme().parent();
                ps.setString(++i, PLACE_SERVICE.get(standard));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID placeId = rs.getObject("place_id", UUID.class);
                    PlaceRow place = placeId == null ? null : new PlaceRow(placeId, rs.getString("name"),
                            rs.getString("insee_code"), strings(rs.getArray("served_communes")), nullableDouble(rs, "latitude"),
                            nullableDouble(rs, "longitude"));
                    if (rs.getString("kind").equals("session")) {
                        UUID offerId = rs.getObject("offer_id", UUID.class);
                        OfferRow offer = offers.get(offerId);
                        if (offer == null) {
                            offer = new OfferRow(offerId, strings(rs.getArray("offer_served")),
                                    rs.getObject("start_at", OffsetDateTime.class));
                            offers.put(offerId, offer);
                        }
                        if (place != null) {
                            offer.places.add(place);
                        }
                    } else {
                        walkIns.put(placeId, new WalkIn(place, rs.getObject("offer_id", UUID.class), rs.getString("opening_hours")));
                    }
                }
            }
        }
    }

    /** The (commune, place) pairs within the radius, with their distance in metres (PostGIS, on the spheroid). */
    private static void pairs(Connection con, String[] codes, double radiusKm, Set<UUID> places,
            Map<String, Map<UUID, Double>> pairs) throws SQLException {
        if (places.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = con.prepareStatement("SELECT c.insee_code, p.id, ST_Distance(p.geog, c.geog)"
                + " FROM commune_ref c JOIN place_ref p ON ST_DWithin(p.geog, c.geog, ?) AND NOT p.deleted"
                + " WHERE c.insee_code = ANY(?) AND p.id = ANY(?)")) {
            ps.setDouble(1, radiusKm * 1000);
            ps.setArray(2, con.createArrayOf("text", codes));
            ps.setArray(3, con.createArrayOf("uuid", places.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pairs.computeIfAbsent(rs.getString(1), c -> new HashMap<>()).put(rs.getObject(2, UUID.class), rs.getDouble(3));
                }
            }
        }
    }

    // ---------------------------------------------------------------- reaching the communes

    private record Candidate(Coverage.Means means, double distance, OffsetDateTime nextAt, UUID id) {
    }

    private static final Comparator<Candidate> BEST = Comparator.comparingDouble(Candidate::distance)
            .thenComparing(Candidate::nextAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Candidate::id, Comparator.nullsLast(Comparator.naturalOrder()));

    private static Result reach(List<CommuneRow> communes, Map<UUID, OfferRow> offers, Map<UUID, WalkIn> walkIns,
            Map<String, Map<UUID, Double>> pairs, ZonedDateTime now, ZonedDateTime until) {
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
            Map<UUID, Double> near = pairs.getOrDefault(c.code(), Map.of());
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

    private static Coverage.Means bestSession(CommuneRow c, Map<UUID, Double> near, Set<OfferRow> served,
            Map<UUID, List<OfferRow>> offersAt) {
        Set<OfferRow> reaching = new HashSet<>(served);
        near.keySet().forEach(place -> reaching.addAll(offersAt.getOrDefault(place, List.of())));
        Candidate best = null;
        for (OfferRow offer : reaching) {
            PlaceRow nearest = null;
            double distance = Double.MAX_VALUE;
            for (PlaceRow p : offer.places) {
                double d = distance(c, p, near);
                if (nearest == null || d < distance) {
                    nearest = p;
                    distance = d;
                }
            }
            String reach = served.contains(offer) ? "served" : "distance";
            Candidate candidate = new Candidate(new Coverage.Means("session", reach, offer.id,
                    nearest == null ? null : nearest.id(), nearest == null ? null : nearest.name(), km(distance),
                    offer.nextAt.atZoneSameInstant(SchedulePlanner.PARIS).toOffsetDateTime()), distance, offer.nextAt, offer.id);
            if (best == null || BEST.compare(candidate, best) < 0) {
                best = candidate;
            }
        }
        return best == null ? null : best.means();
    }

    private static Coverage.Means bestWalkIn(CommuneRow c, Map<UUID, Double> near, Set<WalkIn> served,
            Map<UUID, WalkIn> walkIns, Map<String, Optional<ZonedDateTime>> openings, ZonedDateTime now, ZonedDateTime until) {
        Set<WalkIn> reaching = new HashSet<>(served);
        near.keySet().forEach(place -> {
            WalkIn w = walkIns.get(place);
            if (w != null) {
                reaching.add(w);
            }
        });
        Candidate best = null;
        for (WalkIn w : reaching) {
            Optional<ZonedDateTime> opening = openings.computeIfAbsent(w.openingHours(),
                    value -> WalkInHours.firstOpening(value, now, until));
            if (opening.isEmpty()) {
                continue;
            }
            double distance = distance(c, w.place(), near);
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
     * Metres from the commune's centre to the place: PostGIS' distance for a pair within the radius, else (a place
     * reaching the commune by its served communes, farther away) the haversine distance, shown only; MAX_VALUE when a
     * position is unknown.
     */
    private static double distance(CommuneRow c, PlaceRow p, Map<UUID, Double> near) {
        Double d = near.get(p.id());
        if (d != null) {
            return d;
        }
        if (c.latitude() == null || c.longitude() == null || p.latitude() == null || p.longitude() == null) {
            return Double.MAX_VALUE;
        }
        double lat1 = Math.toRadians(c.latitude());
        double lat2 = Math.toRadians(p.latitude());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(p.longitude() - c.longitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    private static Double km(double metres) {
        return metres == Double.MAX_VALUE ? null : Math.round(metres / 100.0) / 10.0;
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
