package fr.maillage.directory.service;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A place as a client or an imported row wants it; {@link PlaceService#validate} checks and cleans every field.
 * Enumerations use the exact strings of the standard des lieux de médiation numérique v1.0.
 */
public record PlaceCommand(UUID partnerId, String name, Address address, Double latitude, Double longitude,
        String openingHours, String phone, String email, String website, String presentation, List<String> typologies,
        List<String> services, List<String> publics, List<String> priseEnCharge, List<String> frais,
        List<String> programmes, List<String> formationsLabels, List<String> modalitesAcces,
        List<String> modalitesAccompagnement, String itinerance, String acceslibreUrl, String priseRdvUrl, LocalDate dateMaj,
        List<String> servedCommunes, String servedEpci) {

    public record Address(String street, String complement, String postalCode, String inseeCode) {
    }

    /**
     * The same place with what an imported row does not say itself: its partner, its commune (possibly
     * deduced) and the communes it serves (the standard has no column for them).
     */
    public PlaceCommand resolved(UUID partner, String inseeCode, List<String> served, String epci) {
        Address a = address == null ? new Address(null, null, null, inseeCode)
                : new Address(address.street(), address.complement(), address.postalCode(), inseeCode);
        return new PlaceCommand(partner, name, a, latitude, longitude, openingHours, phone, email, website, presentation,
                typologies, services, publics, priseEnCharge, frais, programmes, formationsLabels, modalitesAcces,
                modalitesAccompagnement, itinerance, acceslibreUrl, priseRdvUrl, dateMaj, served, epci);
    }
}
