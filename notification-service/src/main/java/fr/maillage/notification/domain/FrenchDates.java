package fr.maillage.notification.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as French people write them: "mardi 3 décembre à 9 h 30", "à 14 h". */
public final class FrenchDates {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.FRENCH);

    private FrenchDates() {
    }

    /** "mardi 3 décembre à 9 h 30" (1er for the first day of the month, as written in French). */
    public static String dayAndTime(Instant instant, ZoneId zone) {
        ZonedDateTime t = instant.atZone(zone);
        return day(t) + " à " + time(t);
    }

    public static String day(ZonedDateTime t) {
        String day = DAY.format(t);
        if (t.getDayOfMonth() == 1) {
            day = day.replaceFirst(" 1 ", " 1er ");
        }
        return day;
    }

    /** "9 h 30", "14 h", "9 h 05". */
    public static String time(ZonedDateTime t) {
        return t.getMinute() == 0 ? t.getHour() + " h" : t.getHour() + " h " + String.format("%02d", t.getMinute());
    }

    /**
     * For a voice reading it aloud: "mardi 3 décembre à 9 heures 30", "à 14 heures", "à midi" — « h » is read as a letter
     * by some speech engines.
     */
    public static String spokenDayAndTime(Instant instant, ZoneId zone) {
        ZonedDateTime t = instant.atZone(zone);
        String time = t.getHour() == 12 && t.getMinute() == 0 ? "midi"
                : t.getHour() + (t.getHour() == 1 ? " heure" : " heures") + (t.getMinute() == 0 ? "" : " " + t.getMinute());
        return day(t) + " à " + time;
    }

    public static String time(Instant instant, ZoneId zone) {
        return time(instant.atZone(zone));
    }

    /**
     * A permanence's times (issue 19): "mardi 3 décembre de 9 h 00 à 11 h 00" — minutes always written, so that the
     * start and the end read alike; the day once (a permanence is within one day). Without an end: "… à 9 h 00".
     */
    public static String dayAndRange(Instant start, Instant end, ZoneId zone) {
        ZonedDateTime s = start.atZone(zone);
        if (end == null) {
            return day(s) + " à " + clock(s);
        }
        return day(s) + " de " + clock(s) + " à " + clock(end.atZone(zone));
    }

    /** "9 h 00", "14 h 30": the minutes always written (times of a range). */
    public static String clock(ZonedDateTime t) {
        return t.getHour() + " h " + String.format("%02d", t.getMinute());
    }

    /** "1er mars", "3 mars" (local date, no weekday): the bounds of an absence. */
    public static String date(java.time.LocalDate d) {
        return (d.getDayOfMonth() == 1 ? "1er" : String.valueOf(d.getDayOfMonth())) + " "
                + d.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.FRENCH);
    }

    /** "le 3 mars" or "du 1er mars au 3 mars": the days of an absence or a closure. */
    public static String period(java.time.LocalDate from, java.time.LocalDate to) {
        if (to == null || to.equals(from)) {
            return "le " + date(from);
        }
        return "du " + date(from) + " au " + date(to);
    }
}
