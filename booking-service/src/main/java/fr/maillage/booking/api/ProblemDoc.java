package fr.maillage.booking.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** OpenAPI description of the platform's problem+json bodies (RFC 9457), answered on every error. */
@Schema(name = "Problem", description = "Erreur RFC 9457 (application/problem+json) : detail explique en français quoi corriger, "
        + "field nomme le premier champ en cause, violations les liste tous")
public record ProblemDoc(@Schema(example = "https://maillage.fr/problemes/regle-non-respectee") String type,
        @Schema(example = "Règle non respectée") String title,
        @Schema(example = "422") int status,
        @Schema(example = "Ce numéro de téléphone n'est pas valide : indiquez un numéro français, par exemple 06 12 34 56 78.") String detail,
        @Schema(example = "/api/v1/bookings") String instance,
        @Schema(example = "person.phone", description = "absent quand aucun champ n'est en cause") String field,
        @Schema(description = "toujours présent, éventuellement vide") List<Violation> violations,
        @Schema(description = "Sur 409 créneau complet : les prochains créneaux disponibles de la même offre") List<Object> nextSlots) {

    public record Violation(String field, String message) {
    }
}
