package fr.maillage.booking.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.booking.domain.Shift;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;

@Schema(description = "Une permanence : une personne de l'annuaire affectée à un créneau")
public record ShiftResponse(UUID id, UUID personId, UUID slotId, UUID offerId,
        @Schema(enumeration = { "assigned", "cancelled" }) String status, OffsetDateTime start, OffsetDateTime end,
        String offerTitle, String placeName, String placeStreet, String placePostalCode, String placeCommune) {

    public static ShiftResponse of(Shift shift, Slot slot) {
        return new ShiftResponse(shift.id, shift.personId, shift.slotId, slot.offerId, shift.status, Times.paris(slot.start),
                Times.paris(slot.end), slot.offerTitle, slot.placeName, slot.placeStreet, slot.placePostalCode,
                slot.placeCommune);
    }
}
