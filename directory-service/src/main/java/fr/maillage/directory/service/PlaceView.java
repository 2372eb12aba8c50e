package fr.maillage.directory.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import fr.maillage.directory.domain.Place;

/** Every stored field of a place, with its commune's name and, in a search, its distance: what reads return. */
public record PlaceView(UUID id, UUID partnerId, String sourceId, String name, Address address, Double latitude,
        Double longitude, String openingHours, String phone, String email, String website, String presentation,
        List<String> typologies, List<String> services, List<String> publics, List<String> priseEnCharge, List<String> frais,
        List<String> programmes, List<String> formationsLabels, List<String> modalitesAcces,
        List<String> modalitesAccompagnement, String itinerance, String acceslibreUrl, String priseRdvUrl, LocalDate dateMaj,
        String servedEpci, List<String> servedCommunes, Double distanceKm, long version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public record Address(String street, String complement, String postalCode, String inseeCode, String commune) {
    }

    public static PlaceView of(Place p, String communeName, Double distanceKm) {
        return new PlaceView(p.id, p.partnerId, p.sourceId, p.name,
                new Address(p.street, p.complement, p.postalCode, p.inseeCode, communeName), p.latitude, p.longitude,
                p.openingHours, p.phone, p.email, p.website, p.presentation, p.typologies, p.services, p.publics,
                p.priseEnCharge, p.frais, p.programmes, p.formationsLabels, p.modalitesAcces, p.modalitesAccompagnement,
                p.itinerance, p.acceslibreUrl, p.priseRdvUrl, p.dateMaj, p.servedEpci, p.servedCommunes,
                roundKm(distanceKm), p.version, p.createdAt, p.updatedAt);
    }

    /** Distances are shown to the nearest 10 m. */
    static Double roundKm(Double distanceKm) {
        return distanceKm == null ? null : Math.round(distanceKm * 100) / 100.0;
    }
}
