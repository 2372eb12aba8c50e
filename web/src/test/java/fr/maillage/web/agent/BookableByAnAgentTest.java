package fr.maillage.web.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.web.api.Dto;

/** The desk offers only sessions booking-service would accept from an agent (its checkBookable rules). */
class BookableByAnAgentTest {
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-07T10:00:00+01:00");

    static Dto.Slot slot(OffsetDateTime start, List<String> bookers, int minDelayMinutes, int maxDelayDays) {
        return new Dto.Slot(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), start, start.plusHours(1),
                1, 0, 1, 0, "planned", null, null, null,
                new Dto.BookingRules(bookers, minDelayMinutes, maxDelayDays, 240, 1440, true));
    }

    @Test
    void agentsOnlyWithinTheOffersBookingWindow() {
        assertTrue(DeskBookingPages.bookableByAnAgent(slot(NOW.plusDays(1), List.of("citizen", "agent"), 120, 60), NOW));
        assertFalse(DeskBookingPages.bookableByAnAgent(slot(NOW.plusDays(1), List.of("citizen", "partner_app"), 120, 60), NOW),
                "the offer is not booked by agents");
        assertFalse(DeskBookingPages.bookableByAnAgent(slot(NOW.plusMinutes(90), List.of("agent"), 120, 60), NOW),
                "closer than the minimum delay");
        assertFalse(DeskBookingPages.bookableByAnAgent(slot(NOW.plusDays(61), List.of("agent"), 120, 60), NOW),
                "beyond the booking window");
        assertFalse(DeskBookingPages.bookableByAnAgent(slot(NOW.minusMinutes(1), List.of("agent"), 0, 60), NOW), "begun");
        assertTrue(DeskBookingPages.bookableByAnAgent(slot(NOW.plusMinutes(5), List.of("agent"), 0, 0), NOW));
    }
}
