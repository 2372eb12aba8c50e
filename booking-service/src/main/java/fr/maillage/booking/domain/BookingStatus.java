package fr.maillage.booking.domain;

import java.util.Set;

/** The statuses of booking.bookings.v1, as stored. */
public final class BookingStatus {
    public static final String CONFIRMED = "confirmed";
    public static final String WAITLISTED = "waitlisted";
    public static final String CANCELLED_BY_CITIZEN = "cancelled_by_citizen";
    public static final String CANCELLED_BY_SERVICE = "cancelled_by_service";
    public static final String ATTENDED = "attended";
    public static final String NO_SHOW = "no_show";

    public static final Set<String> ALL = Set.of(CONFIRMED, WAITLISTED, CANCELLED_BY_CITIZEN, CANCELLED_BY_SERVICE,
            ATTENDED, NO_SHOW);
    /** Statuses that hold a seat or a place in the queue. */
    public static final Set<String> ACTIVE = Set.of(CONFIRMED, WAITLISTED);

    private BookingStatus() {
    }
}
