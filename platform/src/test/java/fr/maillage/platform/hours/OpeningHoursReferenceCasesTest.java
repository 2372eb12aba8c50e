package fr.maillage.platform.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Cases taken from the reference implementations' test suites, with their expected answers unchanged:
 * <ul>
 * <li>opening_hours.js (github.com/opening-hours/opening_hours.js, test/test.mjs, commit e041cdf of 2026-08-20):
 * "Week ranges", "Month ranges", "Monthday ranges", "Monthday ranges with constrained weekday", "variable events
 * e.g. easter", "Time intervals" — each value is swept hour by hour (and half hour) over the test's window and must be open exactly in
 * the intervals the test lists. Only values ch.poole's strict parser accepts are kept.</li>
 * <li>io.leonard opening-hours-evaluator (github.com/leonardehrenfried/opening-hours-evaluator,
 * src/test/resources/open.csv and closed.csv, commit 71ca3f0).</li>
 * </ul>
 */
class OpeningHoursReferenceCasesTest {
    private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm");

    /** One opening_hours.js case: values, window [from, to), open intervals "start/end;start/end". */
    private static void sweep(List<String> values, String from, String to, String... intervals) {
        List<LocalDateTime[]> open = new ArrayList<>();
        for (String i : intervals) {
            String[] p = i.split("/");
            open.add(new LocalDateTime[] {LocalDateTime.parse(p[0], F), LocalDateTime.parse(p[1], F)});
        }
        for (String value : values) {
            assertNull(OpeningHours.problem(value), value);
            for (LocalDateTime t = LocalDateTime.parse(from, F); t.isBefore(LocalDateTime.parse(to, F)); t = t.plusMinutes(30)) {
                LocalDateTime at = t;
                boolean expected = open.stream().anyMatch(o -> !at.isBefore(o[0]) && at.isBefore(o[1]));
                assertEquals(expected, OpeningHours.isOpenAt(value, at), value + " at " + at);
            }
        }
    }

    @Test
    void timeIntervals() {
        sweep(List.of("10:00-12:00", "08:00-09:00; 10:00-12:00", "10:00-11:00,11:00-12:00", "10:00-12:00,10:30-11:30",
                "10:00-14:00; 12:00-14:00 off"), "2012-10-01 0:00", "2012-10-08 0:00",
                "2012-10-01 10:00/2012-10-01 12:00", "2012-10-02 10:00/2012-10-02 12:00", "2012-10-03 10:00/2012-10-03 12:00",
                "2012-10-04 10:00/2012-10-04 12:00", "2012-10-05 10:00/2012-10-05 12:00", "2012-10-06 10:00/2012-10-06 12:00",
                "2012-10-07 10:00/2012-10-07 12:00");
        sweep(List.of("open; Mo 15:00-16:00 off", "00:00-24:00; Mo 15:00-16:00 off"), "2012-10-01 0:00", "2012-10-08 0:00",
                "2012-10-01 0:00/2012-10-01 15:00", "2012-10-01 16:00/2012-10-08 0:00");
    }

    @Test
    void weekRanges() {
        sweep(List.of("week 01,03 00:00-24:00", "week 01-03/2 00:00-24:00"), "2012-01-01 0:00", "2013-01-01 0:00",
                "2012-01-02 0:00/2012-01-09 0:00", "2012-01-16 0:00/2012-01-23 0:00", "2012-12-31 0:00/2013-01-01 0:00");
        sweep(List.of("week 02,04 00:00-24:00", "week 02-04/2 00:00-24:00"), "2012-01-01 0:00", "2013-01-01 0:00",
                "2012-01-09 0:00/2012-01-16 0:00", "2012-01-23 0:00/2012-01-30 0:00");
        sweep(List.of("week 02 00:00-24:00"), "2012-01-01 0:00", "2014-01-01 0:00",
                "2012-01-09 0:00/2012-01-16 0:00", "2013-01-07 0:00/2013-01-14 0:00");
        sweep(List.of("week 01-53/2 00:00-24:00"), "2012-01-01 0:00", "2012-02-22 0:00",
                "2012-01-02 0:00/2012-01-09 0:00", "2012-01-16 0:00/2012-01-23 0:00", "2012-01-30 0:00/2012-02-06 0:00",
                "2012-02-13 0:00/2012-02-20 0:00");
    }

