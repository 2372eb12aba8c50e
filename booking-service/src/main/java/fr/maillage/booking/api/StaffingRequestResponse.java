package fr.maillage.booking.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.StaffingRequest;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.service.Permanences.Permanence;
import fr.maillage.booking.service.StaffingRequests;

@Schema(description = "Une demande faite à une personne d'assurer une permanence")
public record StaffingRequestResponse(UUID id,
        @Schema(enumeration = { "pending", "accepted", "declined", "covered", "cancelled" }) String status, UUID personId,
        PermanenceSummary permanence, OffsetDateTime createdAt, OffsetDateTime answeredAt,
        @Schema(description = "la réponse n'est plus possible après (début de la permanence)") OffsetDateTime expiresAt,
        @Schema(description = "l'affectation créée par l'acceptation") UUID shiftId) {

    @Schema(description = "La permanence concernée")
    public record PermanenceSummary(UUID id, OffsetDateTime start, OffsetDateTime end,
            @Schema(description = "Fuseau horaire IANA du lieu (issue 21) : start et end sont à son heure locale",
                    example = "Indian/Reunion") String timeZone,
            String offerTitle,
            String placeName, String placeStreet, String placePostalCode, String placeCommune) {
    }

    public static StaffingRequestResponse of(StaffingRequests.View view) {
        StaffingRequest r = view.request();
        Permanence p = view.permanence();
        PermanenceSummary summary = null;
        if (p != null) {
            Slot first = p.first();
            summary = new PermanenceSummary(p.id(), first.local(p.start()), first.local(p.end()), first.timeZone(), first.offerTitle,
                    first.placeName, first.placeStreet, first.placePostalCode, first.placeCommune);
        }
        return new StaffingRequestResponse(r.id, r.status, r.personId, summary, Times.paris(r.createdAt),
                Times.paris(r.answeredAt), Times.paris(r.expiresAt), r.shiftId);
    }

    @Schema(description = "Les demandes envoyées pour une permanence")
    public record Created(UUID permanenceId, List<Item> requests) {
    }

    @Schema(description = "Une demande envoyée")
    public record Item(UUID id, UUID personId, String status) {
    }

    @Schema(description = "Qui solliciter (par défaut : toutes les personnes disponibles)")
    public record Ask(@Schema(description = "au plus 100 personnes, parmi GET /api/v1/permanences/{id}/candidates")
            List<UUID> personIds) {
    }

    @Schema(description = "La réponse de la personne")
    public record Answer(@jakarta.validation.constraints.NotNull(message = "indiquez accept ou decline")
            @jakarta.validation.constraints.Pattern(regexp = "accept|decline", message = "doit valoir accept ou decline")
            @Schema(enumeration = { "accept", "decline" }) String answer) {
    }

    @Schema(description = "Une personne disponible pour une permanence")
    public record Candidate(UUID personId, @Schema(description = "les thèmes de ses disponibilités") List<String> themes) {
    }
}
