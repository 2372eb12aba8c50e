package fr.maillage.offers.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import fr.maillage.offers.domain.SchedulePlanner;
import fr.maillage.offers.security.OfferAccess;
import fr.maillage.platform.territory.Territories;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Search near a point (a commune centre or lat,lon). Candidates come from two indexed paths: places
 * within the radius (GiST on place_ref.geog) and offers or places whose served communes include the
 * searched commune (GIN) — so a mutualised offer is found even when its place is farther away. Sorted by
 * distance to the offer's nearest place, then by next session. Plain JDBC: the query is dynamic and
 * PostGIS-specific.
 */
@ApplicationScoped
public class SearchService {

    /** @param insee searched commune, null for a lat,lon search; themes already expanded to their topics */
    public record Criteria(double latitude, double longitude, String insee, double radiusKm, List<String> themes,
            String type, String audience, OffsetDateTime from, OffsetDateTime to, boolean available, int page, int size) {
    }

    private final DataSource dataSource;
    private final OfferAccess caller;

    SearchService(DataSource dataSource, OfferAccess caller) {
        this.dataSource = dataSource;
        this.caller = caller;
    }

    private static final class Sql {
        final StringBuilder text = new StringBuilder();
        final List<Object> params = new ArrayList<>();

        Sql add(String sql, Object... values) {
            text.append(sql).append('\n');
            params.addAll(Arrays.asList(values));
            return this;
        }
    }

    private static void candidates(Sql sql, Criteria c) {
        sql.add("WITH origin AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS g),", c.longitude(), c.latitude());
        sql.add("cand AS (SELECT op.offer_id FROM place_ref p JOIN offer_place op ON op.place_id = p.id, origin");
        sql.add("  WHERE NOT p.deleted AND ST_DWithin(p.geog, origin.g, ?)", c.radiusKm() * 1000);
        if (c.insee() != null) {
            sql.add("  UNION SELECT o.id FROM offer o WHERE o.served_communes @> ARRAY[?]::text[]", c.insee());
            sql.add("  UNION SELECT op.offer_id FROM place_ref p JOIN offer_place op ON op.place_id = p.id");
            sql.add("  WHERE NOT p.deleted AND p.served_communes @> ARRAY[?]::text[]", c.insee());
        }
        sql.add(")");
    }

    /** Search near a point is the citizens' search: published offers only, whoever asks. */
    private static void offerFilters(Sql sql, Criteria c) {
        sql.add("AND o.status = 'published'");
        if (c.themes() != null) {
            sql.add("AND o.themes && ?::text[]", (Object) c.themes().toArray(String[]::new));
        }
        if (c.type() != null) {
            sql.add("AND o.type = ?", c.type());
        }
        if (c.audience() != null) {
            sql.add("AND (o.publics @> ARRAY[?]::text[] OR o.publics @> ARRAY['tout_public'] OR o.publics = '{}')", c.audience());
        }
    }