    @Test
    void monthRanges() {
        sweep(List.of("Nov-Feb 00:00-24:00", "Nov-Feb", "Jan,Feb,Nov,Dec 00:00-24:00", "00:00-24:00; Mar-Oct off",
                "open; Mar-Oct off"), "2012-01-01 0:00", "2013-01-01 0:00",
                "2012-01-01 0:00/2012-03-01 0:00", "2012-11-01 0:00/2013-01-01 0:00");
        sweep(List.of("Nov-Nov 00:00-24:00", "2012 Nov-Nov"), "2012-01-01 0:00", "2013-01-01 0:00",
                "2012-11-01 0:00/2012-12-01 0:00");
    }

    @Test
    void monthdayRanges() {
        sweep(List.of("Jan 01,Dec 24-25; Nov Th[4]", "2012 Jan 01,2012 Dec 24-25; 2012 Nov Th[4]"),
                "2012-01-01 0:00", "2013-01-01 0:00",
                "2012-01-01 0:00/2012-01-02 0:00", "2012-11-22 0:00/2012-11-23 0:00", "2012-12-24 0:00/2012-12-26 0:00");
        sweep(List.of("Jan 23-31 00:00-24:00; Feb 01-12 00:00-24:00", "Jan 23-Feb 12 00:00-24:00",
                "2012 Jan 23-2012 Feb 12 00:00-24:00"), "2012-01-01 0:00", "2013-01-01 0:00",
                "2012-01-23 0:00/2012-02-13 0:00");
        sweep(List.of("Dec 24,Jan 02: 18:00-22:00", "Dec 24,Jan 02: 18:00-22:00; Jan 20: off"),
                "2012-01-01 0:00", "2013-01-01 0:00",
                "2012-01-02 18:00/2012-01-02 22:00", "2012-12-24 18:00/2012-12-24 22:00");
        sweep(List.of("2012 Jan 23-31 00:00-24:00; 2012 Feb 01-12 00:00-24:00"), "2012-01-01 0:00", "2015-01-01 0:00",
                "2012-01-23 0:00/2012-02-13 0:00");
        sweep(List.of("Dec 31-Jan 01"), "2012-01-01 0:00", "2014-01-01 0:00",
                "2012-01-01 0:00/2012-01-02 0:00", "2012-12-31 0:00/2013-01-02 0:00", "2013-12-31 0:00/2014-01-01 0:00");
        sweep(List.of("2013 Dec 31,2014 Jan 05", "2013 Dec 31; 2014 Jan 05"), "2011-01-01 0:00", "2015-01-01 0:00",
                "2013-12-31 0:00/2014-01-01 0:00", "2014-01-05 0:00/2014-01-06 0:00");
        sweep(List.of("2013 Dec 31", "2013 Dec 31; 2014 Jan 05; 2014+ off"), "2011-01-01 0:00", "2015-01-01 0:00",
                "2013-12-31 0:00/2014-01-01 0:00");
        sweep(List.of("2013 Dec 31-2014 Jan 02", "open; 2010 Jan 01-2013 Dec 30 off; 2014 Jan 03-2016 Jan 01 off"),
                "2011-01-01 0:00", "2015-01-01 0:00", "2013-12-31 0:00/2014-01-03 0:00");
    }

    @Test
    void monthdayRangesWithConstrainedWeekday() {
        sweep(List.of("Jan Su[2]-Jan 15"), "2012-01-01 0:00", "2015-01-01 0:00",
                "2012-01-08 0:00/2012-01-16 0:00", "2013-01-13 0:00/2013-01-16 0:00", "2014-01-12 0:00/2014-01-16 0:00");
        sweep(List.of("Jan 20-Jan Su[-1]"), "2012-01-01 0:00", "2015-01-01 0:00",
                "2012-01-20 0:00/2012-01-30 0:00", "2013-01-20 0:00/2013-01-28 0:00", "2014-01-20 0:00/2014-01-27 0:00");
        sweep(List.of("Jan Su[1] +2 days-Jan Su[3] -2 days"), "2012-01-01 0:00", "2015-01-01 0:00",
                "2012-01-03 0:00/2012-01-14 0:00", "2013-01-08 0:00/2013-01-19 0:00", "2014-01-07 0:00/2014-01-18 0:00");
        sweep(List.of("Dec 20-Dec Su[-1] +4 days"), "2011-01-01 0:00", "2015-01-01 0:00",
                "2011-12-20 0:00/2011-12-30 0:00", "2012-12-20 0:00/2013-01-04 0:00", "2013-12-20 0:00/2014-01-03 0:00",
                "2014-12-20 0:00/2015-01-01 0:00");
    }

