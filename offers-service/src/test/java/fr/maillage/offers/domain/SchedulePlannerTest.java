package fr.maillage.offers.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.problem.Violation;
import org.junit.jupiter.api.Test;

/** Pure planning rules: recurrence, holidays, DST, slot cutting, stable ids, bounds. */
class SchedulePlannerTest {
    private static final UUID OFFER = UUID.fromString("00000000-0000-4000-8000-000000000301");
    private static final UUID PLACE = UUID.fromString("00000000-0000-4000-8000-000000000101");

    private static Instant paris(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(SchedulePlanner.PARIS).toInstant();
    }

    private static Schedule weekly(String rrule, String start, String from, String to, List<LocalDate> exceptions) {
        return new Schedule(List.of(new Schedule.Rule(rrule, LocalDate.parse(start), LocalTime.parse(from), LocalTime.parse(to), null)),
                exceptions, List.of(), null);
    }

    @Test
    void weeklyPermanenceIsCutIntoSlotsAndSkipsBastilleDay() {
        Schedule s = weekly("FREQ=WEEKLY;BYDAY=TU", "2026-07-01", "09:00", "12:00", List.of());
        List<SchedulePlanner.Slot> slots = SchedulePlanner.plan(new SchedulePlanner.Plan(OFFER, OfferType.PERMANENCE_INDIVIDUELLE, 1, 30,
                PLACE, s), paris("2026-07-01T00:00"), paris("2026-07-29T00:00"), 1000);
        // Tuesdays 7, 14 (Fête nationale, skipped), 21, 28 July: 3 days x 6 slots of 30 minutes.
        assertEquals(18, slots.size());
        assertTrue(slots.stream().noneMatch(x -> x.start().toLocalDate().equals(LocalDate.of(2026, 7, 14))));
        assertTrue(slots.stream().allMatch(x -> x.start().getDayOfWeek() == DayOfWeek.TUESDAY));
        assertEquals(ZonedDateTime.of(2026, 7, 7, 9, 0, 0, 0, SchedulePlanner.PARIS), slots.get(0).start());
        assertEquals(ZonedDateTime.of(2026, 7, 7, 9, 30, 0, 0, SchedulePlanner.PARIS), slots.get(0).end());
        assertEquals(ZonedDateTime.of(2026, 7, 7, 11, 30, 0, 0, SchedulePlanner.PARIS), slots.get(5).start());
        assertEquals(1, slots.get(0).capacity());
    }

    @Test
    void holidaysCanBeKeptAndExceptionsAreSkipped() {
        Schedule s = new Schedule(weekly("FREQ=WEEKLY;BYDAY=TU", "2026-07-01", "09:00", "10:00", List.of()).rules(),
                List.of(LocalDate.of(2026, 7, 21)), List.of(), false);
        List<SchedulePlanner.Slot> slots = SchedulePlanner.plan(new SchedulePlanner.Plan(OFFER, OfferType.ATELIER_COLLECTIF, 8, 60,
                PLACE, s), paris("2026-07-01T00:00"), paris("2026-07-29T00:00"), 1000);
        assertEquals(List.of(LocalDate.of(2026, 7, 7), LocalDate.of(2026, 7, 14), LocalDate.of(2026, 7, 28)),
                slots.stream().map(x -> x.start().toLocalDate()).toList());
        assertEquals(8, slots.get(0).capacity());
    }

    @Test
    void easterMondayComputedByTheLibraryIsSkipped() {
        // Easter 2027 is on 28 March: Monday 29 March 2027 is a public holiday.
        Schedule s = weekly("FREQ=WEEKLY;BYDAY=MO", "2027-03-01", "14:00", "16:00", List.of());
        List<LocalDate> days = SchedulePlanner.plan(new SchedulePlanner.Plan(OFFER, OfferType.ATELIER_COLLECTIF, 6, 120, PLACE, s),
                paris("2027-03-20T00:00"), paris("2027-04-10T00:00"), 1000).stream().map(x -> x.start().toLocalDate()).toList();
        assertEquals(List.of(LocalDate.of(2027, 3, 22), LocalDate.of(2027, 4, 5)), days);
    }

