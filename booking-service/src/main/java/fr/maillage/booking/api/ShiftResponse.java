package fr.maillage.booking.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.booking.domain.Shift;
import fr.maillage.booking.domain.Slot;

@Schema(description = "Une affectation : une personne de l'annuaire affectée à une permanence (toute la suite de créneaux "
        + "contigus, issue 19)")
public record ShiftResponse(UUID id, UUID personId,
        @Schema(description = "le premier créneau de la permanence") UUID slotId,
        @Schema(description = "la permanence (= l'identifiant de son premier créneau)") UUID permanenceId, UUID offerId,
        @Schema(enumeration = { "assigned", "cancelled" }) String status,
        @Schema(description = "début de la permanence") OffsetDateTime start,
        @Schema(description = "fin de la permanence") OffsetDateTime end,
        @Schema(description = "Fuseau horaire IANA du lieu (issue 21) : start et end sont à son heure locale",
                example = "Indian/Reunion") String timeZone,
        @Schema(description = "pourquoi l'affectation a été retirée (absence, fermeture), sinon null") String cancelReason,
        String offerTitle, String placeName, String placeStreet, String placePostalCode, String placeCommune) {

    /** {@code slot}: any slot of the shift's permanence (its offer and place). */
    public static ShiftResponse of(Shift shift, Slot slot) {
        OffsetDateTime start = shift.start != null ? shift.start : slot.start;
        OffsetDateTime end = shift.end != null ? shift.end : slot.end;
        return new ShiftResponse(shift.id, shift.personId, shift.slotId,
                shift.permanenceId != null ? shift.permanenceId : shift.slotId, slot.offerId, shift.status,
                slot.local(start), slot.local(end), slot.timeZone(), shift.cancelReason, slot.offerTitle, slot.placeName,
                slot.placeStreet, slot.placePostalCode, slot.placeCommune);
    }
}
