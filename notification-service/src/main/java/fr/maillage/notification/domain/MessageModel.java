package fr.maillage.notification.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What a message says, stored with the notification row (JSON) so that it can be rendered at send
 * time without calling another service. Emptied when the receipt is anonymised.
 */
public record MessageModel(UUID bookingId, UUID shiftId, String firstName, String offerTitle, String offerType,
        String placeName, String street, String postalCode, String commune, String placePhone,
        OffsetDateTime start, OffsetDateTime end, OffsetDateTime previousStart, String cancelReason,
        String selfServiceUrl, String icsUrl) {
}
