package fr.maillage.platform.hours;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import ch.poole.openinghoursparser.DateRange;
import ch.poole.openinghoursparser.DateWithOffset;
import ch.poole.openinghoursparser.Holiday;
import ch.poole.openinghoursparser.Nth;
import ch.poole.openinghoursparser.OpeningHoursParseException;
import ch.poole.openinghoursparser.OpeningHoursParser;
import ch.poole.openinghoursparser.Rule;
import ch.poole.openinghoursparser.RuleModifier;
import ch.poole.openinghoursparser.TimeSpan;
import ch.poole.openinghoursparser.WeekDay;
import ch.poole.openinghoursparser.WeekDayRange;
import ch.poole.openinghoursparser.WeekRange;
import ch.poole.openinghoursparser.YearRange;
import fr.maillage.platform.territory.PublicHolidays;
import fr.maillage.platform.territory.SchoolHolidays;
import fr.maillage.platform.territory.Territories;

/**
 * OSM {@code opening_hours} values: parsed (strictly) by ch.poole's OpeningHoursParser, and evaluated
 * for "open at" searches, on the calendar of the place's département ({@link Calendar}).
 *
 * <p>The evaluation covers: weekday ranges and the n-th weekday of the month ({@code Mo[1]}, {@code Fr[-1]}), time
 * spans (including spans past midnight), {@code 24/7}, {@code off}/{@code closed} and additive rules, with the OSM rule
 * that a later rule replaces earlier ones for the days it names; years ({@code 2026}, {@code 2025-2027},
 * {@code 2026+}, {@code 2020-2030/2}), ISO week numbers ({@code week 01-10}, {@code week 02-52/2}), months and date
 * ranges ({@code Aug off}, {@code Jun-Aug}, {@code Dec 24-26}, {@code Dec 25-Jan 05}, {@code 2026 Aug 06},
 * {@code Jan 01+}, {@code easter}, {@code easter +1 day}, {@code Dec Su[-1]}); public holidays {@code PH}
 * ({@code PH off}, {@code Su,PH off}, {@code PH Mo-Fr ...}, {@code PH +1 day}) on the département's days
 * ({@link PublicHolidays}) and school holidays {@code SH} on its zone's periods ({@link SchoolHolidays}). As in OSM, a
 * holiday keeps the regular schedule unless a rule names {@code PH}/{@code SH}. Not evaluated (such a selector never
 * matches, so the rule never applies): date ranges with an interval ({@code /2}), weekday offsets of dates
 * ({@code Dec 25 +Su}), sunrise/sunset times; a rule naming {@code SH} where the school holidays are unknown (no
 * département, a zone or a date the shipped data does not hold: {@link SchoolHolidays#covers}) is ignored, with a warning
 * logged once per département and school year; fallback rules ({@code ||}) are read as ordinary ones.
 */
public final class OpeningHours {
    /**
     * Parsed values (empty when unparsable), by value: a place's hours are evaluated many times (each probe of a
     * window, each request) and parsing cost more than evaluating (the territory coverage evaluates hundreds of places
     * at tens of moments per request). Values are few and small; bounded anyway.
     */
    private static final Logger LOG = Logger.getLogger(OpeningHours.class);
    private static final Set<String> UNKNOWN_SH_LOGGED = ConcurrentHashMap.newKeySet();
    private static final Cache<String, Optional<List<Rule>>> PARSED = Caffeine.newBuilder().maximumSize(20_000).build();

    private OpeningHours() {
    }

    /**
     * The calendar a place's hours are read on: its département's public holidays ({@code PH}) and its school-holiday
     * zone ({@code SH}). {@link #METROPOLITAN} (no département) has the national public holidays and no school zone.
     */
    public record Calendar(String departement) {
        /** National public holidays, no school zone: what the signatures without a calendar use. */
        public static final Calendar METROPOLITAN = new Calendar(null);

        public Calendar {
            departement = Territories.departementOf(departement);
        }

        public boolean isPublicHoliday(LocalDate date) {
            return PublicHolidays.isHoliday(departement, date);
        }

        public boolean isSchoolHoliday(LocalDate date) {
            return SchoolHolidays.isSchoolHoliday(departement, date);
        }

        /** Whether the school holidays of the place's zone are known at that date ({@link SchoolHolidays#covers}). */
        public boolean knowsSchoolHolidays(LocalDate date) {
            return SchoolHolidays.covers(departement, date);
        }
    }

