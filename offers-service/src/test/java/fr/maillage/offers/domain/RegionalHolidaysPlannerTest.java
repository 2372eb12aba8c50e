package fr.maillage.offers.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 2: a schedule skipping public holidays skips those of its PLACE's département (platform
 * PublicHolidays): Alsace-Moselle's Vendredi saint and 26 décembre, each DROM's abolition of slavery day; metropolitan
 * places keep those days. One table per territory: 57, 67, 68, 971, 972, 973, 974, 976 and a metropolitan place.
 */
class RegionalHolidaysPlannerTest {
    private static final UUID OFFER = UUID.fromString("00000000-0000-4000-8000-000000002101");
    private static final UUID PLACE = UUID.fromString("00000000-0000-4000-8000-000000002102");

    /** The days of a daily 10:00-11:00 schedule from {@code first} to {@code last} at a place of {@code insee}. */
    private static List<LocalDate> days(String insee, LocalDate first, LocalDate last) {
        Schedule s = new Schedule(List.of(new Schedule.Rule("FREQ=DAILY;COUNT=" + (last.toEpochDay() - first.toEpochDay() + 1), first,
                LocalTime.of(10, 0), LocalTime.of(11, 0), null)), List.of(), List.of(), true);
        Map<UUID, String> insees = Map.of(PLACE, insee);
        SchedulePlanner.Plan plan = new SchedulePlanner.Plan(OFFER, OfferType.ATELIER_COLLECTIF, 5, 60, PLACE, s, insees::get);
        ZoneId zone = plan.zoneOf(PLACE);
        return SchedulePlanner.plan(plan, first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant(),
                1000).stream().map(x -> x.start().toLocalDate()).toList();
    }

    private static List<LocalDate> around(LocalDate holiday, boolean skipped) {
        return skipped ? List.of(holiday.minusDays(1), holiday.plusDays(1))
                : List.of(holiday.minusDays(1), holiday, holiday.plusDays(1));
    }

    @Test
    void alsaceMoselleSkipsGoodFridayAndSaintStephen() {
        LocalDate goodFriday = LocalDate.of(2027, 3, 26);
        LocalDate saintStephen = LocalDate.of(2027, 12, 26);
        for (String insee : List.of("57463", "67482", "68224")) {
            assertEquals(around(goodFriday, true), days(insee, goodFriday.minusDays(1), goodFriday.plusDays(1)), insee);
            // 25 décembre is skipped everywhere, 26 décembre only in Alsace-Moselle
            assertEquals(List.of(saintStephen.plusDays(1)), days(insee, saintStephen.minusDays(1), saintStephen.plusDays(1)), insee);
        }
        for (String insee : List.of("80212", "54395", "75056")) {
            assertEquals(around(goodFriday, false), days(insee, goodFriday.minusDays(1), goodFriday.plusDays(1)), insee);
            assertEquals(List.of(saintStephen, saintStephen.plusDays(1)),
                    days(insee, saintStephen.minusDays(1), saintStephen.plusDays(1)), insee);
        }
    }

    @Test
    void eachOverseasDepartementSkipsItsAbolitionDay() {
        Map<String, LocalDate> days = Map.of("97105", LocalDate.of(2027, 5, 27), "97209", LocalDate.of(2027, 5, 22),
                "97302", LocalDate.of(2027, 6, 10), "97411", LocalDate.of(2027, 12, 20), "97611", LocalDate.of(2027, 4, 27));
        days.forEach((insee, day) -> {
            assertEquals(around(day, true), days(insee, day.minusDays(1), day.plusDays(1)), insee + " on " + day);
            assertEquals(around(day, false), days("80212", day.minusDays(1), day.plusDays(1)), "metropolitan on " + day);
        });
        // Réunion's day is not Martinique's
        assertEquals(around(LocalDate.of(2027, 5, 22), false), days("97411", LocalDate.of(2027, 5, 21), LocalDate.of(2027, 5, 23)));
    }

    @Test
    void nationalDaysStaySkippedEverywhere() {
        LocalDate bastille = LocalDate.of(2027, 7, 14);
        for (String insee : List.of("80212", "57463", "97411", "97611", "97302")) {
            assertEquals(around(bastille, true), days(insee, bastille.minusDays(1), bastille.plusDays(1)), insee);
        }
    }
}
