package fr.maillage.booking.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Small request bodies of the booking and shift endpoints. */
public final class Requests {
    private Requests() {
    }

    @Schema(description = "Annulation par un agent")
    public record Cancel(
            @Schema(description = "citizen : à la demande de la personne (délais de l'offre appliqués) ; service : par la structure",
                    enumeration = { "citizen", "service" }, defaultValue = "service")
            @Pattern(regexp = "citizen|service", message = "doit valoir citizen ou service") String cancelledBy,
            @Size(max = 280, message = "280 caractères au plus") String reason) {
    }

    @Schema(description = "Déplacement vers un autre créneau de la même offre")
    public record Reschedule(@NotNull(message = "indiquez le nouveau créneau (slotId)") UUID slotId) {
    }

    @Schema(description = "Le code à 6 chiffres reçu par la personne")
    public record Verification(
            @NotNull(message = "indiquez le code reçu (6 chiffres)")
            @Pattern(regexp = "\\d{6}", message = "le code est fait de 6 chiffres")
            @Schema(example = "123456") String code) {
    }

    @Schema(description = "Présence notée après le créneau")
    public record Attendance(@NotNull(message = "indiquez true (venu) ou false (absent)") Boolean attended) {
    }

    @Schema(description = "Affectation d'une personne de l'annuaire à un créneau")
    public record AssignShift(@NotNull(message = "indiquez la personne (personId)") UUID personId) {
    }
}
