package fr.maillage.offers.territory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import fr.maillage.offers.domain.Coded;
import fr.maillage.offers.domain.Theme;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

/**
 * The territory indicators (issue 20 §2b) from the read model of V5__territory.sql and offers' own sessions, in four
 * read-only statements whatever the territory's size: bookings (one pass with FILTERs and GROUPING SETS per commune,
 * per theme and in total), referrals, fill rates (GROUPING SETS per offer and per place) and the names of the communes
 * shown. The statistical secrecy is applied last, on the exact counts ({@link StatisticalSecrecy}).
 */
@ApplicationScoped
public class IndicatorsService {
    static final int MAX_SPAN_DAYS = 731;

    /** The period and theme of a request, checked. */
    public record Query(LocalDate from, LocalDate to, Theme theme) {
    }

    /** Exact counts of a commune, a theme or the whole territory (before secrecy). */
    static final class Raw {
        long demand, bookings, attended, noShows, cancellations, waitlisted, leftOnWaitingList, refusedFull, referrals;
        final Map<String, Long> outcomes = new LinkedHashMap<>();

        long unmet() {
            return leftOnWaitingList + refusedFull;
        }

        boolean any() {
            return demand + bookings + attended + noShows + cancellations + waitlisted + leftOnWaitingList + refusedFull
                    + referrals > 0;
        }
    }

    private static final String BOOKINGS = """
            SELECT grouping(commune_code), grouping(theme), commune_code, theme,
              count(*) FILTER (WHERE demand_day BETWEEN ? AND ?),
              count(*) FILTER (WHERE confirmed_day BETWEEN ? AND ?),
              count(*) FILTER (WHERE start_day BETWEEN ? AND ? AND attendance = 'attended'),
              count(*) FILTER (WHERE start_day BETWEEN ? AND ? AND attendance = 'no_show'),
              count(*) FILTER (WHERE cancelled_day BETWEEN ? AND ?),
              count(*) FILTER (WHERE waitlisted_at IS NOT NULL AND demand_day BETWEEN ? AND ?),
              count(*) FILTER (WHERE waitlisted_at IS NOT NULL AND start_day BETWEEN ? AND ? AND slot_start <= now()
                  AND (confirmed_at IS NULL OR confirmed_at >= slot_start)
                  AND (cancelled_at IS NULL OR cancelled_at >= slot_start)),
              count(*) FILTER (WHERE refused AND demand_day BETWEEN ? AND ?)
            FROM territory_booking
            WHERE commune_code = ANY(?)
              AND (demand_day BETWEEN ? AND ? OR start_day BETWEEN ? AND ? OR cancelled_day BETWEEN ? AND ?)
              AND (CAST(? AS text[]) IS NULL OR theme = ANY(CAST(? AS text[])))
            GROUP BY GROUPING SETS ((commune_code), (theme), ())""";
    private static final int BOOKING_PERIODS = 8;

    private static final String REFERRALS = """
            SELECT commune_code, outcome, count(*) FROM territory_referral
            WHERE commune_code = ANY(?) AND created_day BETWEEN ? AND ?
              AND (CAST(? AS text[]) IS NULL OR need = ANY(CAST(? AS text[])))
            GROUP BY commune_code, outcome""";