    public Views.Page<Views.OfferHit> search(Criteria c) throws SQLException {
        Sql sql = new Sql();
        candidates(sql, c);
        sql.add("SELECT o.id, o.title, o.type, o.themes, o.status, pl.id AS place_id, pl.name, pl.commune, pl.insee_code, pl.postal_code,");
        if (c.insee() != null) {
            sql.add("  d.distance_m, (o.served_communes @> ARRAY[?]::text[] OR coalesce(d.serves, false)) AS serves,", c.insee());
        } else {
            sql.add("  d.distance_m, false AS serves,");
        }
        sql.add("  ns.id AS session_id, ns.start_at, ns.end_at, ns.remaining, count(*) OVER () AS total");
        sql.add("FROM (SELECT DISTINCT offer_id FROM cand) c JOIN offer o ON o.id = c.offer_id CROSS JOIN origin");
        sql.add("JOIN place_ref pl ON pl.id = o.place_id");
        // One pass over the offer's places: distance to the nearest (not deleted) one and whether one of them serves the
        // searched commune. As a correlated lateral it stays a few index probes per candidate, whatever the plan (an
        // EXISTS in the select list could become a hashed sub-plan scanning every place).
        sql.add("CROSS JOIN LATERAL (SELECT min(ST_Distance(p.geog, origin.g)) FILTER (WHERE NOT p.deleted) AS distance_m");
        if (c.insee() != null) {
            sql.add("  , bool_or(p.served_communes @> ARRAY[?]::text[] OR p.insee_code = ?) AS serves", c.insee(), c.insee());
        }
        sql.add("  FROM offer_place op JOIN place_ref p ON p.id = op.place_id WHERE op.offer_id = o.id) d");
        sql.add("LEFT JOIN LATERAL (SELECT s.id, s.start_at, s.end_at, s.remaining FROM session s");
        sql.add("  WHERE s.offer_id = o.id AND s.status = 'planned' AND s.closed_reason IS NULL"
                + " AND s.start_at >= ? AND s.start_at < ?", c.from(), c.to());
        if (c.available()) {
            sql.add("  AND s.remaining > 0");
        }
        sql.add("  ORDER BY s.start_at LIMIT 1) ns ON true");
        sql.add("WHERE true");
        offerFilters(sql, c);
        if (c.available()) {
            sql.add("AND ns.id IS NOT NULL");
        }
        sql.add("ORDER BY distance_m NULLS LAST, ns.start_at NULLS LAST, o.id LIMIT ? OFFSET ?", c.size(), (long) c.page() * c.size());
        Views.Page<Views.OfferHit> page = nearby(sql, rs -> {
            List<Views.OfferHit> items = new ArrayList<>();
            long total = 0;
            while (rs.next()) {
                total = rs.getLong("total");
                UUID sessionId = rs.getObject("session_id", UUID.class);
                items.add(new Views.OfferHit(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("type"),
                        strings(rs.getArray("themes")), rs.getString("status"), place(rs), km(rs), rs.getBoolean("serves"),
                        sessionId == null ? null : new Views.NextSession(sessionId, paris(rs, "start_at"), paris(rs, "end_at"),
                                rs.getInt("remaining"))));
            }
            return new Views.Page<>(items, c.page(), c.size(), total);
        });
        if (page.items().isEmpty() && c.page() > 0) {
            return new Views.Page<>(page.items(), c.page(), c.size(), count(c));
        }
        return page;
    }

    private long count(Criteria c) throws SQLException {
        Criteria first = new Criteria(c.latitude(), c.longitude(), c.insee(), c.radiusKm(), c.themes(), c.type(),
                c.audience(), c.from(), c.to(), c.available(), 0, 1);
        return search(first).total();
    }

