package fr.maillage.booking.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.booking.service.NewReferral;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(description = "Une orientation : la personne (le minimum), son besoin, la structure qui la recevra")
public record ReferralRequest(
        @NotNull(message = "indiquez la personne orientée") @Valid Person person,
        @NotBlank(message = "indiquez le besoin (un thème des offres, par exemple aide_demarches)")
        @Size(max = 100, message = "100 caractères au plus")
        @Schema(description = "Thème du besoin, un code des thèmes des offres", example = "aide_demarches") String need,
        @NotNull(message = "indiquez la structure qui recevra la personne (targetPartnerId)")
        @Schema(description = "Structure de l'annuaire vers laquelle la personne est orientée") UUID targetPartnerId,
        @Schema(description = "Facultatif : une offre de cette structure") UUID targetOfferId,
        @Schema(description = "Facultatif : un rendez-vous pris pour la personne (de votre structure)") UUID bookingId,
        @Size(max = 500, message = "500 caractères au plus")
        @Schema(description = "Facultatif : un mot pour la structure qui reçoit (500 caractères au plus)") String note,
        @Schema(description = "Structure qui oriente : celle du jeton (obligatoire seulement pour un administrateur sans "
                + "organisation ; sinon, si présent, doit être celle du jeton)") UUID fromPartnerId) {

    public NewReferral command() {
        return new NewReferral(new NewReferral.Person(person.firstName(), person.lastName(), person.phone(),
                person.email(), person.residenceInsee()), need, targetPartnerId, targetOfferId, bookingId, note,
                fromPartnerId);
    }

    @Schema(description = "Le minimum sur la personne : son prénom ; le reste est facultatif")
    public record Person(
            @NotBlank(message = "indiquez le prénom") @Size(max = 100, message = "100 caractères au plus") String firstName,
            @Size(max = 100, message = "100 caractères au plus") String lastName,
            @Size(max = 40, message = "numéro trop long") @Schema(example = "02 99 12 34 56") String phone,
            @Email(message = "adresse e-mail invalide") @Size(max = 254, message = "adresse e-mail trop longue") String email,
            @Pattern(regexp = "^(\\d{5}|2[AB]\\d{3})$", message = "code INSEE de commune attendu (5 caractères, par exemple 35243 ou 2A004)")
            @Schema(description = "Code INSEE de la commune où la personne habite", example = "35243") String residenceInsee) {
    }

    @Schema(description = "La suite donnée par la structure qui reçoit la personne")
    public record Outcome(
            @NotNull(message = "indiquez la suite : received, attended, no_show, redirected ou no_longer_needed")
            @Pattern(regexp = "received|attended|no_show|redirected|no_longer_needed",
                    message = "doit valoir received, attended, no_show, redirected ou no_longer_needed")
            @Schema(enumeration = { "received", "attended", "no_show", "redirected", "no_longer_needed" },
                    description = "received : la personne s'est manifestée ; attended : elle a été reçue ; no_show : elle "
                            + "n'est pas venue ; redirected : orientée ailleurs ; no_longer_needed : plus besoin") String outcome,
            @Size(max = 500, message = "500 caractères au plus") String note) {
    }
}
