package fr.maillage.web.citizen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.web.api.Dto;

/**
 * One rule for the citizen pages and the desk: the sessions booking-service would accept (its checkBookable), for the
 * one who books (review §11: the desk's copy took maxDelayDays <= 0 as "no limit", booking-service does not).
 */
class SessionRulesTest {
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-07T10:00:00+01:00");

    static Dto.Slot slot(OffsetDateTime start, List<String> bookers, int minDelayMinutes, int maxDelayDays) {
        return slot(start, bookers, minDelayMinutes, maxDelayDays, "planned");
    }

    static Dto.Slot slot(OffsetDateTime start, List<String> bookers, int minDelayMinutes, int maxDelayDays, String status) {
        return new Dto.Slot(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), start, start.plusHours(1),
                1, 0, 1, 0, status, null, null, null,
                new Dto.BookingRules(bookers, minDelayMinutes, maxDelayDays, 240, 1440, true), null);
    }

    @Test
    void agentsOnlyWithinTheOffersBookingWindow() {
        String agent = SessionRules.AGENT;
        assertTrue(SessionRules.bookable(slot(NOW.plusDays(1), List.of("citizen", "agent"), 120, 60), agent, NOW));
        assertFalse(SessionRules.bookable(slot(NOW.plusDays(1), List.of("citizen", "partner_app"), 120, 60), agent, NOW),
                "the offer is not booked by agents");
        assertFalse(SessionRules.bookable(slot(NOW.plusMinutes(90), List.of("agent"), 120, 60), agent, NOW),
                "closer than the minimum delay");
        assertFalse(SessionRules.bookable(slot(NOW.plusDays(61), List.of("agent"), 120, 60), agent, NOW),
                "beyond the booking window");
        assertFalse(SessionRules.bookable(slot(NOW.minusMinutes(1), List.of("agent"), 0, 60), agent, NOW), "begun");
        assertFalse(SessionRules.bookable(slot(NOW, List.of("agent"), 0, 60), agent, NOW), "beginning now");
        assertFalse(SessionRules.bookable(slot(NOW.plusDays(1), List.of("agent"), 0, 60, "cancelled"), agent, NOW), "cancelled");
    }

    @Test
    void maxDelayDaysZeroIsNotNoLimitAsInBookingService() {
        // booking-service refuses a start after now + maxDelayDays days: with 0, nothing ahead can be booked
        assertFalse(SessionRules.bookable(slot(NOW.plusMinutes(5), List.of("agent"), 0, 0), SessionRules.AGENT, NOW));
        assertFalse(SessionRules.bookable(slot(NOW.plusDays(1).plusMinutes(5), List.of("agent"), 0, 0), SessionRules.AGENT, NOW),
                "0 is not « no limit »");
        assertTrue(SessionRules.bookable(slot(NOW.plusMinutes(5), List.of("agent"), 0, 1), SessionRules.AGENT, NOW));
        assertFalse(SessionRules.bookable(slot(NOW.plusDays(3), List.of("citizen", "agent"), 0, 0), SessionRules.CITIZEN, NOW));
    }

    @Test
    void citizensByTheSameRule() {
        assertTrue(SessionRules.bookable(slot(NOW.plusDays(1), List.of("citizen"), 120, 60), SessionRules.CITIZEN, NOW));
        assertFalse(SessionRules.bookable(slot(NOW.plusDays(1), List.of("agent"), 120, 60), SessionRules.CITIZEN, NOW),
                "agents only");
        assertFalse(SessionRules.bookable(slot(NOW.plusMinutes(90), List.of("citizen"), 120, 60), SessionRules.CITIZEN, NOW));
        assertFalse(SessionRules.bookable(slot(NOW.plusDays(61), List.of("citizen"), 120, 60), SessionRules.CITIZEN, NOW));
        // null: whoever books, the window only (the offer page lists sessions and decides its links from the offer)
        assertTrue(SessionRules.bookable(slot(NOW.plusDays(1), List.of("agent"), 120, 60), null, NOW));
    }
}
