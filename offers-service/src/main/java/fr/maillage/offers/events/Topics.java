package fr.maillage.offers.events;

/** The topics offers-service produces (through the platform's outbox) and consumes. */
public final class Topics {
    public static final String OFFERS = "offers.offers.v1";
    public static final String SESSIONS = "offers.sessions.v1";
    public static final String DIRECTORY_PLACES = "directory.places.v1";
    public static final String DIRECTORY_PARTNERS = "directory.partners.v1";
    public static final String BOOKING_SLOTS = "booking.slots.v1";
    /** Issue 20: the territory indicators' read model (territory.TerritoryEventsConsumer). */
    public static final String BOOKING_BOOKINGS = "booking.bookings.v1";
    public static final String BOOKING_REFERRALS = "booking.referrals.v1";

    private Topics() {
    }
}
