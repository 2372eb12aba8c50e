package fr.maillage.offers.events;

import java.util.List;
import java.util.UUID;

import fr.maillage.offers.domain.BookingRules;

/** data of offers.offers.v1 events: the offer snapshot after the change (META-INF/events/offers.offers.v1.schema.json). */
public record OfferEventData(UUID id, UUID partnerId, UUID placeId, List<UUID> placeIds, String title, String type,
        List<String> themes, List<String> publics, String modality, String status, int capacity,
        int sessionDurationMinutes, List<String> servedCommunes, List<UUID> staffIds, BookingRules bookingRules) {
}