    @Test
    void localTimeIsKeptAcrossDaylightSavingChange() {
        // Clocks go back on 25 October 2026: 9:00 stays 9:00 in Paris, the UTC offset changes.
        Schedule s = weekly("FREQ=WEEKLY;BYDAY=TU", "2026-10-01", "09:00", "10:00", List.of());
        List<SchedulePlanner.Slot> slots = SchedulePlanner.plan(new SchedulePlanner.Plan(OFFER, OfferType.FORMATION, 10, 60, PLACE, s),
                paris("2026-10-19T00:00"), paris("2026-11-01T00:00"), 1000);
        assertEquals(2, slots.size());
        assertEquals("2026-10-20T09:00+02:00", slots.get(0).start().toOffsetDateTime().toString());
        assertEquals("2026-10-27T09:00+01:00", slots.get(1).start().toOffsetDateTime().toString());
    }

    @Test
    void monthlyFirstSaturdayAndOneOffDatesAtAnotherPlace() {
        UUID other = UUID.randomUUID();
        Schedule s = new Schedule(List.of(new Schedule.Rule("FREQ=MONTHLY;BYDAY=1SA", LocalDate.parse("2026-01-01"),
                LocalTime.parse("10:00"), LocalTime.parse("12:00"), null)), List.of(),
                List.of(new Schedule.OneOff(LocalDate.parse("2026-12-16"), LocalTime.parse("14:00"), LocalTime.parse("16:00"), other)), null);
        List<SchedulePlanner.Slot> slots = SchedulePlanner.plan(new SchedulePlanner.Plan(OFFER, OfferType.ATELIER_COLLECTIF, 8, 120,
                PLACE, s), paris("2026-11-26T00:00"), paris("2027-02-01T00:00"), 1000);
        assertEquals(List.of("2026-12-05", "2026-12-16", "2027-01-02"), slots.stream().map(x -> x.start().toLocalDate().toString()).toList());
        assertEquals(other, slots.get(1).placeId());
        assertEquals(PLACE, slots.get(0).placeId());
    }

    @Test
    void idsAreStableAcrossPlansAndDifferPerStart() {
        Schedule s = weekly("FREQ=WEEKLY;BYDAY=TU", "2026-07-01", "09:00", "12:00", List.of());
        SchedulePlanner.Plan plan = new SchedulePlanner.Plan(OFFER, OfferType.PERMANENCE_INDIVIDUELLE, 1, 30, PLACE, s);
        List<UUID> a = SchedulePlanner.plan(plan, paris("2026-07-01T00:00"), paris("2026-08-01T00:00"), 1000).stream().map(SchedulePlanner.Slot::id).toList();
        // Planned again from later on: the common slots keep their ids.
        List<UUID> b = SchedulePlanner.plan(plan, paris("2026-07-20T00:00"), paris("2026-08-15T00:00"), 1000).stream().map(SchedulePlanner.Slot::id).toList();
        assertTrue(a.containsAll(b.subList(0, 12)));
        assertEquals(a.size(), a.stream().distinct().count());
        assertEquals(5, Uuids.v5(Uuids.NAMESPACE, "x").version());
    }

    @Test
    void tooManySessionsAreRefused() {
        Schedule s = weekly("FREQ=DAILY", "2026-07-01", "08:00", "20:00", List.of());
        Problem e = assertThrows(Problem.class, () -> SchedulePlanner.plan(new SchedulePlanner.Plan(OFFER,
                OfferType.PERMANENCE_INDIVIDUELLE, 1, 5, PLACE, s), paris("2026-07-01T00:00"), paris("2026-10-01T00:00"), 3000));
        assertEquals("schedule", e.violations().get(0).field());
    }

    @Test
    void validationNamesEachBrokenField() {
        Schedule s = new Schedule(List.of(
                new Schedule.Rule("FREQ=SOMETIMES", LocalDate.parse("2026-07-01"), LocalTime.parse("09:00"), LocalTime.parse("12:00"), null),
                new Schedule.Rule("FREQ=WEEKLY", LocalDate.parse("2026-07-01"), LocalTime.parse("12:00"), LocalTime.parse("09:00"), null),
                new Schedule.Rule("FREQ=HOURLY", LocalDate.parse("2030-07-01"), LocalTime.parse("09:00"), LocalTime.parse("09:10"), null),
                new Schedule.Rule("FREQ=WEEKLY;UNTIL=20300101T000000Z", LocalDate.parse("2026-07-01"), LocalTime.parse("09:00"), LocalTime.parse("10:00"), null)),
                List.of(), List.of(new Schedule.OneOff(null, LocalTime.parse("09:00"), LocalTime.parse("10:00"), null)), null);
        List<String> fields = SchedulePlanner.validate(s, OfferType.PERMANENCE_INDIVIDUELLE, 30, LocalDate.parse("2028-07-01"))
                .stream().map(Violation::field).toList();
        assertEquals(List.of("schedule.rules[0].rrule", "schedule.rules[1].endTime", "schedule.rules[2].rrule",
                "schedule.rules[2].startDate", "schedule.rules[2].endTime", "schedule.rules[3].rrule", "schedule.oneOffs[0].date"), fields);
        assertFalse(SchedulePlanner.validate(weekly("FREQ=WEEKLY;BYDAY=TU", "2026-07-01", "09:00", "12:00", List.of()),
                OfferType.PERMANENCE_INDIVIDUELLE, 30, LocalDate.parse("2028-07-01")).iterator().hasNext());
    }

