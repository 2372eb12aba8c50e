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
        @Size(max = 10, message = "au plus 10 typologies") @Distinct
        @Schema(description = "Typologies (data·inclusion); at most 10, distinct", maxItems = 10, uniqueItems = true) List<String> typologies,
        @Size(max = 9, message = "au plus 9 services (ceux du standard)") @Distinct
        @Schema(description = "Services of the standard; at least 1, at most 9, distinct", maxItems = 9, uniqueItems = true,
                example = "[\"Aide aux démarches administratives\"]") List<String> services,
        @Size(max = 5, message = "au plus 5 publics (ceux du standard)") @Distinct
        @Schema(description = "At most 5, distinct", maxItems = 5, uniqueItems = true) List<String> publics,
        @Size(max = 7, message = "au plus 7 prises en charge (celles du standard)") @Distinct
        @Schema(description = "At most 7, distinct", maxItems = 7, uniqueItems = true) List<String> priseEnCharge,
        @Size(max = 3, message = "au plus 3 modalités de frais (celles du standard)") @Distinct
        @Schema(description = "At most 3, distinct", maxItems = 3, uniqueItems = true) List<String> frais,
        @Size(max = 11, message = "au plus 11 dispositifs (ceux du standard)") @Distinct
        @Schema(description = "At most 11, distinct", maxItems = 11, uniqueItems = true) List<String> programmes,
        @Size(max = 9, message = "au plus 9 formations et labels (ceux du standard)") @Distinct
        @Schema(description = "At most 9, distinct", maxItems = 9, uniqueItems = true) List<String> formationsLabels,
        @Size(max = 6, message = "au plus 6 modalités d'accès (celles du standard)") @Distinct
        @Schema(description = "At most 6, distinct", maxItems = 6, uniqueItems = true) List<String> modalitesAcces,
        @Size(max = 4, message = "au plus 4 modalités d'accompagnement (celles du standard)") @Distinct
        @Schema(description = "At most 4, distinct", maxItems = 4, uniqueItems = true) List<String> modalitesAccompagnement,
        @Schema(enumeration = { "Fixe", "Itinérant" }) String itinerance,
        String acceslibreUrl,
        String priseRdvUrl,
        @Schema(description = "Date the place's data was last checked (date_maj of the standard): from 2000-01-01 to tomorrow", example = "2026-11-01") LocalDate dateMaj,
        @Size(max = 2000, message = "au plus 2000 communes desservies") @Distinct
        @Schema(description = "INSEE codes of the communes this place serves; at most 2000, distinct", maxItems = 2000, uniqueItems = true) List<String> servedCommunes,
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
