package fr.maillage.web.citizen;

import java.time.OffsetDateTime;

import fr.maillage.web.api.Dto;

/**
 * booking-service's rule for "may this session be booked now" ({@code BookingService.checkBookable}), written once in web
 * for the citizen pages ({@code bookedBy} "citizen": the offer page, the self-service « Changer de créneau ») and the desk
 * ({@code "agent"}): not cancelled, not begun, the offer lets that booker book, not later than its minimum delay before
 * the start, not earlier than its maximum days ahead. Same semantics as booking-service: {@code maxDelayDays} is a plain
 * number of days (a start after now + maxDelayDays days is refused, so 0 allows nothing ahead: no "no limit" special
 * case). A slot with no booking rules in the answer is judged on its start only; an answer without
 * {@code allowedBookers} does not restrict who books.
 */
public final class SessionRules {
    public static final String CITIZEN = "citizen";
    public static final String AGENT = "agent";

    private SessionRules() {
    }

    /**
     * The slot may be booked now by {@code bookedBy} ("citizen", "agent"); {@code null}: whoever (the booking window
     * only, for pages that list sessions and decide the « Réserver » link elsewhere).
     */
    public static boolean bookable(Dto.Slot s, String bookedBy, OffsetDateTime now) {
        if (s.start() == null || !now.isBefore(s.start()) || "cancelled".equals(s.status())) {
            return false;
        }
        Dto.BookingRules rules = s.bookingRules();
        if (rules == null) {
            return true;
        }
        if (bookedBy != null && rules.allowedBookers() != null && !rules.allowedBookers().contains(bookedBy)) {
            return false;
        }
        return !now.isAfter(s.start().minusMinutes(rules.minDelayMinutes()))
                && !s.start().isAfter(now.plusDays(rules.maxDelayDays()));
    }
}
