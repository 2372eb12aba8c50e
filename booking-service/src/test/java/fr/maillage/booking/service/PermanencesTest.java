package fr.maillage.booking.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.service.Permanences.Permanence;

/** The grouping of slots into permanences, without a database. */
class PermanencesTest {
    private static final UUID OFFER = UUID.randomUUID();
    private static final UUID PLACE = UUID.randomUUID();
    private static final OffsetDateTime NINE = OffsetDateTime.of(2027, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(1));

    @Test
    void contiguous_slots_of_one_offer_at_one_place_make_one_permanence() {
        Slot a = slot(OFFER, PLACE, NINE, 30);
        Slot b = slot(OFFER, PLACE, NINE.plusMinutes(30), 30);
        Slot c = slot(OFFER, PLACE, NINE.plusMinutes(60), 30);
        Slot d = slot(OFFER, PLACE, NINE.plusMinutes(90), 30);
        List<Permanence> found = Permanences.group(List.of(d, b, a, c));
        assertEquals(1, found.size());
        Permanence p = found.get(0);
        assertEquals(a.id, p.id());
        assertEquals(NINE, p.start());
        assertEquals(NINE.plusHours(2), p.end());
        assertEquals(List.of(a.id, b.id, c.id, d.id), p.slotIds());
        assertEquals(12, p.capacity());
        assertEquals(Permanences.PLANNED, p.status());
    }

    @Test
    void a_gap_another_offer_another_place_or_another_day_starts_another_permanence() {
        Slot a = slot(OFFER, PLACE, NINE, 30);
        Slot gap = slot(OFFER, PLACE, NINE.plusMinutes(45), 30);
        Slot otherOffer = slot(UUID.randomUUID(), PLACE, NINE.plusMinutes(30), 30);
        Slot otherPlace = slot(OFFER, UUID.randomUUID(), NINE.plusMinutes(30), 30);
        // 23:30-00:00 then 00:00-00:30 local: contiguous, but not the same day
        Slot late = slot(OFFER, PLACE, NINE.withHour(23).withMinute(30), 30);
        Slot nextDay = slot(OFFER, PLACE, NINE.plusDays(1).withHour(0), 30);
        List<Permanence> found = Permanences.group(List.of(a, gap, otherOffer, otherPlace, late, nextDay));
        assertEquals(6, found.size());
        assertEquals(a.id, found.get(0).id());
    }

    @Test
    void status_is_cancelled_when_every_slot_is_and_closed_when_every_remaining_slot_is() {
        Slot a = slot(OFFER, PLACE, NINE, 30);
        Slot b = slot(OFFER, PLACE, NINE.plusMinutes(30), 30);
        a.status = Slot.CANCELLED;
        assertEquals(Permanences.PLANNED, Permanences.group(List.of(a, b)).get(0).status());
        b.closureId = UUID.randomUUID();
        assertEquals(Permanences.CLOSED, Permanences.group(List.of(a, b)).get(0).status());
        b.status = Slot.CANCELLED;
        assertEquals(Permanences.CANCELLED, Permanences.group(List.of(a, b)).get(0).status());
    }

    static Slot slot(UUID offer, UUID place, OffsetDateTime start, int minutes) {
        Slot slot = new Slot();
        slot.id = UUID.randomUUID();
        slot.offerId = offer;
        slot.placeId = place;
        slot.partnerId = UUID.randomUUID();
        slot.start = start;
        slot.end = start.plusMinutes(minutes);
        slot.capacity = 3;
        slot.status = Slot.PLANNED;
        return slot;
    }
}
