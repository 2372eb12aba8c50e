package fr.maillage.booking.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.booking.service.NewBooking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(description = "Une demande de rendez-vous sur un créneau")
public record BookingRequest(
        @NotNull(message = "indiquez le créneau (slotId)") UUID slotId,
        @NotNull(message = "indiquez la personne reçue") @Valid Person person,
        @NotNull(message = "indiquez le besoin (thème et texte court)") @Valid Need need,
        @Pattern(regexp = "citizen|agent|partner_app", message = "doit valoir citizen, agent ou partner_app")
        @Schema(enumeration = { "citizen", "agent", "partner_app" }, description = "Qui réserve. Déduit du jeton : agent pour "
                + "le rôle agent, partner_app pour le rôle partner-app ; une application partenaire peut déclarer citizen "
                + "quand la personne réserve elle-même sur le site du partenaire. Obligatoire pour le rôle admin.") String bookedBy,
        @Schema(description = "Agent (annuaire) qui réserve pour la personne reçue ; par défaut le claim person du jeton d'un agent") UUID agentId,
        @Schema(description = "Structure partenaire dont l'application réserve ; si présent, doit être l'organisation du jeton "
                + "(par défaut celle-ci pour le rôle partner-app)") UUID partnerId,
        @Pattern(regexp = "none|code", message = "doit valoir none ou code")
        @Schema(enumeration = { "none", "code" }, defaultValue = "none", description = "none : confirmé (ou en liste "
                + "d'attente) tout de suite. code : le rendez-vous reste pending, sa place tenue "
                + "maillage.booking.verification.hold (10 minutes), jusqu'à ce que la personne saisisse le code à 6 chiffres "
                + "envoyé à son téléphone (ou à son e-mail) : POST /api/v1/bookings/{id}/verification") String verification) {

    /** The service's command (the body once validated). */
    public NewBooking command() {
        return new NewBooking(slotId, new NewBooking.Person(person.firstName(), person.lastName(), person.phone(),
                person.email(), person.smsConsent(), person.emailConsent(), person.residenceInsee()),
                new NewBooking.Need(need.theme(), need.text()), bookedBy, agentId, partnerId,
                verification == null ? NewBooking.VERIFICATION_NONE : verification);
    }

    @Schema(description = "Le minimum de données personnelles : prénom, et un téléphone et/ou un e-mail pour être prévenu")
    public record Person(
            @NotBlank(message = "indiquez le prénom") @Size(max = 100, message = "100 caractères au plus") String firstName,
            @Size(max = 100, message = "100 caractères au plus") String lastName,
            @Size(max = 40, message = "numéro trop long") @Schema(example = "06 12 34 56 78") String phone,
            @Email(message = "adresse e-mail invalide") @Size(max = 254, message = "adresse e-mail trop longue") String email,
            @Schema(description = "accepte d'être prévenu par SMS") boolean smsConsent,
            @Schema(description = "accepte d'être prévenu par e-mail") boolean emailConsent,
            @Pattern(regexp = "^(\\d{5}|2[AB]\\d{3})$", message = "code INSEE de commune attendu (5 caractères, par exemple 35243 ou 2A004)")
            @Schema(description = "Facultatif : code INSEE de la commune où la personne habite (statistiques du territoire)",
                    example = "35243") String residenceInsee) {
    }

    public record Need(
            @NotBlank(message = "indiquez le thème du besoin") @Size(max = 100, message = "100 caractères au plus") String theme,
            @Size(max = 280, message = "280 caractères au plus") String text) {
    }
}
