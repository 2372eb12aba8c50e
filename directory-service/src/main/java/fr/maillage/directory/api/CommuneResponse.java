package fr.maillage.directory.api;

import java.math.BigDecimal;
import java.util.List;

import fr.maillage.directory.domain.Commune;

/** A commune; {@code communeParente} is set for an arrondissement municipal (69381 -> 69123). */
public record CommuneResponse(String code, String nom, String departement, String region, Epci epci,
        List<String> codesPostaux, int population, BigDecimal superficieKm2, Double latitude, Double longitude,
        Double densite, boolean rural, String communeParente) {

    public record Epci(String code, String nom) {
    }

    public static CommuneResponse of(Commune c) {
        Double density = c.superficieKm2 == null || c.superficieKm2.signum() == 0 ? null
                : Math.round(c.population / c.superficieKm2.doubleValue() * 10) / 10.0;
        return new CommuneResponse(c.codeInsee, c.nom, c.codeDepartement, c.codeRegion,
                c.codeEpci == null ? null : new Epci(c.codeEpci, c.nomEpci), c.codesPostaux, c.population,
                c.superficieKm2, c.latitude, c.longitude, density, c.rural, c.parentInsee);
    }
}