    /**
     * Sessions planned and not closed, starting in the period at a place of the territory's communes, driven from the
     * territory's places (index on place_ref.insee_code, then session (place_id, start_at) per place; {@code OFFSET 0}
     * keeps the lateral a per-place probe), so that no plan can scan the whole session table: with a custom plan the
     * join form flipped to a parallel scan of 1.2M sessions (390-785 ms, layer's bench) against 60-180 ms this way.
     * Names come from primary-key lookups. {@code %s}: the theme condition, or nothing.
     */
    private static final String FILL = """
            WITH s AS (
              SELECT x.offer_id, x.place_id, x.capacity, x.confirmed
              FROM place_ref p
              CROSS JOIN LATERAL (
                SELECT s.offer_id, s.place_id, s.capacity, s.confirmed FROM session s
                WHERE s.place_id = p.id AND s.start_at >= ? AND s.start_at < ? AND s.status = 'planned'
                  AND s.closed_reason IS NULL %s
                OFFSET 0) x
              WHERE p.insee_code = ANY(?)),
            f AS (
              SELECT grouping(s.offer_id) AS by_place, s.offer_id, s.place_id, count(*) AS sessions,
                     sum(s.capacity) AS capacity, sum(s.confirmed) AS confirmed
              FROM s
              GROUP BY GROUPING SETS ((s.offer_id), (s.place_id)))
            SELECT f.by_place, f.offer_id, f.place_id, f.sessions, f.capacity, f.confirmed,
                   o.title, o.place_id, op.name, op.insee_code, p.name, p.insee_code
            FROM f
            LEFT JOIN LATERAL (SELECT title, place_id FROM offer WHERE id = f.offer_id) o ON true
            LEFT JOIN LATERAL (SELECT name, insee_code FROM place_ref WHERE id = o.place_id) op ON true
            LEFT JOIN LATERAL (SELECT name, insee_code FROM place_ref WHERE id = f.place_id) p ON true""";
    private static final String FILL_THEME = "AND EXISTS (SELECT 1 FROM offer o WHERE o.id = s.offer_id AND o.themes && CAST(? AS text[]))";

    private static final String COMMUNES = "SELECT insee_code, name, population FROM commune_ref WHERE insee_code = ANY(?)";

    private final DataSource dataSource;

    IndicatorsService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Checks {@code from}, {@code to} (ISO dates; default the last 12 months ending today, Paris; from ≤ to; at most
     * 731 days) and {@code theme} (a theme code): 400 naming the parameter otherwise.
     */
    public static Query query(String from, String to, String theme) {
        LocalDate today = LocalDate.now(TerritoryEventsConsumer.PARIS);
        LocalDate end = to == null || to.isBlank() ? null : QueryParams.date("to", to);
        LocalDate start = from == null || from.isBlank() ? null : QueryParams.date("from", from);
        if (end == null) {
            end = start != null && start.isAfter(today) ? start : today;
        }
        if (start == null) {
            start = end.minusYears(1).plusDays(1);
        }
        if (start.isAfter(end)) {
            throw Problem.badRequest("from", "from (" + start + ") doit précéder to (" + end + ") ou lui être égal.");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_SPAN_DAYS) {
            throw Problem.badRequest("to", "La période va au plus sur " + MAX_SPAN_DAYS + " jours (du " + start + " au "
                    + end + " : " + (ChronoUnit.DAYS.between(start, end) + 1) + " jours) : rapprochez from et to.");
        }
        return new Query(start, end, TerritoryScope.theme(theme));
    }

