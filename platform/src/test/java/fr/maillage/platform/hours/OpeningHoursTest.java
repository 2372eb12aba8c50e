package fr.maillage.platform.hours;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

class OpeningHoursTest {
    // 2026-12-01 is a Tuesday
    static LocalDateTime tue(int h, int m) {
        return LocalDateTime.of(2026, 12, 1, h, m);
    }

    @Test
    void parsesTheStandardsExampleAndRefusesProse() {
        assertNull(OpeningHours.problem("Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00"));
        assertNotNull(OpeningHours.problem("du lundi au vendredi de 9h à 12h"));
        assertNotNull(OpeningHours.problem("Mo-Fr 25:00-26:00x"));
    }

    @Test
    void evaluatesWeekdaysSpansAndOverrides() {
        String hours = "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00; Tu off";
        assertFalse(OpeningHours.isOpenAt(hours, tue(10, 0)), "Tuesday is closed by the later rule");
        assertTrue(OpeningHours.isOpenAt(hours, tue(10, 0).plusDays(1)));
        assertFalse(OpeningHours.isOpenAt(hours, tue(12, 0).plusDays(1)), "end is exclusive");
        assertTrue(OpeningHours.isOpenAt(hours, tue(14, 0).plusDays(1)));
        assertTrue(OpeningHours.isOpenAt(hours, tue(8, 30).plusDays(4)), "Saturday morning");
        assertFalse(OpeningHours.isOpenAt(hours, tue(10, 0).plusDays(5)), "Sunday");
    }

    @Test
    void evaluatesSpansPastMidnightAnd247() {
        assertTrue(OpeningHours.isOpenAt("Fr 22:00-26:00", tue(1, 0).plusDays(4)), "Saturday 01:00 belongs to Friday's span");
        assertFalse(OpeningHours.isOpenAt("Fr 22:00-26:00", tue(3, 0).plusDays(4)));
        assertTrue(OpeningHours.isOpenAt("24/7", tue(3, 0)));
        assertFalse(OpeningHours.isOpenAt("n'importe quoi", tue(10, 0)));
    }

    @Test
    void evaluatesPublicHolidaysAsOsmDoes() {
        LocalDateTime armistice = LocalDateTime.of(2026, 11, 11, 10, 0); // a Wednesday
        LocalDateTime nextDay = armistice.plusDays(1);
        assertTrue(OpeningHours.isOpenAt("Mo-Fr 09:00-12:00", armistice), "a holiday keeps the schedule unless PH is named");
        assertFalse(OpeningHours.isOpenAt("Mo-Fr 09:00-12:00; PH off", armistice));
        assertTrue(OpeningHours.isOpenAt("Mo-Fr 09:00-12:00; PH off", nextDay));
        assertFalse(OpeningHours.isOpenAt("Mo-Sa 09:00-12:00; Su,PH off", armistice), "Su,PH: a Sunday or a holiday");
        assertFalse(OpeningHours.isOpenAt("Mo-Fr 09:00-12:00; PH 10:30-11:00", armistice), "PH hours replace the day's");
        assertTrue(OpeningHours.isOpenAt("Mo-Fr 09:00-12:00; PH 10:30-11:00", armistice.withMinute(45)));
        // "PH Tu": a holiday that falls on a Tuesday (14 July 2026), not the Wednesday of 11 November
        String tuesdayHolidays = "Mo-Fr 09:00-12:00; PH Tu 14:00-16:00";
        assertTrue(OpeningHours.isOpenAt(tuesdayHolidays, LocalDateTime.of(2026, 7, 14, 15, 0)));
        assertFalse(OpeningHours.isOpenAt(tuesdayHolidays, LocalDateTime.of(2026, 7, 14, 10, 0)));
        assertTrue(OpeningHours.isOpenAt(tuesdayHolidays, armistice));
        assertFalse(OpeningHours.isOpenAt(tuesdayHolidays, armistice.withHour(15)));
        // the day after a holiday, Easter Monday (computed), school holidays (no calendar: the rule never applies)
        assertFalse(OpeningHours.isOpenAt("Mo-Fr 09:00-12:00; PH +1 day off", nextDay));
        assertTrue(OpeningHours.isOpenAt("Mo-Fr 09:00-12:00; PH +1 day off", armistice));
        assertFalse(OpeningHours.isOpenAt("Mo-Fr 09:00-12:00; PH off", LocalDateTime.of(2027, 3, 29, 10, 0)));
        assertTrue(OpeningHours.isOpenAt("Mo-Fr 09:00-12:00; SH off", tue(10, 0)));
        // a span past midnight from a holiday is cut by "PH off" too: Christmas 2026 is a Friday
        assertFalse(OpeningHours.isOpenAt("Fr 22:00-26:00; PH off", LocalDateTime.of(2026, 12, 26, 1, 0)));
        assertTrue(OpeningHours.isOpenAt("Fr 22:00-26:00; PH off", LocalDateTime.of(2027, 1, 2, 1, 0).plusDays(7)));
    }