    @Test
    void easter() {
        // not kept: "easter -2 days-easter +2 days" and "Apr 05-easter -1 day", where opening_hours.js ends the range the
        // day before the "easter ± n days" it names; here every date ending a range is included, as its other cases do
        // swept from Easter 2012: opening_hours.js does not carry the 2011 range (easter 2011 = Apr 24, after Apr 20)
        // into 2012, where it is read here as wrapping over the new year like "Dec 25-Jan 05"
        sweep(List.of("easter-Apr 20: open \"Around easter\""), "2012-04-08 0:00", "2012-10-08 0:00",
                "2012-04-08 0:00/2012-04-21 0:00");
        sweep(List.of("easter-Apr 02: open \"Around easter\""), "2012-01-01 0:00", "2012-10-08 0:00",
                "2012-01-01 0:00/2012-04-03 0:00", "2012-04-08 0:00/2012-10-08 0:00");
    }

    /**
     * io.leonard opening-hours-evaluator, open.csv and closed.csv (time, value), as written there except "2025 Jan 1"
     * written "2025 Jan 01" (ch.poole's strict parser wants two digits).
     */
    @ParameterizedTest
    @CsvSource({
        "2020-08-06T14:28:04, 24/7, true",
        "2020-08-06T14:28:04, Mo-Fr 10:00-18:00, true",
        "2020-08-06T17:28:04, Mo-Th 10:00-18:00, true",
        "2020-08-06T15:28:04, Mo-We 10:00-12:00;Th 10:00-18:00, true",
        "2020-08-06T15:28:04, Mo-Fr 07:30-22:00; Sa 07:30-18:00; PH off, true",
        "2020-08-11T11:28:04, Mo-Fr 07:30-22:00; Sa 07:30-18:00; Tu 12:00-16:00 off, true",
        "2020-08-06T14:28:04, 2020 Aug 06, true",
        "2020-08-06T14:28:04, 2020 Aug 04 - 2020 Aug 06, true",
        "2020-08-06T14:28:04, 2020 Aug, true",
        "2020-08-06T14:28:04, 2020 Aug 06 14:00-16:00, true",
        "2020-08-06T14:28:04, 2019 Nov 01 - 2020 Aug 06, true",
        "2020-08-06T14:28:04, Mo-Fr 10:00-12:00, false",
        "2020-08-06T15:28:04, Mo-We 10:00-15:00;Fr-Sa 10:00-12:00, false",
        "2020-08-09T15:28:04, Mo-Fr 07:30-22:00; Sa 07:30-18:00; PH off, false",
        "2020-08-11T14:28:04, Mo - Sa 10:00-18:00; Tu off, false",
        "2020-08-11T15:28:04, Mo-Fr 07:30-22:00; Sa 07:30-18:00; Tu 12:00-16:00 off, false",
        "2020-08-06T14:28:04, 2020 Aug 07, false",
        "2020-08-06T14:28:04, 2020 Aug 04 - 2020 Aug 05;2020 Aug 07, false",
        "2020-08-06T14:28:04, 2020 Nov, false",
        "2020-08-06T14:28:04, 2020 Aug 06 10:00-12:00, false",
        "2020-08-06T14:28:04, 2025 Jan 01 - 2099 Dec 31, false",
        "2020-08-06T15:28:04, Mo - Su 00:00-24:00; PH 00:00-24:00, true",
        "2020-08-04T14:32:04, 'Mo,We,Th,Fr,Su 00:00-24:00; Tu,Sa 00:00-02:00, 14:30-24:00; PH 00:00-24:00', true",
        "2020-08-04T14:28:04, 'Mo,We,Th,Fr,Su 00:00-24:00; Tu,Sa 00:00-02:00, 14:30-24:00; PH 00:00-24:00', false",
        "2020-08-11T14:28:04, 'Mo,We,Th,Fr,Su 00:00-24:00; Tu off', false",
        "2020-08-09T15:28:04, Mo-Fr 07:30-22:00; Sa 07:30-18:00, false",
    })
    void leonardEvaluatorCases(String at, String value, boolean open) {
        assertEquals(open, OpeningHours.isOpenAt(value, LocalDateTime.parse(at)), value + " at " + at);
    }
}
