package fr.maillage.directory.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * The gaps of the maillage: rural communes of a territory that no place offering a service reaches,
 * neither by distance (within the radius of the commune's centre) nor by listing the commune among
 * those it serves. Each test is a NOT EXISTS served by an index (GiST on geography, GIN on the served
 * communes, btree on the place's commune), so PostgreSQL never scans all places per commune.
 */
@ApplicationScoped
public class CoverageService {
    private final EntityManager em;

    CoverageService(EntityManager em) {
        this.em = em;
    }

    public record Gap(String code, String nom, int population, Double densite, Double nearestPlaceKm) {
    }

    public record Coverage(String territoryType, String territoryCode, String service, double radiusKm, long communes,
            long population, long ruralCommunes, long ruralPopulation, long uncoveredCommunes, long uncoveredPopulation,
            double uncoveredShareOfPopulation, List<Gap> items, int page, int size) {
    }

    @SuppressWarnings("unchecked")
    public Coverage compute(String departement, String epci, String service, double radiusKm, int page, int size) {
        // arrondissements municipaux left out: Paris, Lyon and Marseille are counted once, as communes
        String territory = (departement != null ? "c.code_departement = :territory" : "c.code_epci = :territory")
                + " AND c.parent_insee IS NULL";
        String code = departement != null ? departement : epci;
        String serviceFilter = service == null ? "" : " AND p.services @> ARRAY[CAST(:service AS text)]";
        String uncovered = """
                SELECT c.code_insee, c.nom, c.population, c.superficie_km2, c.geog FROM commune c
                WHERE %s AND c.rural
                  AND NOT EXISTS (SELECT 1 FROM place p WHERE p.insee_code = c.code_insee %s)
                  AND NOT EXISTS (SELECT 1 FROM place p WHERE p.served_communes @> ARRAY[CAST(c.code_insee AS text)] %s)
                  AND (c.geog IS NULL OR NOT EXISTS (SELECT 1 FROM place p WHERE ST_DWithin(p.geog, c.geog, :radius) %s))
                """.formatted(territory, serviceFilter, serviceFilter, serviceFilter);

        Query totals = em.createNativeQuery("""
                SELECT count(*), coalesce(sum(c.population), 0), count(*) FILTER (WHERE c.rural),
                       coalesce(sum(c.population) FILTER (WHERE c.rural), 0)
                FROM commune c WHERE %s""".formatted(territory)).setParameter("territory", code);
        Object[] t = (Object[]) totals.getSingleResult();

        Query gaps = em.createNativeQuery("""
                WITH u AS (%s)
                SELECT u.code_insee, u.nom, u.population,
                       CASE WHEN u.superficie_km2 > 0 THEN round(u.population / u.superficie_km2, 1) END,
                       (SELECT ST_Distance(p.geog, u.geog) FROM place p WHERE p.geog IS NOT NULL %s
                        ORDER BY p.geog <-> u.geog LIMIT 1),
                       count(*) OVER (), coalesce(sum(u.population) OVER (), 0)
                FROM u ORDER BY u.population DESC, u.code_insee LIMIT :limit OFFSET :offset
                """.formatted(uncovered, serviceFilter));
        gaps.setParameter("territory", code).setParameter("radius", radiusKm * 1000.0)
                .setParameter("limit", size).setParameter("offset", page * size);
        if (service != null) {
            gaps.setParameter("service", service);
        }
        List<Object[]> rows = gaps.getResultList();
        long uncoveredCommunes;
        long uncoveredPopulation;
        if (!rows.isEmpty()) {
            uncoveredCommunes = ((Number) rows.get(0)[5]).longValue();
            uncoveredPopulation = ((Number) rows.get(0)[6]).longValue();
        } else if (page == 0) {
            // the first page is empty only when no commune is uncovered: nothing to count again
            uncoveredCommunes = 0;
            uncoveredPopulation = 0;
        } else {
            // a page past the end has no row to carry the window totals
            Query count = em.createNativeQuery("WITH u AS (" + uncovered + ") SELECT count(*), coalesce(sum(population), 0) FROM u")
                    .setParameter("territory", code).setParameter("radius", radiusKm * 1000.0);
            if (service != null) {
                count.setParameter("service", service);
            }
            Object[] c = (Object[]) count.getSingleResult();
            uncoveredCommunes = ((Number) c[0]).longValue();
            uncoveredPopulation = ((Number) c[1]).longValue();
        }
        List<Gap> items = new ArrayList<>();
        for (Object[] r : rows) {
            items.add(new Gap((String) r[0], (String) r[1], ((Number) r[2]).intValue(),
                    r[3] == null ? null : ((Number) r[3]).doubleValue(),
                    r[4] == null ? null : Math.round(((Number) r[4]).doubleValue() / 100.0) / 10.0));
        }
        long population = ((Number) t[1]).longValue();
        double share = population == 0 ? 0 : Math.round(uncoveredPopulation * 10000.0 / population) / 10000.0;
        return new Coverage(departement != null ? "departement" : "epci", code, service, radiusKm,
                ((Number) t[0]).longValue(), population, ((Number) t[2]).longValue(), ((Number) t[3]).longValue(),
                uncoveredCommunes, uncoveredPopulation, share, items, page, size);
    }
}