    public Indicators indicators(SelectedTerritory territory, Query query) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            try (Statement plans = connection.createStatement()) {
                // A territory holds 1 to ~900 communes: each statement needs the plan for its own arrays. With pgjdbc's
                // server-side prepared statements PostgreSQL would switch to a generic plan after five executions, and
                // an EPCI's requests stalled for seconds with it in deploy/bench/territory.sh (p50 15 ms, p90 2.5 s).
                // For this read-only transaction only (SET LOCAL), the pooled connection keeps its defaults.
                plans.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            }
            Array communes = connection.createArrayOf("text", territory.communeCodes().toArray());
            Array themes = query.theme() == null ? null
                    : connection.createArrayOf("text", query.theme().codeWithTopics().toArray());
            Raw total = new Raw();
            Map<String, Raw> byCommune = new HashMap<>();
            Map<String, Raw> byTheme = new LinkedHashMap<>();
            readBookings(connection, communes, themes, query, total, byCommune, byTheme);
            readReferrals(connection, communes, themes, query, total, byCommune);
            List<Indicators.OfferFill> offers = new ArrayList<>();
            List<Indicators.PlaceFill> places = new ArrayList<>();
            readFill(connection, communes, themes, query, offers, places);
            List<Indicators.CommuneFigures> communeFigures = communes(connection, byCommune);
            connection.commit();
            return new Indicators(territory, query.from(), query.to(), query.theme() == null ? null : query.theme().code(),
                    StatisticalSecrecy.THRESHOLD, totals(total), themes(byTheme), communeFigures, offers, places);
        } catch (SQLException e) {
            throw new PersistenceException("Reading the territory indicators failed", e);
        }
    }

    private static void readBookings(Connection connection, Array communes, Array themes, Query query, Raw total,
            Map<String, Raw> byCommune, Map<String, Raw> byTheme) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(BOOKINGS)) {
            int i = 1;
            for (int p = 0; p < BOOKING_PERIODS; p++) {
                select.setObject(i++, query.from());
                select.setObject(i++, query.to());
            }
            select.setArray(i++, communes);
            for (int p = 0; p < 3; p++) {
                select.setObject(i++, query.from());
                select.setObject(i++, query.to());
            }
            select.setArray(i++, themes);
            select.setArray(i, themes);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    boolean allCommunes = row.getInt(1) == 1;
                    boolean allThemes = row.getInt(2) == 1;
                    Raw raw;
                    if (allCommunes && allThemes) {
                        raw = total;
                    } else if (!allCommunes) {
                        raw = byCommune.computeIfAbsent(row.getString(3), c -> new Raw());
                    } else {
                        raw = byTheme.computeIfAbsent(row.getString(4), t -> new Raw());
                    }
                    raw.demand = row.getLong(5);
                    raw.bookings = row.getLong(6);
                    raw.attended = row.getLong(7);
                    raw.noShows = row.getLong(8);
                    raw.cancellations = row.getLong(9);
                    raw.waitlisted = row.getLong(10);
                    raw.leftOnWaitingList = row.getLong(11);
                    raw.refusedFull = row.getLong(12);
                }
            }
        }
    }

    private static void readReferrals(Connection connection, Array communes, Array themes, Query query, Raw total,
            Map<String, Raw> byCommune) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(REFERRALS)) {
            select.setArray(1, communes);
            select.setObject(2, query.from());
            select.setObject(3, query.to());
            select.setArray(4, themes);
            select.setArray(5, themes);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long n = row.getLong(3);
                    byCommune.computeIfAbsent(row.getString(1), c -> new Raw()).referrals += n;
                    total.referrals += n;
                    total.outcomes.merge(row.getString(2), n, Long::sum);
                }
            }
        }
    }

    private static void readFill(Connection connection, Array communes, Array themes, Query query,
            List<Indicators.OfferFill> offers, List<Indicators.PlaceFill> places) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(FILL.formatted(themes == null ? "" : FILL_THEME))) {
            int i = 1;
            select.setObject(i++, query.from().atStartOfDay(TerritoryEventsConsumer.PARIS).toOffsetDateTime());
            select.setObject(i++, query.to().plusDays(1).atStartOfDay(TerritoryEventsConsumer.PARIS).toOffsetDateTime());
            if (themes != null) {
                select.setArray(i++, themes);
            }
            select.setArray(i, communes);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    int sessions = row.getInt(4);
                    int capacity = row.getInt(5);
                    long confirmed = row.getLong(6);
                    Integer shown = StatisticalSecrecy.count(confirmed);
                    Double rate = StatisticalSecrecy.rate(confirmed, true, capacity, false);
                    if (row.getInt(1) == 1) {
                        places.add(new Indicators.PlaceFill(row.getObject(3, UUID.class), row.getString(11),
                                row.getString(12), sessions, capacity, shown, rate));
                    } else {
                        offers.add(new Indicators.OfferFill(row.getObject(2, UUID.class), row.getString(7),
                                row.getObject(8, UUID.class), row.getString(9), row.getString(10), sessions, capacity,
                                shown, rate));
                    }
                }
            }
        }
        offers.sort(Comparator.comparing(Indicators.OfferFill::title, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(o -> o.offerId().toString()));
        places.sort(Comparator.comparing(Indicators.PlaceFill::name, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(p -> p.placeId().toString()));
    }

    /** Every commune with a non-zero figure, by demand shown (a hidden one between 0 and 5), then code. */
    private static List<Indicators.CommuneFigures> communes(Connection connection, Map<String, Raw> byCommune)
            throws SQLException {
        List<String> codes = byCommune.entrySet().stream().filter(e -> e.getValue().any()).map(Map.Entry::getKey).toList();
        Map<String, Object[]> names = new HashMap<>();
        if (!codes.isEmpty()) {
            try (PreparedStatement select = connection.prepareStatement(COMMUNES)) {
                select.setArray(1, connection.createArrayOf("text", codes.toArray()));
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        names.put(row.getString(1), new Object[] { row.getString(2), row.getObject(3, Integer.class) });
                    }
                }
            }
        }
        List<Indicators.CommuneFigures> list = new ArrayList<>();
        for (String code : codes) {
            Raw r = byCommune.get(code);
            Object[] name = names.getOrDefault(code, new Object[] { code, null });
            list.add(new Indicators.CommuneFigures(code, (String) name[0], (Integer) name[1],
                    StatisticalSecrecy.count(r.demand), StatisticalSecrecy.count(r.bookings),
                    StatisticalSecrecy.count(r.attended), StatisticalSecrecy.count(r.noShows), noShowRate(r),
                    StatisticalSecrecy.count(r.cancellations), StatisticalSecrecy.count(r.waitlisted),
                    StatisticalSecrecy.count(r.leftOnWaitingList), StatisticalSecrecy.count(r.refusedFull),
                    StatisticalSecrecy.count(r.unmet()), StatisticalSecrecy.count(r.referrals)));
        }
        list.sort(Comparator.comparingDouble((Indicators.CommuneFigures c) -> shownForOrder(c.demand() == null ? 1 : c.demand()))
                .reversed().thenComparing(Indicators.CommuneFigures::code));
        return list;
    }

    private static Indicators.Totals totals(Raw r) {
        Indicators.ReferralOutcomes outcomes = new Indicators.ReferralOutcomes(outcome(r, "sent"),
                outcome(r, "received"), outcome(r, "attended"), outcome(r, "no_show"), outcome(r, "redirected"),
                outcome(r, "no_longer_needed"));
        return new Indicators.Totals(StatisticalSecrecy.count(r.demand), StatisticalSecrecy.count(r.bookings),
                StatisticalSecrecy.count(r.attended), StatisticalSecrecy.count(r.noShows), noShowRate(r),
                StatisticalSecrecy.count(r.cancellations), StatisticalSecrecy.count(r.waitlisted),
                StatisticalSecrecy.count(r.leftOnWaitingList), StatisticalSecrecy.count(r.refusedFull),
                StatisticalSecrecy.count(r.unmet()), StatisticalSecrecy.count(r.referrals), outcomes);
    }

    /** Themes with demand, bookings or unmet demand, by demand then code; a null theme: « Thème non précisé ». */
    private static List<Indicators.ThemeDemand> themes(Map<String, Raw> byTheme) {
        List<Map.Entry<String, Raw>> entries = new ArrayList<>(byTheme.entrySet());
        entries.removeIf(e -> e.getValue().demand + e.getValue().bookings + e.getValue().unmet() == 0);
        entries.sort(Comparator.comparingDouble((Map.Entry<String, Raw> e) -> shownForOrder(e.getValue().demand)).reversed()
                .thenComparing(e -> e.getKey() == null ? "~" : e.getKey()));
        return entries.stream().map(e -> new Indicators.ThemeDemand(e.getKey(), label(e.getKey()),
                StatisticalSecrecy.count(e.getValue().demand), StatisticalSecrecy.count(e.getValue().bookings),
                StatisticalSecrecy.count(e.getValue().unmet()))).toList();
    }

    /** A hidden count sorts as 2.5, between 0 and 5: the order never tells 1 from 4. */
    private static double shownForOrder(long count) {
        return StatisticalSecrecy.hidden(count) ? 2.5 : count;
    }

    static String label(String theme) {
        return theme == null ? "Thème non précisé"
                : Coded.parse(Theme.class, theme).map(Theme::label).orElse(theme);
    }

    private static Integer outcome(Raw r, String code) {
        return StatisticalSecrecy.count(r.outcomes.getOrDefault(code, 0L));
    }

    private static Double noShowRate(Raw r) {
        return StatisticalSecrecy.rate(r.noShows, true, r.attended + r.noShows, true);
    }
}