    public Views.Page<Views.AvailableSession> nextAvailable(Criteria c) throws SQLException {
        Sql sql = new Sql();
        candidates(sql, c);
        sql.add("SELECT s.id AS session_id, o.id, o.title, o.type, o.themes, s.start_at, s.end_at, s.capacity, s.remaining,");
        sql.add("  pl.id AS place_id, pl.name, pl.commune, pl.insee_code, pl.postal_code, ST_Distance(pl.geog, origin.g) AS distance_m,");
        sql.add("  count(*) OVER () AS total");
        sql.add("FROM (SELECT DISTINCT offer_id FROM cand) c JOIN offer o ON o.id = c.offer_id CROSS JOIN origin");
        sql.add("JOIN session s ON s.offer_id = o.id JOIN place_ref pl ON pl.id = s.place_id");
        sql.add("WHERE s.status = 'planned' AND s.closed_reason IS NULL AND s.remaining > 0 AND s.start_at < ?", c.to());
        // Only sessions still bookable under the offer's own minimum booking delay.
        sql.add("AND s.start_at >= greatest(?::timestamptz, now() + o.min_delay_minutes * interval '1 minute')", c.from());
        offerFilters(sql, c);
        sql.add("ORDER BY s.start_at, distance_m NULLS LAST, s.id LIMIT ? OFFSET ?", c.size(), (long) c.page() * c.size());
        return nearby(sql, rs -> {
            List<Views.AvailableSession> items = new ArrayList<>();
            long total = 0;
            while (rs.next()) {
                total = rs.getLong("total");
                items.add(new Views.AvailableSession(rs.getObject("session_id", UUID.class), rs.getObject("id", UUID.class),
                        rs.getString("title"), rs.getString("type"), strings(rs.getArray("themes")), paris(rs, "start_at"),
                        paris(rs, "end_at"), rs.getInt("capacity"), rs.getInt("remaining"), place(rs), km(rs)));
            }
            return new Views.Page<>(items, c.page(), c.size(), total);
        });
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs a search near a point with a generic plan. The statement is the same for every search of the same shape,
     * only its parameters change; once pgjdbc prepares it on the server, PostgreSQL would by default keep planning it
     * again for each execution (its estimated generic cost is above that of the custom plans), which costs more than
     * executing it (about 1.5 ms of planning for 2 ms of execution with 100k offers). The generic plan is the one
     * wanted whatever the values (GiST index on the places within the radius, then index probes per candidate offer),
     * so it is forced, for this read-only transaction only (SET LOCAL: the pooled connection keeps its defaults).
     */
    private <T> T nearby(Sql sql, Rows<T> rows) throws SQLException {
        try (Connection con = dataSource.getConnection()) {
            con.setAutoCommit(false);
            try {
                try (Statement st = con.createStatement()) {
                    st.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                }
                T result;
                try (PreparedStatement ps = prepare(con, sql); ResultSet rs = ps.executeQuery()) {
                    result = rows.read(rs);
                }
                con.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    con.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            }
        }
    }

    /**
     * Listing without a location (back-office): filters only, sorted by title. Only what the caller may see: every
     * offer for an admin; published offers plus those of their own partner for a partner app or an agent; published
     * offers for anybody else (the others are simply absent, whatever the status filter asks).
     */
    public Views.Page<Views.OfferHit> list(String status, UUID partnerId, UUID placeId, List<String> themes, String type,
            int page, int size) throws SQLException {
        Sql sql = new Sql();
        sql.add("SELECT o.id, o.title, o.type, o.themes, o.status, pl.id AS place_id, pl.name, pl.commune, pl.insee_code,");
        sql.add("  pl.postal_code, count(*) OVER () AS total FROM offer o JOIN place_ref pl ON pl.id = o.place_id WHERE true");
        if (!caller.isAdmin()) {
            UUID own = caller.listableOrg().orElse(null);
            if (own == null) {
                sql.add("AND o.status = 'published'");
            } else {
                sql.add("AND (o.status = 'published' OR o.partner_id = ?)", own);
            }
        }
        if (status != null) {
            sql.add("AND o.status = ?", status);
        }
        if (partnerId != null) {
            sql.add("AND o.partner_id = ?", partnerId);
        }
        if (placeId != null) {
            sql.add("AND o.id IN (SELECT offer_id FROM offer_place WHERE place_id = ?)", placeId);
        }
        if (themes != null) {
            sql.add("AND o.themes && ?::text[]", (Object) themes.toArray(String[]::new));
        }
        if (type != null) {
            sql.add("AND o.type = ?", type);
        }
        sql.add("ORDER BY o.title, o.id LIMIT ? OFFSET ?", size, (long) page * size);
        List<Views.OfferHit> items = new ArrayList<>();
        long total = 0;
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = prepare(con, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                total = rs.getLong("total");
                items.add(new Views.OfferHit(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("type"),
                        strings(rs.getArray("themes")), rs.getString("status"), place(rs), null, false, null));
            }
        }
        return new Views.Page<>(items, page, size, total);
    }

    private static PreparedStatement prepare(Connection con, Sql sql) throws SQLException {
        PreparedStatement ps = con.prepareStatement(sql.text.toString());
        for (int i = 0; i < sql.params.size(); i++) {
            Object p = sql.params.get(i);
            if (p instanceof String[] array) {
                ps.setArray(i + 1, con.createArrayOf("text", array));
            } else {
                ps.setObject(i + 1, p);
            }
        }
        return ps;
    }

    private static Views.PlaceSummary place(ResultSet rs) throws SQLException {
        return new Views.PlaceSummary(rs.getObject("place_id", UUID.class), rs.getString("name"), rs.getString("commune"),
                rs.getString("insee_code"), rs.getString("postal_code"), Territories.zoneOf(rs.getString("insee_code")).getId());
    }

    private static Double km(ResultSet rs) throws SQLException {
        double m = rs.getDouble("distance_m");
        return rs.wasNull() ? null : Math.round(m / 100.0) / 10.0;
    }

    /** A time of the row at the offset of its place's time zone (issue 21: the zone of the row's insee_code). */
    private static OffsetDateTime paris(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.atZoneSameInstant(Territories.zoneOf(rs.getString("insee_code"))).toOffsetDateTime();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
