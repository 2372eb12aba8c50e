package fr.maillage.booking.domain;

import java.time.OffsetDateTime;

/**
 * Until when the person may still cancel or move a booking themselves (the offer's delays before the start), for the
 * self-service page and for the messages that must not promise what the page will refuse: {@code cancelUntil} for an
 * active booking of a future, planned slot; {@code rescheduleUntil} only for a confirmed one (a waiting booking does
 * not move). null when not possible at all (the instant may already be past: the caller compares with now).
 */
public record Deadlines(OffsetDateTime cancelUntil, OffsetDateTime rescheduleUntil) {
    public static Deadlines of(Booking booking, Slot slot) {
        boolean active = BookingStatus.ACTIVE.contains(booking.status) && !slot.isCancelled()
                && Times.now().isBefore(slot.start);
        return new Deadlines(active ? Times.paris(slot.start.minusMinutes(slot.cancelUntilMinutes)) : null,
                active && BookingStatus.CONFIRMED.equals(booking.status)
                        ? Times.paris(slot.start.minusMinutes(slot.rescheduleUntilMinutes)) : null);
    }
}
