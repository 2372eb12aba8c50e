package fr.maillage.booking.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.booking.service.AbsenceEffects;
import fr.maillage.booking.service.AbsenceService;

@Schema(description = "Une absence ou une fermeture ; effects (ce qui a été fait) seulement dans la réponse à sa déclaration")
public record AbsenceResponse(UUID id, @Schema(enumeration = { "person", "place" }) String kind, UUID personId,
        UUID placeId, UUID partnerId, LocalDate from, LocalDate to, String reason,
        @Schema(enumeration = { "active", "withdrawn" }) String status, OffsetDateTime createdAt,
        OffsetDateTime withdrawnAt, AbsenceEffects.Effects effects) {

    static AbsenceResponse of(AbsenceService.Absence a, AbsenceEffects.Effects effects) {
        return new AbsenceResponse(a.id(), a.kind(), a.personId(), a.placeId(), a.partnerId(), a.from(), a.to(),
                a.reason(), a.status(), a.createdAt(), a.withdrawnAt(), effects);
    }
}
