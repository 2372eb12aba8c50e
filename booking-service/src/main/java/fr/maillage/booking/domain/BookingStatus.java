package fr.maillage.booking.domain;

import java.util.Set;

/** The statuses of booking.bookings.v1, as stored. */
public final class BookingStatus {
    public static final String CONFIRMED = "confirmed";
    public static final String WAITLISTED = "waitlisted";
    /** Waiting for the code sent to the person (verification "code"): holds its seat or place in the queue. */
    public static final String PENDING = "pending";
    /** A pending booking whose hold ended, or whose code was mistyped too often: its seat or place was given back. */
    public static final String EXPIRED = "expired";
    public static final String CANCELLED_BY_CITIZEN = "cancelled_by_citizen";
    public static final String CANCELLED_BY_SERVICE = "cancelled_by_service";
    public static final String ATTENDED = "attended";
    public static final String NO_SHOW = "no_show";

    public static final Set<String> ALL = Set.of(CONFIRMED, WAITLISTED, PENDING, EXPIRED, CANCELLED_BY_CITIZEN,
            CANCELLED_BY_SERVICE, ATTENDED, NO_SHOW);
    /**
     * Statuses that hold a seat or a place in the queue and may be changed (cancelled, moved). A pending booking holds
     * one too (see {@link #HOLDING}) but only its code turns it into one of these.
     */
    public static final Set<String> ACTIVE = Set.of(CONFIRMED, WAITLISTED);
    /** Statuses counted in the slot's counters (confirmed or waitlisted). */
    public static final Set<String> HOLDING = Set.of(CONFIRMED, WAITLISTED, PENDING);

    private BookingStatus() {
    }
}
