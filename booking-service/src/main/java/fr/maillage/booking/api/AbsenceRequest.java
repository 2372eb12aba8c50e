package fr.maillage.booking.api;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.booking.service.AbsenceService;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(description = "Une absence de personne (personId) ou une fermeture de lieu (placeId), l'un des deux, pour des jours "
        + "entiers (heure de Paris), from et to compris")
public record AbsenceRequest(
        @Schema(description = "La personne absente (annuaire) ; exclusif de placeId") UUID personId,
        @Schema(description = "Le lieu fermé ; exclusif de personId") UUID placeId,
        @NotNull(message = "indiquez le premier jour (AAAA-MM-JJ)") @Schema(example = "2027-03-01") LocalDate from,
        @NotNull(message = "indiquez le dernier jour (AAAA-MM-JJ)") @Schema(example = "2027-03-03") LocalDate to,
        @Size(max = 200, message = "200 caractères au plus")
        @Pattern(regexp = "[^\\p{Cntrl}]*", message = "une seule ligne, sans caractère de contrôle")
        @Schema(description = "Facultatif : la raison (dite aux personnes inscrites pour une fermeture de lieu ; jamais "
                + "pour l'absence d'une personne, dite « absence exceptionnelle de l'intervenant »)", example = "travaux")
        String reason) {

    public AbsenceService.Declaration command() {
        return new AbsenceService.Declaration(personId, placeId, from, to, reason);
    }
}
