package fr.maillage.notification.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The parts of consumed events this service relies on (the contract's fields; extra ones ignored). */
public final class ConsumedEvents {
    private ConsumedEvents() {
    }

    public record Envelope<T>(UUID eventId, String type, OffsetDateTime occurredAt, UUID aggregateId, long version,
            T data) {
    }

    public record BookingPerson(String firstName, String phone, String email, boolean smsConsent,
            boolean emailConsent) {
    }

    public record Offer(String title, String type) {
    }

    public record Place(String name, String street, String postalCode, String commune, String phone) {
    }

    public record Booking(UUID id, UUID slotId, UUID offerId, UUID placeId, String status, OffsetDateTime start,
            OffsetDateTime end, OffsetDateTime previousStart, String cancelReason, String bookedBy,
            BookingPerson person, Offer offer, Place place, List<Integer> reminderOffsetsMinutes,
            String selfServiceUrl, String icsUrl, UUID bookerOrg, UUID partnerId) {
    }

    public record Shift(UUID id, UUID personId, UUID slotId, UUID offerId, OffsetDateTime start, OffsetDateTime end,
            String status, Offer offer, Place place) {
    }

    public record Person(UUID id, String role, String firstName, String lastName, String phone, String email,
            boolean notifySms, boolean notifyEmail, List<UUID> placeIds, UUID partnerId, boolean deleted) {
    }
}