    /** The calendar of a département or of a commune (INSEE code); null → {@link Calendar#METROPOLITAN}. */
    public static Calendar forDepartement(String departementOrInsee) {
        String dep = Territories.departementOf(departementOrInsee);
        return dep == null ? Calendar.METROPOLITAN : new Calendar(dep);
    }

    /** Whether this date is a national public holiday in France (metropolitan calendar). */
    static boolean isPublicHoliday(LocalDate date) {
        return Calendar.METROPOLITAN.isPublicHoliday(date);
    }

    /** The parsed rules, or an exception whose message explains the syntax error. */
    public static List<Rule> parse(String value) throws OpeningHoursParseException {
        OpeningHoursParser parser = new OpeningHoursParser(new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8)));
        return parser.rules(true);
    }

    /** The parsed rules of a value, from a cache; empty when it cannot be parsed. Never modify the list's rules. */
    public static Optional<List<Rule>> rules(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return PARSED.get(value, v -> {
            try {
                return Optional.of(List.copyOf(parse(v)));
            } catch (OpeningHoursParseException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** Null when valid, else the reason in French. */
    public static String problem(String value) {
        try {
            List<Rule> rules = parse(value);
            return rules.isEmpty() ? "les horaires sont vides" : null;
        } catch (OpeningHoursParseException e) {
            return "les horaires « " + value + " » ne respectent pas le format OpenStreetMap opening_hours "
                    + "(ex. « Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00 ») : " + e.getMessage();
        } catch (RuntimeException e) {
            return "les horaires « " + value + " » ne respectent pas le format OpenStreetMap opening_hours";
        }
    }

    /**
     * Whether the place is open at this local time, on the metropolitan calendar (national public holidays, no school
     * zone); false when the value cannot be parsed. Prefer {@link #isOpenAt(String, LocalDateTime, Calendar)}.
     */
    public static boolean isOpenAt(String value, LocalDateTime at) {
        return isOpenAt(value, at, Calendar.METROPOLITAN);
    }

    /**
     * Whether the place is open at this local time (the place's own wall clock), on its calendar
     * ({@link #forDepartement}); false when the value cannot be parsed.
     */
    public static boolean isOpenAt(String value, LocalDateTime at, Calendar calendar) {
        Calendar cal = calendar == null ? Calendar.METROPOLITAN : calendar;
        Optional<List<Rule>> parsed = rules(value);
        if (parsed.isEmpty()) {
            return false;
        }
        List<Rule> rules = parsed.get();
        int minute = at.getHour() * 60 + at.getMinute();
        // today's schedule, then yesterday's spans that run past midnight
        LocalDate today = at.toLocalDate();
        return openOnDay(rules, today, minute, cal) || openOnDay(rules, today.minusDays(1), minute + 1440, cal);
    }

    private static boolean openOnDay(List<Rule> rules, LocalDate day, int minute, Calendar cal) {
        Boolean open = null;
        for (Rule rule : rules) {
            if (!appliesTo(rule, day, cal)) {
                continue;
            }
            if (isClosedSpan(rule)) {
                // "Tu 12:00-16:00 off": closes that span only, the day's other hours stay (as opening_hours.js)
                if (open != null && inSpans(rule, minute)) {
                    open = false;
                }
                continue;
            }
            boolean here = openInRule(rule, minute);
            if (rule.isAdditive() && open != null) {
                open = open || here;
            } else {
                open = here;
            }
        }
        return open != null && open;
    }

    private static boolean appliesTo(Rule rule, LocalDate date, Calendar cal) {
        if (notEmpty(rule.getYears()) && rule.getYears().stream().noneMatch(y -> inYears(y, date.getYear()))) {
            return false;
        }
        if (notEmpty(rule.getWeeks()) && rule.getWeeks().stream().noneMatch(w -> inWeeks(w, date))) {
            return false;
        }
        if (notEmpty(rule.getDates()) && rule.getDates().stream().noneMatch(d -> inDates(d, date))) {
            return false;
        }
        if (notEmpty(rule.getHolidays())) {
            boolean holiday = false;
            boolean orWeekDays = true; // "Su,PH": a Sunday or a holiday; "PH Mo-Fr": a holiday that is a weekday
            for (Holiday h : rule.getHolidays()) {
                LocalDate day = date.minusDays(h.getOffset()); // "PH +1 day": the day after one
                if (h.getType() == Holiday.Type.SH && !cal.knowsSchoolHolidays(day)) {
                    unknownSchoolHolidays(cal, day);
                    return false; // SH unknown there (no zone, or a date the shipped data does not hold): rule ignored
                }
                holiday |= h.getType() == Holiday.Type.PH ? cal.isPublicHoliday(day) : cal.isSchoolHoliday(day);
                orWeekDays &= h.getUseAsWeekDay();
            }
            boolean onDays = notEmpty(rule.getDays()) && onWeekDays(rule, date);
            return orWeekDays ? holiday || onDays : holiday && (onDays || !notEmpty(rule.getDays()));
        }
        if (rule.isTwentyfourseven() || !notEmpty(rule.getDays())) {
            return true;
        }
        return onWeekDays(rule, date);
    }

    /** Logged once per département and school year (a rule with SH evaluated where the data does not say). */
    private static void unknownSchoolHolidays(Calendar cal, LocalDate day) {
        int startYear = day.getMonthValue() >= 9 ? day.getYear() : day.getYear() - 1;
        String key = cal.departement() + " " + startYear;
        if (UNKNOWN_SH_LOGGED.add(key)) {
            LOG.warnf("Horaires avec SH évalués sans calendrier scolaire connu (département %s, année scolaire %d-%d) :"
                    + " la règle SH est ignorée (voir SchoolHolidays, school-holidays-coverage.csv)",
                    cal.departement() == null ? "inconnu" : cal.departement(), startYear, startYear + 1);
        }
    }

    private static boolean onWeekDays(Rule rule, LocalDate date) {
        for (WeekDayRange range : rule.getDays()) {
            LocalDate day = date.minusDays(range.getOffset()); // "Sa[-1] -1 day": the day before the last Saturday
            int start = range.getStartDay().ordinal();
            int end = range.getEndDay() == null ? start : range.getEndDay().ordinal();
            int d = WeekDay.values()[day.getDayOfWeek().getValue() - 1].ordinal();
            if (!(start <= end ? (d >= start && d <= end) : (d >= start || d <= end))) {
                continue;
            }
            if (!notEmpty(range.getNths()) || range.getNths().stream().anyMatch(n -> isNth(n, day))) {
                return true;
            }
        }
        return false;
    }

    /** "Mo[1]", "Mo[1-2]", "Fr[-1]": the day is the n-th (from the start, or from the end if negative) of its month. */
    private static boolean isNth(Nth nth, LocalDate day) {
        int fromStart = (day.getDayOfMonth() - 1) / 7 + 1;
        int fromEnd = -((day.lengthOfMonth() - day.getDayOfMonth()) / 7 + 1);
        int start = nth.getStartNth();
        int end = nth.getEndNth() == Nth.INVALID_NTH ? start : nth.getEndNth();
        int n = start < 0 ? fromEnd : fromStart;
        return n >= Math.min(start, end) && n <= Math.max(start, end);
    }

    private static boolean inYears(YearRange range, int year) {
        int start = range.getStartYear();
        int end = range.isOpenEnded() ? Integer.MAX_VALUE
                : range.getEndYear() == YearRange.UNDEFINED_YEAR ? start : range.getEndYear();
        int interval = range.getInterval();
        return year >= start && year <= end && (interval <= 1 || (year - start) % interval == 0);
    }

    /** ISO 8601 week numbers (as opening_hours.js), "week 50-02" wrapping over the new year. */
    private static boolean inWeeks(WeekRange range, LocalDate date) {
        int week = date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        int start = range.getStartWeek();
        int end = range.getEndWeek() == WeekRange.UNDEFINED_WEEK ? start : range.getEndWeek();
        int interval = Math.max(range.getInterval(), 1);
        if (start <= end) {
            return week >= start && week <= end && (week - start) % interval == 0;
        }
        return (week >= start || week <= end) && interval == 1;
    }

    private static boolean inDates(DateRange range, LocalDate date) {
        if (range.getInterval() > 0) {
            return false; // "Jan 01-Mar 31/2": not evaluated
        }
        DateWithOffset from = range.getStartDate();
        DateWithOffset to = range.getEndDate();
        boolean fixedYear = from.getYear() != YearRange.UNDEFINED_YEAR;
        int firstYear = fixedYear ? from.getYear() : date.getYear() - 1;
        int lastYear = fixedYear ? from.getYear() : date.getYear();
        for (int year = firstYear; year <= lastYear; year++) {
            LocalDate start = resolve(from, year, null, true);
            if (start == null) {
                continue;
            }
            LocalDate end;
            if (to == null) {
                end = from.isOpenEnded()
                        ? (from.getYear() != YearRange.UNDEFINED_YEAR ? LocalDate.MAX : LocalDate.of(year, 12, 31))
                        : resolve(from, year, null, false);
            } else if (to.getYear() != YearRange.UNDEFINED_YEAR) {
                end = resolve(to, to.getYear(), from.getMonth(), false);
            } else {
                end = resolve(to, start.getYear(), from.getMonth(), false);
                if (end != null && end.isBefore(start)) {
                    end = resolve(to, start.getYear() + 1, from.getMonth(), false); // "Dec 25-Jan 05", "Nov-Feb"
                }
            }
            if (end != null && !date.isBefore(start) && !date.isAfter(end)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The day a date of a range designates in a year: "Aug" (first or last day of the month), "Aug 15", "easter",
     * "Dec Su[-1]", each with its day offset; null when it does not exist that year (Feb 29) or is not evaluated.
     */
    private static LocalDate resolve(DateWithOffset d, int year, ch.poole.openinghoursparser.Month startMonth, boolean first) {
        if (d.getWeekDayOffset() != null) {
            return null; // "Dec 25 +Su": not evaluated
        }
        LocalDate day;
        if (d.getVarDate() != null) {
            day = PublicHolidays.easterSunday(year);
        } else {
            ch.poole.openinghoursparser.Month m = d.getMonth() != null ? d.getMonth() : startMonth;
            if (m == null) {
                return null;
            }
            LocalDate monthStart = LocalDate.of(year, m.ordinal() + 1, 1);
            if (d.getNthWeekDay() != null) {
                int dow = d.getNthWeekDay().ordinal() + 1;
                if (d.getNth() > 0) {
                    LocalDate firstOne = monthStart.plusDays(Math.floorMod(dow - monthStart.getDayOfWeek().getValue(), 7));
                    day = firstOne.plusWeeks(d.getNth() - 1L);
                } else {
                    LocalDate monthEnd = monthStart.withDayOfMonth(monthStart.lengthOfMonth());
                    LocalDate lastOne = monthEnd.minusDays(Math.floorMod(monthEnd.getDayOfWeek().getValue() - dow, 7));
                    day = lastOne.minusWeeks(-d.getNth() - 1L);
                }
                if (day.getMonthValue() != monthStart.getMonthValue()) {
                    return null;
                }
            } else if (d.getDay() == DateWithOffset.UNDEFINED_MONTH_DAY) {
                day = first ? monthStart : monthStart.withDayOfMonth(monthStart.lengthOfMonth());
            } else if (d.getDay() > monthStart.lengthOfMonth()) {
                return null;
            } else {
                day = monthStart.withDayOfMonth(d.getDay());
            }
        }
        return day.plusDays(d.getDayOffset());
    }

    private static boolean isClosedSpan(Rule rule) {
        RuleModifier modifier = rule.getModifier();
        return modifier != null && (modifier.getModifier() == RuleModifier.Modifier.CLOSED
                || modifier.getModifier() == RuleModifier.Modifier.OFF) && notEmpty(rule.getTimes());
    }

    private static boolean openInRule(Rule rule, int minute) {
        RuleModifier modifier = rule.getModifier();
        if (modifier != null && modifier.getModifier() != null && modifier.getModifier() != RuleModifier.Modifier.OPEN) {
            return false;
        }
        if (!notEmpty(rule.getTimes())) {
            return minute < 1440; // open all day (the "yesterday" pass only looks at spans past midnight)
        }
        return inSpans(rule, minute);
    }

    private static boolean inSpans(Rule rule, int minute) {
        for (TimeSpan span : rule.getTimes()) {
            if (span.getStartEvent() != null || span.getEndEvent() != null) {
                continue; // sunrise/sunset: not evaluated
            }
            int start = span.getStart();
            int end = span.getEnd() == TimeSpan.UNDEFINED_TIME ? (span.isOpenEnded() ? 1440 : start + 1) : span.getEnd();
            if (end <= start) {
                end += 1440; // "22:00-02:00"
            }
            if (minute >= start && minute < end) {
                return true;
            }
        }
        return false;
    }

    private static boolean notEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }
}
