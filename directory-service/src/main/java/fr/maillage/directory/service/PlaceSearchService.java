package fr.maillage.directory.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.Session;

import fr.maillage.directory.config.DirectoryConfig;
import fr.maillage.platform.geo.Plm;
import fr.maillage.platform.hours.OpeningHours;
import fr.maillage.platform.territory.Territories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Place search on PostGIS: {@code ST_DWithin} on the geography column (GiST index) for "within radius",
 * GIN indexes on the array columns for service/programme/public/fee/modality filters. Results are sorted
 * by distance from the search point (or the commune's centre), then by id so pages are stable.
 *
 * <p>A search only reads: the page is read straight from the JDBC result set into the answer (one
 * statement, through the Hibernate session's connection so that database failures map to the same
 * problems as elsewhere), without managed entities, persistence context or dirty tracking.
 */
@ApplicationScoped
public class PlaceSearchService {
    /** Every column of a place the answer shows, then the commune's name (the reference table holds it). */
    static final String COLUMNS = "p.id, p.partner_id, p.source_id, p.name, p.street, p.complement, p.postal_code, p.insee_code, "
            + "p.latitude, p.longitude, p.opening_hours, p.phone, p.email, p.website, p.presentation, p.typologies, p.services, "
            + "p.publics, p.prise_en_charge, p.frais, p.programmes, p.formations_labels, p.modalites_acces, "
            + "p.modalites_accompagnement, p.itinerance, p.acceslibre_url, p.prise_rdv_url, p.date_maj, p.served_epci, "
            + "p.served_communes, p.version, p.created_at, p.updated_at, "
            + "(SELECT nom FROM commune WHERE code_insee = p.insee_code) AS commune_nom";
    private static final int COLUMN_COUNT = 34;

    private final EntityManager em;
    private final DirectoryConfig config;

    PlaceSearchService(EntityManager em, DirectoryConfig config) {
        this.em = em;
        this.config = config;
    }

    public record Criteria(String insee, Double lat, Double lon, Double radiusKm, String service, String programme,
            String publicValue, String fee, String modality, LocalDateTime openAtParis, UUID partnerId) {
        public Criteria {
            // opening hours are evaluated with the public holidays of the year: a calendar year, not +1000000
            if (openAtParis != null && (openAtParis.getYear() < 1900 || openAtParis.getYear() > 2200)) {
                throw fr.maillage.platform.problem.Problem.badRequest("openAt",
                        "l'année doit être comprise entre 1900 et 2200 (reçu " + openAtParis.getYear() + ")");
            }
        }
    }

    public record Result(List<PlaceView> items, long total) {
    }

    /** A statement under construction: its text and its positional parameters, in order. */
    private static final class Sql {
        final StringBuilder text = new StringBuilder(512);
        final List<Object> params = new ArrayList<>(12);

        Sql append(String s) {
            text.append(s);
            return this;
        }

        Sql param(Object value) {
            params.add(value);
            return this;
        }

        Sql addAll(Sql other) {
            text.append(other.text);
            params.addAll(other.params);
            return this;
        }
    }

    /** The codes a search by commune covers: Lyon = 69123 and its arrondissements; the 1er = 69381 and Lyon. */
    static List<String> searchCodes(String insee) {
        String parent = Plm.parentOf(insee);
        return parent != null ? List.of(insee, parent) : Plm.withArrondissements(insee);
    }

    public Result search(Criteria c, int offset, int limit) {
        boolean hasOrigin = c.lat() != null || c.insee() != null;
        // The origin is written inline (a constant point, or an InitPlan for the commune's centre) so that
        // PostgreSQL sees it when planning and uses the GiST index for ST_DWithin.
        Sql distance = new Sql();
        if (c.lat() != null) {
            distance.append("ST_Distance(p.geog, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography)").param(c.lon()).param(c.lat());
        } else if (c.insee() != null) {
            distance.append("ST_Distance(p.geog, (SELECT geog FROM commune WHERE code_insee = ?))").param(c.insee());
        } else {
            distance.append("CAST(NULL AS double precision)");
        }
        Sql where = new Sql().append(" FROM place p WHERE true");
        if (c.lat() != null) {
            where.append(" AND ST_DWithin(p.geog, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)")
                    .param(c.lon()).param(c.lat()).param(c.radiusKm() * 1000.0);
        } else if (c.insee() != null) {
            // Paris, Lyon, Marseille: a place in an arrondissement is in the commune; a place of an arrondissement's
            // commune as a whole (or serving it) serves the arrondissement too (fr.maillage.platform.geo.Plm)
            List<String> codes = searchCodes(c.insee());
            String marks = String.join(", ", java.util.Collections.nCopies(codes.size(), "?"));
            String textMarks = String.join(", ", java.util.Collections.nCopies(codes.size(), "CAST(? AS text)"));
            where.append(" AND (p.insee_code IN (" + marks + ") OR p.served_communes && ARRAY[" + textMarks + "]");
            codes.forEach(where::param);
            codes.forEach(where::param);
            if (c.radiusKm() != null) {
                where.append(" OR ST_DWithin(p.geog, (SELECT geog FROM commune WHERE code_insee = ?), ?)")
                        .param(c.insee()).param(c.radiusKm() * 1000.0);
            }
            where.append(")");
        }
        arrayFilter(where, "services", c.service());
        arrayFilter(where, "programmes", c.programme());
        arrayFilter(where, "publics", c.publicValue());
        arrayFilter(where, "frais", c.fee());
        if (c.modality() != null) {
            where.append(" AND (p.modalites_accompagnement @> ARRAY[CAST(? AS text)]")
                    .append(" OR p.modalites_acces @> ARRAY[CAST(? AS text)])").param(c.modality()).param(c.modality());
        }
        if (c.partnerId() != null) {
            where.append(" AND p.partner_id = ?").param(c.partnerId());
        }
        if (c.openAtParis() != null) {
            where.append(" AND p.opening_hours IS NOT NULL");
        }
        String order = hasOrigin ? " ORDER BY d NULLS LAST, p.id" : " ORDER BY p.name, p.id";
        Session session = em.unwrap(Session.class);
        if (c.openAtParis() == null) {
            return session.doReturningWork(connection -> page(connection, distance, where, order, offset, limit));
        }
        return session.doReturningWork(connection -> openAt(connection, c.openAtParis(), distance, where, order, offset, limit));
    }

    /**
     * One round trip: the page's places, their distance, the total (window count) and the commune's name.
     */
    private Result page(Connection connection, Sql distance, Sql where, String order, int offset, int limit) throws SQLException {
        Sql sql = new Sql().append("SELECT ").append(COLUMNS).append(", ").addAll(distance).append(" AS d, count(*) OVER () AS total")
                .addAll(where).append(order).append(" LIMIT ? OFFSET ?").param(limit).param(offset);
        List<PlaceView> items = new ArrayList<>(limit);
        long total = -1;
        try (PreparedStatement statement = prepare(connection, sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                double d = rs.getDouble(COLUMN_COUNT + 1);
                items.add(read(rs, rs.wasNull() ? null : d / 1000.0));
                total = rs.getLong(COLUMN_COUNT + 2);
            }
        }
        if (total < 0) {
            total = offset == 0 ? 0 : count(connection, where);
        }
        return new Result(items, total);
    }

    /** A page past the end has no row to carry the window count: count separately. */
    private static long count(Connection connection, Sql where) throws SQLException {
        try (PreparedStatement statement = prepare(connection, new Sql().append("SELECT count(*)").addAll(where));
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** "Open at" is evaluated in Java on the opening hours of the (bounded) candidates, then paged. */
    private Result openAt(Connection connection, LocalDateTime at, Sql distance, Sql where, String order, int offset, int limit)
            throws SQLException {
        Sql sql = new Sql().append("SELECT p.id, ").addAll(distance).append(" AS d, p.opening_hours, p.insee_code").addAll(where)
                .append(" AND p.opening_hours IS NOT NULL").append(order).append(" LIMIT ?").param(config.search().maxOpenAtCandidates());
        List<UUID> open = new ArrayList<>();
        Map<UUID, Double> distances = new HashMap<>();
        try (PreparedStatement statement = prepare(connection, sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                // issue 21: the place's own wall clock (its territory's zone) and calendar (its département's PH, SH)
                String insee = rs.getString(4);
                LocalDateTime local = at.atZone(Territories.DEFAULT_ZONE).withZoneSameInstant(Territories.zoneOf(insee))
                        .toLocalDateTime();
                if (OpeningHours.isOpenAt(rs.getString(3), local, OpeningHours.forDepartement(insee))) {
                    UUID id = rs.getObject(1, UUID.class);
                    double d = rs.getDouble(2);
                    open.add(id);
                    distances.put(id, rs.wasNull() ? null : d / 1000.0);
                }
            }
        }
        List<UUID> ids = open.subList(Math.min(offset, open.size()), Math.min(offset + limit, open.size()));
        if (ids.isEmpty()) {
            return new Result(List.of(), open.size());
        }
        Map<UUID, PlaceView> byId = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM place p WHERE p.id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    byId.put(id, read(rs, distances.get(id)));
                }
            }
        }
        List<PlaceView> items = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            PlaceView place = byId.get(id);
            if (place != null) {
                items.add(place);
            }
        }
        return new Result(items, open.size());
    }

    private static PreparedStatement prepare(Connection connection, Sql sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql.text.toString());
        for (int i = 0; i < sql.params.size(); i++) {
            statement.setObject(i + 1, sql.params.get(i));
        }
        return statement;
    }

    /** The current row ({@link #COLUMNS}) as the answer's place. */
    private static PlaceView read(ResultSet rs, Double distanceKm) throws SQLException {
        return new PlaceView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                new PlaceView.Address(rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(34)),
                doubleOrNull(rs, 9), doubleOrNull(rs, 10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                rs.getString(15), list(rs, 16), list(rs, 17), list(rs, 18), list(rs, 19), list(rs, 20), list(rs, 21), list(rs, 22),
                list(rs, 23), list(rs, 24), rs.getString(25), rs.getString(26), rs.getString(27), rs.getObject(28, LocalDate.class),
                rs.getString(29), list(rs, 30), PlaceView.roundKm(distanceKm), rs.getLong(31),
                rs.getObject(32, OffsetDateTime.class), rs.getObject(33, OffsetDateTime.class));
    }

    private static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static List<String> list(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return null;
        }
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }

    private static void arrayFilter(Sql where, String column, String value) {
        if (value != null) {
            where.append(" AND p.").append(column).append(" @> ARRAY[CAST(? AS text)]").param(value);
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> communeNames(List<String> codes) {
        Map<String, String> names = new LinkedHashMap<>();
        if (codes.isEmpty()) {
            return names;
        }
        List<Object[]> rows = em.createNativeQuery("SELECT code_insee, nom FROM commune WHERE code_insee IN (:codes)")
                .setParameter("codes", codes).getResultList();
        rows.forEach(r -> names.put((String) r[0], (String) r[1]));
        return names;
    }
}
