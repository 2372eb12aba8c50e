package fr.maillage.directory.service;

import java.util.List;
import java.util.regex.Pattern;

import fr.maillage.directory.domain.Commune;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

@ApplicationScoped
public class CommuneService {
    private static final Pattern DIGITS = Pattern.compile("\\d{2,5}");
    private static final Pattern INSEE = Pattern.compile("(\\d{2}|2[AB])\\d{3}");

    private final EntityManager em;

    CommuneService(EntityManager em) {
        this.em = em;
    }

    public record Found(List<Commune> communes, long total) {
    }

    /**
     * Autocompletion: digits are a postal-code prefix (or an INSEE code); anything else is a name,
     * matched accent- and case-insensitively by prefix first, then by trigram similarity (typos), the
     * most populated first. Both paths are served by indexes (btree on postal codes, btree
     * text_pattern_ops and GIN trigram on the folded name).
     */
    @SuppressWarnings("unchecked")
    public Found search(String q, int offset, int limit) {
        String query = q.strip();
        if (DIGITS.matcher(query).matches() || INSEE.matcher(query.toUpperCase()).matches()) {
            String where = """
                    WHERE c.code_insee = :code OR c.code_insee IN (SELECT code_insee FROM commune_postal_code WHERE code_postal LIKE :prefix)
                    """;
            // the communes having exactly that postal code first (35133: Romagné before Iffendic, whose INSEE
            // code is 35133), then the INSEE code itself, then postal-code prefixes; the most populated first
            List<Commune> rows = em.createNativeQuery("SELECT c.* FROM commune c " + where + """
                    ORDER BY EXISTS (SELECT 1 FROM commune_postal_code x WHERE x.code_insee = c.code_insee AND x.code_postal = :exact) DESC,
                             (c.code_insee = :code) DESC, c.population DESC, c.code_insee LIMIT :limit OFFSET :offset
                    """, Commune.class)
                    .setParameter("code", query.toUpperCase()).setParameter("prefix", query + "%").setParameter("exact", query)
                    .setParameter("limit", limit).setParameter("offset", offset).getResultList();
            long total = ((Number) em.createNativeQuery("SELECT count(*) FROM commune c " + where)
                    .setParameter("code", query.toUpperCase()).setParameter("prefix", query + "%").getSingleResult()).longValue();
            return new Found(rows, total);
        }
        // the prefix is matched literally (% and _ escaped); the trigram similarity takes the text as it is
        String where = """
                WHERE c.search_name LIKE directory_fold(:prefix) || '%' OR c.search_name % directory_fold(:q)
                """;
        String prefix = Like.literal(query);
        List<Commune> rows = em.createNativeQuery("SELECT c.* FROM commune c " + where + """
                ORDER BY (c.search_name LIKE directory_fold(:prefix) || '%') DESC,
                         similarity(c.search_name, directory_fold(:q)) DESC, c.population DESC, c.code_insee
                LIMIT :limit OFFSET :offset
                """, Commune.class)
                .setParameter("q", query).setParameter("prefix", prefix).setParameter("limit", limit)
                .setParameter("offset", offset).getResultList();
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM commune c " + where)
                .setParameter("q", query).setParameter("prefix", prefix).getSingleResult()).longValue();
        return new Found(rows, total);
    }

    public Commune find(String code) {
        return code == null ? null : Commune.findById(code.toUpperCase());
    }

    /** Member communes of an EPCI (by SIREN, arrondissements municipaux left out), ordered by INSEE code; empty when unknown. */
    @SuppressWarnings("unchecked")
    public List<String> membersOfEpci(String epci) {
        return em.createNativeQuery("SELECT code_insee FROM commune WHERE code_epci = :e AND parent_insee IS NULL ORDER BY code_insee")
                .setParameter("e", epci).getResultList();
    }

    /** The INSEE codes among {@code codes} that are not current communes. */
    @SuppressWarnings("unchecked")
    public List<String> unknown(List<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        List<String> known = em.createNativeQuery("SELECT code_insee FROM commune WHERE code_insee IN (:codes)")
                .setParameter("codes", codes).getResultList();
        return codes.stream().filter(c -> !known.contains(c)).toList();
    }

    /** Commune by postal code and name (folded), for imported rows that give no INSEE code. */
    @SuppressWarnings("unchecked")
    public Commune byPostalCodeAndName(String postalCode, String name) {
        List<Commune> found = em.createNativeQuery("""
                SELECT c.* FROM commune c JOIN commune_postal_code p ON p.code_insee = c.code_insee
                WHERE p.code_postal = :cp AND c.search_name = directory_fold(:name)
                """, Commune.class).setParameter("cp", postalCode).setParameter("name", name).getResultList();
        return found.size() == 1 ? found.get(0) : null;
    }

    /** Distance in km between a point and the commune's centre, or null when the commune has none. */
    public Double distanceFromCentreKm(Commune commune, double latitude, double longitude) {
        if (commune.latitude == null || commune.longitude == null) {
            return null;
        }
        Number metres = (Number) em.createNativeQuery("""
                SELECT ST_Distance(ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography,
                                   ST_SetSRID(ST_MakePoint(:clon, :clat), 4326)::geography)
                """).setParameter("lon", longitude).setParameter("lat", latitude)
                .setParameter("clon", commune.longitude).setParameter("clat", commune.latitude).getSingleResult();
        return metres.doubleValue() / 1000.0;
    }
}
