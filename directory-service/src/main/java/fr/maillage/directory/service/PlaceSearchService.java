package fr.maillage.directory.service;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.maillage.directory.config.DirectoryConfig;
import fr.maillage.directory.domain.OpeningHours;
import fr.maillage.directory.domain.Place;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/**
 * Place search on PostGIS: {@code ST_DWithin} on the geography column (GiST index) for "within radius",
 * GIN indexes on the array columns for service/programme/public/fee/modality filters. Results are sorted
 * by distance from the search point (or the commune's centre), then by id so pages are stable.
 */
@ApplicationScoped
public class PlaceSearchService {
    private final EntityManager em;
    private final DirectoryConfig config;

    PlaceSearchService(EntityManager em, DirectoryConfig config) {
        this.em = em;
        this.config = config;
    }

    public record Criteria(String insee, Double lat, Double lon, Double radiusKm, String service, String programme,
            String publicValue, String fee, String modality, LocalDateTime openAtParis, UUID partnerId) {
    }

    public record Hit(Place place, Double distanceKm) {
    }

    public record Result(List<Hit> hits, long total, Map<String, String> communeNames) {
    }

    @SuppressWarnings("unchecked")
    public Result search(Criteria c, int offset, int limit) {
        StringBuilder sql = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        boolean hasOrigin = c.lat() != null || c.insee() != null;
        // The origin is written inline (a constant point, or an InitPlan for the commune's centre) so that
        // PostgreSQL sees it when planning and uses the GiST index for ST_DWithin.
        String origin = null;
        if (c.lat() != null) {
            origin = "ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography";
            params.put("lat", c.lat());
            params.put("lon", c.lon());
        } else if (c.insee() != null) {
            origin = "(SELECT geog FROM commune WHERE code_insee = :insee)";
        }
        String distance = hasOrigin ? "ST_Distance(p.geog, " + origin + ")" : "CAST(NULL AS double precision)";
        sql.append(" FROM place p WHERE true");
        if (c.lat() != null) {
            sql.append(" AND ST_DWithin(p.geog, ").append(origin).append(", :r)");
            params.put("r", c.radiusKm() * 1000.0);
        } else if (c.insee() != null) {
            params.put("insee", c.insee());
            sql.append(" AND (p.insee_code = :insee OR p.served_communes @> ARRAY[CAST(:insee AS text)]");
            if (c.radiusKm() != null) {
                sql.append(" OR ST_DWithin(p.geog, ").append(origin).append(", :r)");
                params.put("r", c.radiusKm() * 1000.0);
            }
            sql.append(")");
        }
        arrayFilter(sql, params, "services", "service", c.service());
        arrayFilter(sql, params, "programmes", "programme", c.programme());
        arrayFilter(sql, params, "publics", "publicValue", c.publicValue());
        arrayFilter(sql, params, "frais", "fee", c.fee());
        if (c.modality() != null) {
            sql.append(" AND (p.modalites_accompagnement @> ARRAY[CAST(:modality AS text)]")
                    .append(" OR p.modalites_acces @> ARRAY[CAST(:modality AS text)])");
            params.put("modality", c.modality());
        }
        if (c.partnerId() != null) {
            sql.append(" AND p.partner_id = :partner");
            params.put("partner", c.partnerId());
        }
        if (c.openAtParis() != null) {
            sql.append(" AND p.opening_hours IS NOT NULL");
        }
        String where = sql.toString();
        String order = hasOrigin ? " ORDER BY d NULLS LAST, p.id" : " ORDER BY p.name, p.id";
        if (c.openAtParis() == null) {
            return page(where, order, distance, params, offset, limit);
        }
        // "open at" is evaluated in Java on the opening hours of the (bounded) candidates, then paged
        Query query = em.createNativeQuery("SELECT p.id, " + distance + " AS d, p.opening_hours" + where + " AND p.opening_hours IS NOT NULL"
                + order + " LIMIT :limit");
        params.forEach(query::setParameter);
        query.setParameter("limit", config.search().maxOpenAtCandidates());
        List<Object[]> open = ((List<Object[]>) query.getResultList()).stream()
                .filter(r -> OpeningHours.isOpenAt((String) r[2], c.openAtParis())).toList();
        return load(open.subList(Math.min(offset, open.size()), Math.min(offset + limit, open.size())), open.size());
    }

    /**
     * One round trip: the page's places as entities, their distance, the total (window count) and the
     * commune's name.
     */
    @SuppressWarnings("unchecked")
    private Result page(String where, String order, String distance, Map<String, Object> params, int offset, int limit) {
        NativeQuery<Object[]> query = em.createNativeQuery("SELECT {p.*}, " + distance + " AS d, count(*) OVER () AS total, "
                + "(SELECT nom FROM commune WHERE code_insee = p.insee_code) AS commune_nom" + where + order
                + " LIMIT :limit OFFSET :offset").unwrap(NativeQuery.class);
        query.addEntity("p", Place.class);
        query.addScalar("d", StandardBasicTypes.DOUBLE);
        query.addScalar("total", StandardBasicTypes.LONG);
        query.addScalar("commune_nom", StandardBasicTypes.STRING);
        params.forEach(query::setParameter);
        query.setParameter("limit", limit).setParameter("offset", offset);
        List<Object[]> rows = query.getResultList();
        long total = rows.isEmpty() ? countWhenPastEnd(where, params, offset) : (Long) rows.get(0)[2];
        List<Hit> hits = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (Object[] r : rows) {
            Place place = (Place) r[0];
            hits.add(new Hit(place, r[1] == null ? null : (Double) r[1] / 1000.0));
            names.put(place.inseeCode, (String) r[3]);
        }
        return new Result(hits, total, names);
    }

    /** A page past the end has no row to carry the window count: count separately. */
    private long countWhenPastEnd(String where, Map<String, Object> params, int offset) {
        if (offset == 0) {
            return 0;
        }
        Query count = em.createNativeQuery("SELECT count(*)" + where);
        params.forEach(count::setParameter);
        return ((Number) count.getSingleResult()).longValue();
    }

    private static void arrayFilter(StringBuilder sql, Map<String, Object> params, String column, String name, String value) {
        if (value != null) {
            sql.append(" AND p.").append(column).append(" @> ARRAY[CAST(:").append(name).append(" AS text)]");
            params.put(name, value);
        }
    }

    @SuppressWarnings("unchecked")
    private Result load(List<Object[]> page, long total) {
        List<UUID> ids = page.stream().map(r -> (UUID) r[0]).toList();
        if (ids.isEmpty()) {
            return new Result(List.of(), total, Map.of());
        }
        Map<UUID, Place> byId = new HashMap<>();
        for (Place p : Place.<Place>list("id in ?1", ids)) {
            byId.put(p.id, p);
        }
        List<Hit> hits = new ArrayList<>();
        for (Object[] r : page) {
            Place place = byId.get((UUID) r[0]);
            if (place != null) {
                hits.add(new Hit(place, r[1] == null ? null : ((Number) r[1]).doubleValue() / 1000.0));
            }
        }
        return new Result(hits, total, communeNames(hits.stream().map(h -> h.place().inseeCode).distinct().toList()));
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
