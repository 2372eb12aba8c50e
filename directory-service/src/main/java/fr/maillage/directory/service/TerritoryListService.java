package fr.maillage.directory.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.maillage.directory.domain.Commune;
import fr.maillage.platform.geo.Departements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * EPCI and départements of the communes reference (issue 21): lists with a text filter, and each one's communes.
 * Arrondissements municipaux are left out of counts, populations and member lists (Paris, Lyon and Marseille are
 * counted once, as communes); they are found through their commune.
 */
@ApplicationScoped
public class TerritoryListService {
    private final EntityManager em;

    TerritoryListService(EntityManager em) {
        this.em = em;
    }

    /** An EPCI as the reference knows it: SIREN, name, its communes' départements, count and population. */
    public record Epci(String code, String nom, List<String> departements, long communes, long population) {
    }

    /** A département: COG code and name, region, and its communes' count and population in the reference. */
    public record Departement(String code, String nom, String region, long communes, long population) {
    }

    public record Page<T>(List<T> items, long total) {
    }

    private static final String EPCI_SELECT = """
            SELECT code_epci, min(nom_epci), array_to_string(array_agg(DISTINCT code_departement ORDER BY code_departement), ','),
                   count(*), coalesce(sum(population), 0)
            FROM commune WHERE code_epci IS NOT NULL AND parent_insee IS NULL
            """;

    @SuppressWarnings("unchecked")
    public Page<Epci> epcis(String q, int offset, int limit) {
        String filter = q == null ? "" : " AND (code_epci = :code OR directory_fold(nom_epci) LIKE '%' || directory_fold(:pattern) || '%')";
        var list = em.createNativeQuery(EPCI_SELECT + filter
                + " GROUP BY code_epci ORDER BY directory_fold(min(nom_epci)), code_epci LIMIT :limit OFFSET :offset");
        var count = em.createNativeQuery("SELECT count(DISTINCT code_epci) FROM commune WHERE code_epci IS NOT NULL AND parent_insee IS NULL" + filter);
        if (q != null) {
            list.setParameter("code", q.strip()).setParameter("pattern", Like.literal(q.strip()));
            count.setParameter("code", q.strip()).setParameter("pattern", Like.literal(q.strip()));
        }
        List<Object[]> rows = list.setParameter("limit", limit).setParameter("offset", offset).getResultList();
        return new Page<>(rows.stream().map(TerritoryListService::epci).toList(), ((Number) count.getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    public Epci epci(String siren) {
        List<Object[]> rows = em.createNativeQuery(EPCI_SELECT + " AND code_epci = :code GROUP BY code_epci")
                .setParameter("code", siren).getResultList();
        return rows.isEmpty() ? null : epci(rows.get(0));
    }

    private static Epci epci(Object[] r) {
        return new Epci((String) r[0], (String) r[1], List.of(((String) r[2]).split(",")), ((Number) r[3]).longValue(),
                ((Number) r[4]).longValue());
    }

    /** Départements of the COG (platform's Departements), filtered by code or name (accent- and case-insensitive). */
    @SuppressWarnings("unchecked")
    public Page<Departement> departements(String q, int offset, int limit) {
        Map<String, long[]> figures = new HashMap<>();
        List<Object[]> rows = em.createNativeQuery("""
                SELECT code_departement, count(*), coalesce(sum(population), 0) FROM commune
                WHERE parent_insee IS NULL GROUP BY code_departement
                """).getResultList();
        for (Object[] r : rows) {
            figures.put((String) r[0], new long[] { ((Number) r[1]).longValue(), ((Number) r[2]).longValue() });
        }
        String folded = q == null ? null : fold(q.strip());
        List<Departement> matching = new ArrayList<>();
        for (Departements.Departement d : Departements.all()) {
            if (folded == null || d.code().equalsIgnoreCase(q.strip()) || fold(d.nom()).contains(folded)) {
                long[] f = figures.getOrDefault(d.code(), new long[2]);
                matching.add(new Departement(d.code(), d.nom(), d.region(), f[0], f[1]));
            }
        }
        int from = Math.min(offset, matching.size());
        int to = Math.min(matching.size(), from + limit);
        return new Page<>(List.copyOf(matching.subList(from, to)), matching.size());
    }

    public Departement departement(String code) {
        Departements.Departement d = Departements.of(code);
        if (d == null) {
            return null;
        }
        Object[] r = (Object[]) em.createNativeQuery("""
                SELECT count(*), coalesce(sum(population), 0) FROM commune WHERE code_departement = :d AND parent_insee IS NULL
                """).setParameter("d", d.code()).getSingleResult();
        return new Departement(d.code(), d.nom(), d.region(), ((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }

    /** Communes of an EPCI or a département (column code_epci or code_departement), by name, arrondissements left out. */
    @SuppressWarnings("unchecked")
    public Page<Commune> communes(boolean epci, String code, int offset, int limit) {
        String where = " FROM commune c WHERE c." + (epci ? "code_epci" : "code_departement") + " = :code AND c.parent_insee IS NULL";
        List<Commune> rows = em.createNativeQuery("SELECT c.*" + where + " ORDER BY c.search_name, c.code_insee LIMIT :limit OFFSET :offset",
                Commune.class).setParameter("code", code).setParameter("limit", limit).setParameter("offset", offset)
                .getResultList();
        long total = ((Number) em.createNativeQuery("SELECT count(*)" + where).setParameter("code", code).getSingleResult())
                .longValue();
        return new Page<>(rows, total);
    }

    static String fold(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(java.util.Locale.ROOT).replaceAll("[-'’ ]+", " ");
    }
}
