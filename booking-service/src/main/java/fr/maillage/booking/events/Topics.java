package fr.maillage.booking.events;

/** The topics booking-service produces (contracts in META-INF/events/&lt;topic&gt;.schema.json) and consumes. */
public final class Topics {
    public static final String BOOKINGS = "booking.bookings.v1";
    public static final String SLOTS = "booking.slots.v1";
    public static final String SHIFTS = "booking.shifts.v1";
    /** Issue 18: referrals between structures (ids, need, organisations, outcomes; no name, contact or note). */
    public static final String REFERRALS = "booking.referrals.v1";
    /** Consumed (contract in META-INF/events/consumed/offers.sessions.v1.schema.json). */
    public static final String SESSIONS = "offers.sessions.v1";
    /** Consumed (contract in META-INF/events/consumed/directory.people.v1.schema.json): the read model of people. */
    public static final String PEOPLE = "directory.people.v1";
    /** Consumed (contract in META-INF/events/consumed/directory.partners.v1.schema.json): the targets of referrals. */
    public static final String PARTNERS = "directory.partners.v1";

    private Topics() {
    }
}