    @Test
    void monthsAndDateRangesAreEvaluated() {
        // the example: "Mo-Fr 09:00-12:00; Aug off" was read open in August
        String hours = "Mo-Fr 09:00-12:00; Aug off";
        assertFalse(OpeningHours.isOpenAt(hours, LocalDateTime.of(2027, 8, 10, 10, 0)), "closed in August");
        assertTrue(OpeningHours.isOpenAt(hours, LocalDateTime.of(2027, 7, 30, 10, 0)), "open on the last Friday of July");
        assertTrue(OpeningHours.isOpenAt(hours, LocalDateTime.of(2027, 9, 1, 10, 0)));
        assertFalse(OpeningHours.isOpenAt("Mo-Fr 09:00-12:00; Dec 24-Jan 01 off", LocalDateTime.of(2027, 12, 29, 10, 0)));
        assertTrue(OpeningHours.isOpenAt("Mo-Fr 09:00-12:00; Dec 24-Jan 01 off", LocalDateTime.of(2028, 1, 3, 10, 0)));
        assertTrue(OpeningHours.isOpenAt("Jun-Aug Mo-Fr 10:00-12:00", LocalDateTime.of(2027, 7, 1, 11, 0)));
        assertFalse(OpeningHours.isOpenAt("Jun-Aug Mo-Fr 10:00-12:00", LocalDateTime.of(2027, 9, 1, 11, 0)));
        assertTrue(OpeningHours.isOpenAt("Mo-Fr 09:00-12:00; week 01-53/2 Sa 09:00-12:00", LocalDateTime.of(2027, 1, 9, 10, 0)),
                "Saturday of ISO week 1");
        assertFalse(OpeningHours.isOpenAt("Mo-Fr 09:00-12:00; week 01-53/2 Sa 09:00-12:00", LocalDateTime.of(2027, 1, 16, 10, 0)));
        assertTrue(OpeningHours.isOpenAt("Mo[1] 14:00-16:00", LocalDateTime.of(2027, 2, 1, 15, 0)), "first Monday of February");
        assertFalse(OpeningHours.isOpenAt("Mo[1] 14:00-16:00", LocalDateTime.of(2027, 2, 8, 15, 0)));
        assertTrue(OpeningHours.isOpenAt("2027 Mo-Fr 09:00-12:00", LocalDateTime.of(2027, 2, 8, 10, 0)));
        assertFalse(OpeningHours.isOpenAt("2027 Mo-Fr 09:00-12:00", LocalDateTime.of(2028, 2, 8, 10, 0)));
    }

