package fr.maillage.offers.domain;

import java.util.List;

/**
 * Per-offer booking rules (anchored on RDV Service Public's defaults, configurable per offer). Delays
 * are relative to the session start.
 */
public record BookingRules(List<String> allowedBookers, int minDelayMinutes, int maxDelayDays, int cancelUntilMinutes,
        int rescheduleUntilMinutes, boolean waitingList, List<Integer> reminderOffsetsMinutes) {

    /** J-2 and H-2. */
    public static final List<Integer> DEFAULT_REMINDERS = List.of(2880, 120);

    public static BookingRules defaults() {
        return new BookingRules(List.of("citizen", "agent", "partner_app"), 120, 60, 240, 1440, true, DEFAULT_REMINDERS);
    }
}
