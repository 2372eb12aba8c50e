package fr.maillage.offers.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import fr.maillage.offers.domain.BookingRules;

/**
 * data of offers.sessions.v1 events (META-INF/events/offers.sessions.v1.schema.json). start/end carry the offset of
 * the place's time zone, timeZone its IANA id (issue 21).
 */
public record SessionEventData(UUID id, UUID offerId, UUID partnerId, UUID placeId, OffsetDateTime start,
        OffsetDateTime end, String timeZone, int capacity, String status, String cancelReason, OfferPart offer, PlacePart place,
        List<UUID> staffIds, BookingRules bookingRules) {

    public record OfferPart(String title, String type, List<String> themes) {
    }

    public record PlacePart(String name, String street, String postalCode, String commune, String inseeCode,
            String phone) {
    }
}