    @Test
    void publicHolidaysFollowThePlacesDepartement() {
        String hours = "Mo-Fr 09:00-12:00; PH off";
        LocalDateTime goodFriday = LocalDateTime.of(2027, 3, 26, 10, 0);
        LocalDateTime saintStephen = LocalDateTime.of(2025, 12, 26, 10, 0); // a Friday
        LocalDateTime reunionDay = LocalDateTime.of(2027, 12, 20, 10, 0); // a Monday
        assertTrue(OpeningHours.isOpenAt(hours, goodFriday), "metropolitan: Vendredi saint is a working day");
        assertFalse(OpeningHours.isOpenAt(hours, goodFriday, OpeningHours.forDepartement("57")));
        assertFalse(OpeningHours.isOpenAt(hours, saintStephen, OpeningHours.forDepartement("67482")), "an INSEE code");
        assertTrue(OpeningHours.isOpenAt(hours, saintStephen, OpeningHours.forDepartement("54")));
        assertFalse(OpeningHours.isOpenAt(hours, reunionDay, OpeningHours.forDepartement("974")));
        assertTrue(OpeningHours.isOpenAt(hours, reunionDay, OpeningHours.forDepartement("971")));
        assertTrue(OpeningHours.isOpenAt(hours, reunionDay), "no 20 décembre in metropolitan France");
        assertFalse(OpeningHours.isOpenAt(hours, LocalDateTime.of(2027, 5, 27, 10, 0), OpeningHours.forDepartement("97105")));
        assertFalse(OpeningHours.isOpenAt(hours, LocalDateTime.of(2027, 6, 10, 10, 0), OpeningHours.forDepartement("973")));
        assertFalse(OpeningHours.isOpenAt(hours, LocalDateTime.of(2027, 4, 27, 10, 0), OpeningHours.forDepartement("976")));
        assertFalse(OpeningHours.isOpenAt(hours, LocalDateTime.of(2027, 11, 11, 10, 0), OpeningHours.forDepartement(null)));
        assertTrue(OpeningHours.isOpenAt(hours, goodFriday, null), "a null calendar is the metropolitan one");
    }

    @Test
    void schoolHolidaysFollowThePlacesZone() {
        String hours = "Mo-Fr 09:00-12:00; SH off";
        LocalDateTime winterA = LocalDateTime.of(2026, 2, 10, 10, 0); // zone A only (7-22 Feb 2026)
        assertFalse(OpeningHours.isOpenAt(hours, winterA, OpeningHours.forDepartement("69")), "Lyon: zone A");
        assertTrue(OpeningHours.isOpenAt(hours, winterA, OpeningHours.forDepartement("75")), "Paris: zone C");
        assertTrue(OpeningHours.isOpenAt(hours, winterA, OpeningHours.forDepartement("35")), "Rennes: zone B");
        assertTrue(OpeningHours.isOpenAt(hours, winterA), "no zone without a département");
        assertTrue(OpeningHours.isOpenAt("SH Mo-Fr 10:00-12:00", LocalDateTime.of(2026, 3, 2, 11, 0), OpeningHours.forDepartement("92")),
                "zone C's winter holidays (21 Feb - 8 Mar 2026)");
        assertFalse(OpeningHours.isOpenAt("SH Mo-Fr 10:00-12:00", LocalDateTime.of(2026, 3, 2, 11, 0), OpeningHours.forDepartement("13")));
        // the current school year: Noël 2026 (19 Dec - 3 Jan) in every zone
        assertFalse(OpeningHours.isOpenAt(hours, LocalDateTime.of(2026, 12, 21, 10, 0), OpeningHours.forDepartement("57463")));
        assertTrue(OpeningHours.isOpenAt(hours, LocalDateTime.of(2026, 12, 18, 10, 0), OpeningHours.forDepartement("57463")));
    }

    @Test
    void anShRuleIsIgnoredWhereTheSchoolHolidaysAreUnknown() {
        // February 2027 is not held (school-holidays-coverage.csv), nor are Corsica, the DROM, or a place without
        // département: the SH rule is ignored (logged once), neither "closed" nor "open" because of it
        LocalDateTime feb = LocalDateTime.of(2027, 2, 10, 10, 0); // a Wednesday
        for (OpeningHours.Calendar cal : java.util.List.of(OpeningHours.forDepartement("69"), OpeningHours.forDepartement("2A"),
                OpeningHours.forDepartement("974"), OpeningHours.Calendar.METROPOLITAN)) {
            assertTrue(OpeningHours.isOpenAt("Mo-Fr 09:00-12:00; SH off", feb, cal), cal.toString());
            assertFalse(OpeningHours.isOpenAt("SH Mo-Fr 09:00-12:00", feb, cal), cal.toString());
            assertFalse(OpeningHours.isOpenAt("Mo-Fr 14:00-16:00; SH Mo-Fr 09:00-12:00", feb, cal), cal.toString());
        }
    }
}
