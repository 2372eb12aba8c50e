package fr.maillage.directory.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.directory.service.PlaceCommand;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(description = "A lieu de médiation numérique. Enumerations use the exact strings of the standard des lieux de médiation numérique v1.0.")
public record PlaceRequest(
        @NotNull(message = "la structure porteuse (partnerId) est obligatoire") UUID partnerId,
        @Schema(example = "Pôle socioculturel de Romagné") String name,
        @NotNull(message = "l'adresse est obligatoire") @Valid Address address,
        @Schema(example = "48.3434") Double latitude,
        @Schema(example = "-1.2737") Double longitude,
        @Schema(description = "OSM opening_hours", example = "Tu,Th 09:00-12:00; We 14:00-18:00") String openingHours,
        @Schema(example = "02 99 00 00 00") String phone,
        String email,
        String website,
        @Size(max = 2000, message = "la présentation ne doit pas dépasser 2000 caractères") String presentation,
        List<String> typologies,
        @Schema(example = "[\"Aide aux démarches administratives\"]") List<String> services,
        List<String> publics,
        List<String> priseEnCharge,
        List<String> frais,
        List<String> programmes,
        List<String> formationsLabels,
        List<String> modalitesAcces,
        List<String> modalitesAccompagnement,
        @Schema(enumeration = { "Fixe", "Itinérant" }) String itinerance,
        String acceslibreUrl,
        String priseRdvUrl,
        LocalDate dateMaj,
        @Schema(description = "INSEE codes of the communes this place serves") List<String> servedCommunes,
        @Schema(description = "SIREN of an EPCI all of whose communes this place serves (expanded)") String servedEpci) {

    public record Address(
            @Schema(example = "2 rue de la Mairie") String street,
            String complement,
            @Schema(example = "35133") String postalCode,
            @Schema(example = "35243") String inseeCode) {
        PlaceCommand.Address command() {
            return new PlaceCommand.Address(street, complement, postalCode, inseeCode);
        }
    }

    public PlaceCommand command() {
        return new PlaceCommand(partnerId, name, address == null ? null : address.command(), latitude, longitude, openingHours,
                phone, email, website, presentation, typologies, services, publics, priseEnCharge, frais, programmes,
                formationsLabels, modalitesAcces, modalitesAccompagnement, itinerance, acceslibreUrl, priseRdvUrl, dateMaj,
                servedCommunes, servedEpci);
    }
}
