package fr.maillage.booking.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.booking.domain.Slot;

@Schema(description = "Un créneau réservable (une séance d'une offre), horaires à l'heure locale du lieu (décalage de son "
        + "fuseau, timeZone)")
public record SlotResponse(UUID id, UUID offerId, UUID partnerId, UUID placeId,
        @Schema(example = "2027-01-12T09:00:00+04:00") OffsetDateTime start,
        @Schema(example = "2027-01-12T09:30:00+04:00") OffsetDateTime end,
        @Schema(description = "Fuseau horaire IANA du lieu (issue 21), déduit de sa commune ; Europe/Paris en métropole",
                example = "Indian/Reunion") String timeZone,
        int capacity, int confirmed, int remaining, int waitlisted,
        @Schema(enumeration = { "planned", "cancelled" }) String status, String cancelReason, Offer offer, Place place,
        List<UUID> staffIds, BookingRules bookingRules,
        @Schema(description = "Issue 19 : fermé par une absence ou une fermeture du lieu (plus réservable, même planned)")
        boolean closed,
        @Schema(description = "Pourquoi il est fermé (en français), null s'il est ouvert") String closedReason) {

    public record Offer(String title, String type, List<String> themes) {
    }

    public record Place(String name, String street, String postalCode, String commune, String inseeCode, String phone) {
    }

    public record BookingRules(List<String> allowedBookers, int minDelayMinutes, int maxDelayDays, int cancelUntilMinutes,
            int rescheduleUntilMinutes, boolean waitingList, List<Integer> reminderOffsetsMinutes) {
    }

    public static SlotResponse of(Slot s) {
        return new SlotResponse(s.id, s.offerId, s.partnerId, s.placeId, s.local(s.start), s.local(s.end), s.timeZone(),
                s.capacity, s.confirmed, s.remaining(), s.waitlisted, s.status, s.cancelReason,
                new Offer(s.offerTitle, s.offerType, s.themes()),
                new Place(s.placeName, s.placeStreet, s.placePostalCode, s.placeCommune, s.placeInseeCode, s.placePhone),
                s.staffIdList(), new BookingRules(s.allowedBookerList(), s.minDelayMinutes, s.maxDelayDays,
                        s.cancelUntilMinutes, s.rescheduleUntilMinutes, s.waitingList, s.reminderOffsetList()),
                s.isClosed(), s.closureReason);
    }
}
