package fr.maillage.directory.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import fr.maillage.directory.domain.Place;
import fr.maillage.directory.service.PlaceView;
import fr.maillage.platform.territory.Territories;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlaceResponse(UUID id, UUID partnerId, String sourceId, String name, Address address,
        @Schema(description = "Fuseau horaire IANA du territoire du lieu, déduit de address.inseeCode (issue 21) : "
                + "Indian/Reunion pour 974, America/Cayenne pour 973… Europe/Paris en métropole et sans commune. "
                + "Les séances et créneaux de ce lieu sont planifiés et affichés dans ce fuseau.",
                example = "Indian/Reunion") String timeZone,
        Double latitude,
        Double longitude, String openingHours, String phone, String email, String website, String presentation,
        List<String> typologies, List<String> services, List<String> publics, List<String> priseEnCharge, List<String> frais,
        List<String> programmes, List<String> formationsLabels, List<String> modalitesAcces,
        List<String> modalitesAccompagnement, String itinerance, String acceslibreUrl, String priseRdvUrl, LocalDate dateMaj,
        String servedEpci, List<String> servedCommunes, Double distanceKm, long version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public record Address(String street, String complement, String postalCode, String inseeCode, String commune) {
    }

    public static PlaceResponse of(Place p, String communeName, Double distanceKm) {
        return of(PlaceView.of(p, communeName, distanceKm));
    }

    public static PlaceResponse of(PlaceView v) {
        PlaceView.Address a = v.address();
        return new PlaceResponse(v.id(), v.partnerId(), v.sourceId(), v.name(),
                new Address(a.street(), a.complement(), a.postalCode(), a.inseeCode(), a.commune()), timeZone(a.inseeCode()),
                v.latitude(), v.longitude(),
                v.openingHours(), v.phone(), v.email(), v.website(), v.presentation(), v.typologies(), v.services(), v.publics(),
                v.priseEnCharge(), v.frais(), v.programmes(), v.formationsLabels(), v.modalitesAcces(),
                v.modalitesAccompagnement(), v.itinerance(), v.acceslibreUrl(), v.priseRdvUrl(), v.dateMaj(), v.servedEpci(),
                v.servedCommunes(), v.distanceKm(), v.version(), v.createdAt(), v.updatedAt());
    }

    /** The IANA zone of a place's territory (issue 21): Europe/Paris without a commune. */
    public static String timeZone(String inseeCode) {
        return Territories.zoneOf(inseeCode).getId();
    }
}
