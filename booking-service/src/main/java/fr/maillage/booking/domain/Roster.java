package fr.maillage.booking.domain;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import fr.maillage.platform.problem.Violation;

/**
 * A person's usual availability (issue 19): weekly windows in the local time of the places (their territory's zone,
 * issue 21), months they
 * are away every year, and the offers' themes they can help with (none: any). Plain rules, no storage.
 */
public record Roster(UUID personId, List<Window> weekly, List<Integer> excludedMonths, List<String> themes,
        OffsetDateTime updatedAt) {
    public static final int MAX_WINDOWS = 14;
    public static final int MAX_THEMES = 20;
    /** Day codes as in iCalendar (RFC 5545 BYDAY), Monday first: index + 1 = ISO day of week. */
    public static final List<String> DAYS = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    /** One weekly window: {@code day} ISO day of week (1 = Monday), from {@code start} to {@code end}, local time. */
    public record Window(int day, LocalTime start, LocalTime end) {
        public String dayCode() {
            return DAYS.get(day - 1);
        }

        /** Whether this window holds [from, to] of the same day. */
        public boolean covers(DayOfWeek dayOfWeek, LocalTime from, LocalTime to) {
            return dayOfWeek.getValue() == day && !start.isAfter(from) && !end.isBefore(to);
        }
    }

    public static Roster empty(UUID personId) {
        return new Roster(personId, List.of(), List.of(), List.of(), null);
    }

    /** Whether the person is usually available for [start, end] (same local day, Europe/Paris), themes aside. */
    public boolean available(OffsetDateTime start, OffsetDateTime end) {
        return available(start, end, Times.PARIS);
    }

    /** Whether the person is usually available for [start, end] (same local day in {@code zone}), themes aside. */
    public boolean available(OffsetDateTime start, OffsetDateTime end, java.time.ZoneId zone) {
        ZonedDateTime from = start.atZoneSameInstant(zone);
        ZonedDateTime to = end.atZoneSameInstant(zone);
        return !excludedMonths.contains(from.getMonthValue())
                && weekly.stream().anyMatch(w -> w.covers(from.getDayOfWeek(), from.toLocalTime(), to.toLocalTime()));
    }

    /** A window as received: texts checked by {@link #parse}. */
    public record WindowInput(String day, String start, String end) {
    }

    /**
     * Checks and converts what a client sent: at most {@value #MAX_WINDOWS} windows, day MO..SU, times HH:MM with end
     * after start, no two windows of one day overlapping; months 1-12, distinct; at most {@value #MAX_THEMES} distinct
     * known theme codes. Every fault is a violation naming its field ({@code weekly[2].end}…); none: the windows.
     */
    public static List<Window> parse(List<WindowInput> weekly, List<Integer> months, List<String> themes,
            List<String> knownThemes, List<Violation> violations) {
        List<Window> windows = new ArrayList<>();
        List<WindowInput> given = weekly == null ? List.of() : weekly;
        if (given.size() > MAX_WINDOWS) {
            violations.add(new Violation("weekly", "au plus " + MAX_WINDOWS + " créneaux par semaine"));
        }
        for (int i = 0; i < given.size() && i < MAX_WINDOWS; i++) {
            WindowInput input = given.get(i);
            String at = "weekly[" + i + "]";
            if (input == null) {
                violations.add(new Violation(at, "indiquez un jour, une heure de début et une heure de fin"));
                continue;
            }
            int day = input.day() == null ? -1 : DAYS.indexOf(input.day().toUpperCase(Locale.ROOT)) + 1;
            if (day <= 0) {
                violations.add(new Violation(at + ".day", "indiquez le jour : MO, TU, WE, TH, FR, SA ou SU"));
            }
            LocalTime start = time(input.start(), at + ".start", violations);
            LocalTime end = time(input.end(), at + ".end", violations);
            if (start != null && end != null && !end.isAfter(start)) {
                violations.add(new Violation(at + ".end", "l'heure de fin doit suivre l'heure de début"));
                continue;
            }
            if (day > 0 && start != null && end != null) {
                Window window = new Window(day, start, end);
                for (Window other : windows) {
                    if (other.day() == day && other.start().isBefore(end) && start.isBefore(other.end())) {
                        violations.add(new Violation(at, "ce créneau chevauche un autre créneau du même jour"));
                        break;
                    }
                }
                windows.add(window);
            }
        }
        List<Integer> excluded = months == null ? List.of() : months;
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < excluded.size(); i++) {
            Integer month = excluded.get(i);
            if (month == null || month < 1 || month > 12) {
                violations.add(new Violation("excludedMonths[" + i + "]", "un mois est un nombre de 1 (janvier) à 12 (décembre)"));
            } else if (!seen.add(month)) {
                violations.add(new Violation("excludedMonths[" + i + "]", "ce mois est déjà dans la liste"));
            }
        }
        List<String> codes = themes == null ? List.of() : themes;
        if (codes.size() > MAX_THEMES) {
            violations.add(new Violation("themes", "au plus " + MAX_THEMES + " thèmes"));
        }
        Set<String> seenThemes = new HashSet<>();
        for (int i = 0; i < codes.size() && i < MAX_THEMES; i++) {
            String code = codes.get(i);
            if (code == null || !knownThemes.contains(code)) {
                violations.add(new Violation("themes[" + i + "]", "thème inconnu : indiquez un code de thème des offres "
                        + "(par exemple aide_demarches)"));
            } else if (!seenThemes.add(code)) {
                violations.add(new Violation("themes[" + i + "]", "ce thème est déjà dans la liste"));
            }
        }
        return windows;
    }

    private static LocalTime time(String text, String field, List<Violation> violations) {
        if (text == null || !TIME.matcher(text).matches()) {
            violations.add(new Violation(field, "indiquez une heure au format HH:MM (par exemple 09:00)"));
            return null;
        }
        return LocalTime.parse(text);
    }
}
