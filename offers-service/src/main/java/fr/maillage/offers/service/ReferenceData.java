package fr.maillage.offers.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Lookups in the communes reference table. */
@ApplicationScoped
public class ReferenceData {
    public record Commune(String inseeCode, String name, Double latitude, Double longitude) {
    }

    private final EntityManager em;

    ReferenceData(EntityManager em) {
        this.em = em;
    }

    @SuppressWarnings("unchecked")
    public List<String> unknownCommunes(List<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        List<String> known = em.createNativeQuery("SELECT insee_code FROM commune_ref WHERE insee_code = ANY(:c)", String.class)
                .setParameter("c", codes.toArray(String[]::new)).getResultList();
        List<String> unknown = new ArrayList<>(codes);
        unknown.removeAll(known);
        return unknown;
    }

    public Optional<Commune> commune(String inseeCode) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT insee_code, name, latitude, longitude FROM commune_ref WHERE insee_code = :c")
                .setParameter("c", inseeCode).getResultList();
        return rows.stream().findFirst().map(r -> new Commune((String) r[0], (String) r[1],
                r[2] == null ? null : ((Number) r[2]).doubleValue(), r[3] == null ? null : ((Number) r[3]).doubleValue()));
    }
}
