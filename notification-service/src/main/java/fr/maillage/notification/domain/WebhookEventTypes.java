package fr.maillage.notification.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event types a partner may subscribe to, and which Kafka event each one comes from. Only
 * events that exist upstream are offered: booking.bookings.v1 (BookingConfirmed, BookingCancelled,
 * BookingRescheduled, BookingPromoted = a waiting-list place turned into a booking), offers.offers.v1
 * (OfferPublished / OfferUpdated / OfferSuspended / OfferArchived; a draft's OfferCreated is not a
 * change anyone outside sees) and offers.sessions.v1 (SessionCancelled).
 */
public final class WebhookEventTypes {
    private WebhookEventTypes() {
    }

    public static final String BOOKING_CONFIRMED = "booking.confirmed";
    public static final String BOOKING_CANCELLED = "booking.cancelled";
    public static final String BOOKING_RESCHEDULED = "booking.rescheduled";
    public static final String WAITLIST_PROMOTED = "waitlist.promoted";
    public static final String OFFER_CHANGED = "offer.changed";
    public static final String SESSION_CANCELLED = "session.cancelled";

    /** Webhook type → what it says, in the order the API documents them. */
    public static final Map<String, String> ALL;
    static {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(BOOKING_CONFIRMED, "rendez-vous confirmé (booking.bookings.v1 BookingConfirmed)");
        all.put(BOOKING_CANCELLED, "rendez-vous annulé par la personne ou par le service (BookingCancelled)");
        all.put(BOOKING_RESCHEDULED, "rendez-vous déplacé (BookingRescheduled)");
        all.put(WAITLIST_PROMOTED, "place libérée attribuée à une personne de la liste d'attente (BookingPromoted)");
        all.put(OFFER_CHANGED, "offre publiée, modifiée, suspendue ou archivée (offers.offers.v1)");
        all.put(SESSION_CANCELLED, "séance annulée (offers.sessions.v1 SessionCancelled)");
        ALL = java.util.Collections.unmodifiableMap(all);
    }

    public static final List<String> NAMES = List.copyOf(ALL.keySet());

    public static Optional<String> ofBooking(String kafkaType) {
        return Optional.ofNullable(switch (kafkaType) {
            case "BookingConfirmed" -> BOOKING_CONFIRMED;
            case "BookingCancelled" -> BOOKING_CANCELLED;
            case "BookingRescheduled" -> BOOKING_RESCHEDULED;
            case "BookingPromoted" -> WAITLIST_PROMOTED;
            default -> null;
        });
    }

    /** @return the change ("published", "updated"...) an offers.offers.v1 event type stands for, if any. */
    public static Optional<String> offerChange(String kafkaType) {
        return Optional.ofNullable(switch (kafkaType) {
            case "OfferPublished" -> "published";
            case "OfferUpdated" -> "updated";
            case "OfferSuspended" -> "suspended";
            case "OfferArchived" -> "archived";
            default -> null;
        });
    }

    public static Optional<String> ofSession(String kafkaType) {
        return "SessionCancelled".equals(kafkaType) ? Optional.of(SESSION_CANCELLED) : Optional.empty();
    }
}
