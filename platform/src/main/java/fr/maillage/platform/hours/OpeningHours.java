package fr.maillage.platform.hours;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import ch.poole.openinghoursparser.Holiday;
import ch.poole.openinghoursparser.OpeningHoursParseException;
import ch.poole.openinghoursparser.OpeningHoursParser;
import ch.poole.openinghoursparser.Rule;
import ch.poole.openinghoursparser.RuleModifier;
import ch.poole.openinghoursparser.TimeSpan;
import ch.poole.openinghoursparser.WeekDay;
import ch.poole.openinghoursparser.WeekDayRange;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * OSM {@code opening_hours} values: parsed (strictly) by ch.poole's OpeningHoursParser, and evaluated
 * for "open at" searches.
 *
 * <p>The evaluation covers what places of the directory actually write: weekday ranges, time spans
 * (including spans past midnight), {@code 24/7}, {@code off}/{@code closed} and additive rules, with
 * the OSM rule that a later rule replaces earlier ones for the days it names, and public holidays:
 * {@code PH off}, {@code PH 10:00-12:00}, {@code Su,PH off} (a Sunday or a holiday), {@code PH Mo-Fr ...}
 * (a holiday falling on a weekday), {@code PH +1 day} (the day after one), on France's national public holidays
 * (Jollyday, as offers-service's schedules; Alsace-Moselle's two extra days are not applied). As in OSM, a holiday
 * keeps the regular schedule unless a rule names {@code PH}. Rules restricted to dates, weeks, years or school
 * holidays ({@code SH}) are not evaluated: such a rule never applies, so the answer is the regular weekly schedule.
 */
public final class OpeningHours {
    private static final HolidayManager FRANCE = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.FRANCE));
    private static final Map<Integer, Set<LocalDate>> HOLIDAYS_BY_YEAR = new ConcurrentHashMap<>();
    /**
     * Parsed values (empty when unparsable), by value: a place's hours are evaluated many times (each probe of a
     * window, each request) and parsing cost more than evaluating (the territory coverage evaluates hundreds of places
     * at tens of moments per request). Values are few and small; bounded anyway.
     */
    private static final Cache<String, Optional<List<Rule>>> PARSED = Caffeine.newBuilder().maximumSize(20_000).build();

    private OpeningHours() {
    }

    /** Whether this date is a national public holiday in France (computed once per year). */
    static boolean isPublicHoliday(LocalDate date) {
        return HOLIDAYS_BY_YEAR.computeIfAbsent(date.getYear(), year -> FRANCE.getHolidays(Year.of(year)).stream()
                .map(de.focus_shift.jollyday.core.Holiday::getDate).collect(Collectors.toUnmodifiableSet()))
                .contains(date);
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

    /** Whether the place is open at this local (Europe/Paris) time; false when the value cannot be parsed. */
    public static boolean isOpenAt(String value, LocalDateTime at) {
        Optional<List<Rule>> parsed = rules(value);
        if (parsed.isEmpty()) {
            return false;
        }
        List<Rule> rules = parsed.get();
        int minute = at.getHour() * 60 + at.getMinute();
        // today's schedule, then yesterday's spans that run past midnight
        LocalDate today = at.toLocalDate();
        return openOnDay(rules, today, minute) || openOnDay(rules, today.minusDays(1), minute + 1440);
    }

    private static boolean openOnDay(List<Rule> rules, LocalDate day, int minute) {
        Boolean open = null;
        for (Rule rule : rules) {
            if (!appliesTo(rule, day)) {
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

    private static boolean appliesTo(Rule rule, LocalDate date) {
        if (notEmpty(rule.getDates()) || notEmpty(rule.getWeeks()) || notEmpty(rule.getYears())) {
            return false;
        }
        if (notEmpty(rule.getHolidays())) {
            boolean holiday = false;
            boolean orWeekDays = true; // "Su,PH": a Sunday or a holiday; "PH Mo-Fr": a holiday that is a weekday
            for (Holiday h : rule.getHolidays()) {
                if (h.getType() != Holiday.Type.PH) {
                    return false; // school holidays: no calendar of the three zones here
                }
                holiday |= isPublicHoliday(date.minusDays(h.getOffset())); // "PH +1 day": the day after one
                orWeekDays &= h.getUseAsWeekDay();
            }
            boolean onDays = notEmpty(rule.getDays()) && onWeekDays(rule, date.getDayOfWeek());
            return orWeekDays ? holiday || onDays : holiday && (onDays || !notEmpty(rule.getDays()));
        }
        if (rule.isTwentyfourseven() || !notEmpty(rule.getDays())) {
            return true;
        }
        return onWeekDays(rule, date.getDayOfWeek());
    }

    private static boolean onWeekDays(Rule rule, DayOfWeek day) {
        for (WeekDayRange range : rule.getDays()) {
            if (notEmpty(range.getNths())) {
                continue; // "Mo[1]": needs the month calendar, not evaluated
            }
            int start = range.getStartDay().ordinal();
            int end = range.getEndDay() == null ? start : range.getEndDay().ordinal();
            int d = WeekDay.values()[day.getValue() - 1].ordinal();
            if (start <= end ? (d >= start && d <= end) : (d >= start || d <= end)) {
                return true;
            }
        }
        return false;
    }

    private static boolean openInRule(Rule rule, int minute) {
        RuleModifier modifier = rule.getModifier();
        if (modifier != null && modifier.getModifier() != null && modifier.getModifier() != RuleModifier.Modifier.OPEN) {
            return false;
        }
        if (!notEmpty(rule.getTimes())) {
            return minute < 1440; // open all day (the "yesterday" pass only looks at spans past midnight)
        }
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
