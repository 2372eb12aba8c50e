package fr.maillage.offers.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import fr.maillage.offers.domain.BookingRules;
import fr.maillage.offers.domain.Schedule;

public record OfferResponse(UUID id, UUID partnerId, UUID placeId, List<UUID> placeIds, String title,
        String description, String type, List<String> themes, List<String> publics, String level, String modality,
        OfferRequest.Fees fees, List<String> languages, List<String> accessibility, int capacity,
        int sessionDurationMinutes, List<UUID> staffIds, List<String> servedCommunes, BookingRules bookingRules,
        Schedule schedule, String status, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
