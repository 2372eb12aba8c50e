package fr.maillage.booking.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.service.PermanenceViews;
import fr.maillage.booking.service.Permanences.Permanence;

@Schema(description = "Une permanence : la suite de créneaux contigus d'une offre en un lieu le même jour (son identifiant "
        + "est celui de son premier créneau), avec les personnes affectées")
public record PermanenceResponse(UUID id, UUID offerId, String offerTitle, List<String> offerThemes, UUID partnerId,
        UUID placeId, String placeName, String placeCommune,
        @Schema(description = "début du premier créneau") OffsetDateTime start,
        @Schema(description = "fin du dernier créneau") OffsetDateTime end,
        @Schema(description = "Fuseau horaire IANA du lieu (issue 21) : start et end sont à son heure locale",
                example = "Indian/Reunion") String timeZone,
        List<UUID> slotIds,
        @Schema(description = "places des créneaux ni annulés ni fermés") int capacity, int confirmed,
        @Schema(enumeration = { "planned", "cancelled", "closed" }) String status, List<StaffMember> staff,
        @Schema(description = "personnes nécessaires (1)") int requiredStaff,
        @Schema(description = "à venir, prévue, et moins de requiredStaff personnes affectées") boolean understaffed,
        @Schema(description = "demandes aux bénévoles en attente de réponse") int pendingRequests) {

    @Schema(description = "Une personne affectée (affectation en cours)")
    public record StaffMember(UUID shiftId, UUID personId) {
    }

    public static PermanenceResponse of(PermanenceViews.View view) {
        Permanence p = view.permanence();
        Slot first = p.first();
        return new PermanenceResponse(p.id(), p.offerId(), first.offerTitle, first.themes(), p.partnerId(), p.placeId(),
                first.placeName, first.placeCommune, first.local(p.start()), first.local(p.end()), first.timeZone(), p.slotIds(),
                p.capacity(), p.confirmed(), p.status(),
                view.staff().stream().map(s -> new StaffMember(s.id, s.personId)).toList(),
                PermanenceViews.REQUIRED_STAFF, view.understaffed(), view.pendingRequests());
    }
}
