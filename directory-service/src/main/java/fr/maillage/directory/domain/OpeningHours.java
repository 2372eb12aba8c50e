package fr.maillage.directory.domain;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.List;

import ch.poole.openinghoursparser.OpeningHoursParseException;
import ch.poole.openinghoursparser.OpeningHoursParser;
import ch.poole.openinghoursparser.Rule;
import ch.poole.openinghoursparser.RuleModifier;
import ch.poole.openinghoursparser.TimeSpan;
import ch.poole.openinghoursparser.WeekDay;
import ch.poole.openinghoursparser.WeekDayRange;

/**
 * OSM {@code opening_hours} values: parsed (strictly) by ch.poole's OpeningHoursParser, and evaluated
 * for "open at" searches.
 *
 * <p>The evaluation covers what places of the directory actually write: weekday ranges, time spans
 * (including spans past midnight), {@code 24/7}, {@code off}/{@code closed} and additive rules, with
 * the OSM rule that a later rule replaces earlier ones for the days it names. Rules restricted to
 * dates, weeks, years or holidays are not evaluated (we have no holiday calendar): such a rule never
 * applies, so the answer is the regular weekly schedule.
 */
public final class OpeningHours {
    private OpeningHours() {
    }

    /** The parsed rules, or an exception whose message explains the syntax error. */
    public static List<Rule> parse(String value) throws OpeningHoursParseException {
        OpeningHoursParser parser = new OpeningHoursParser(new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8)));
        return parser.rules(true);
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
        if (value == null || value.isBlank()) {
            return false;
        }
        List<Rule> rules;
        try {
            rules = parse(value);
        } catch (OpeningHoursParseException | RuntimeException e) {
            return false;
        }
        int minute = at.getHour() * 60 + at.getMinute();
        // today's schedule, then yesterday's spans that run past midnight
        return openOnDay(rules, at.getDayOfWeek(), minute) || openOnDay(rules, at.getDayOfWeek().minus(1), minute + 1440);
    }

    private static boolean openOnDay(List<Rule> rules, DayOfWeek day, int minute) {
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

    private static boolean appliesTo(Rule rule, DayOfWeek day) {
        if (notEmpty(rule.getDates()) || notEmpty(rule.getWeeks()) || notEmpty(rule.getYears()) || notEmpty(rule.getHolidays())) {
            return false;
        }
        if (rule.isTwentyfourseven() || !notEmpty(rule.getDays())) {
            return true;
        }
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