    /**
     * Issue 21: each rule is expanded in the zone of its own place — 09:00 in Saint-Denis (974) is 09:00+04:00, 09:00 in
     * Cayenne (973) 09:00-03:00 — and an itinerant offer mixing both keeps each at its local 09:00.
     */
    @Test
    void rulesArePlannedInTheZoneOfTheirPlace() {
        UUID cayenne = UUID.fromString("00000000-0000-4000-8000-000000000973");
        Schedule s = new Schedule(List.of(
                new Schedule.Rule("FREQ=WEEKLY;BYDAY=TU", LocalDate.parse("2027-01-05"), LocalTime.of(9, 0), LocalTime.of(10, 0), null),
                new Schedule.Rule("FREQ=WEEKLY;BYDAY=WE", LocalDate.parse("2027-01-06"), LocalTime.of(9, 0), LocalTime.of(10, 0), cayenne)),
                List.of(), List.of(new Schedule.OneOff(LocalDate.parse("2027-01-08"), LocalTime.of(9, 0), LocalTime.of(10, 0), null)),
                false);
        java.util.Map<UUID, String> insee = java.util.Map.of(PLACE, "97411", cayenne, "97302");
        List<SchedulePlanner.Slot> slots = SchedulePlanner.plan(new SchedulePlanner.Plan(OFFER, OfferType.ATELIER_COLLECTIF, 8, 60,
                PLACE, s, insee::get), paris("2027-01-04T00:00"), paris("2027-01-09T00:00"), 1000);
        assertEquals(List.of("2027-01-05T09:00+04:00", "2027-01-06T09:00-03:00", "2027-01-08T09:00+04:00"),
                slots.stream().map(x -> x.start().toOffsetDateTime().toString()).toList());
        assertEquals(List.of(PLACE, cayenne, PLACE), slots.stream().map(SchedulePlanner.Slot::placeId).toList());
        // without a known commune: Europe/Paris, as before
        List<SchedulePlanner.Slot> paris = SchedulePlanner.plan(new SchedulePlanner.Plan(OFFER, OfferType.ATELIER_COLLECTIF, 8, 60,
                PLACE, s, id -> null), paris("2027-01-04T00:00"), paris("2027-01-09T00:00"), 1000);
        assertEquals("2027-01-05T09:00+01:00", paris.get(0).start().toOffsetDateTime().toString());
    }

    @Test
    void aDateUntilKeepsEveryOccurrenceOnItsWeekdayWestOfGreenwich() {
        // UNTIL as a DATE makes the rule all-day in the recurrence library: its instants are UTC midnights, which read in
        // Guadeloupe or Cayenne fell on the Thursday before each Friday (and lost the last one)
        Schedule s = new Schedule(List.of(new Schedule.Rule("FREQ=WEEKLY;BYDAY=FR;UNTIL=20270115", LocalDate.parse("2027-01-01"),
                LocalTime.of(9, 0), LocalTime.of(10, 0), null)), List.of(), List.of(), false);
        for (String insee : List.of("97105", "97209", "97302", "97411", "97611", "80212")) {
            List<SchedulePlanner.Slot> slots = SchedulePlanner.plan(new SchedulePlanner.Plan(OFFER, OfferType.ATELIER_COLLECTIF, 8, 60,
                    PLACE, s, id -> insee), paris("2026-12-30T00:00"), paris("2027-01-20T00:00"), 1000);
            assertEquals(List.of("2027-01-01T09:00", "2027-01-08T09:00", "2027-01-15T09:00"),
                    slots.stream().map(x -> x.start().toLocalDateTime().toString()).toList(), insee);
        }
    }
}
