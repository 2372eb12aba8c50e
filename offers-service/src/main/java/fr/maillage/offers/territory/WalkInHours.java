package fr.maillage.offers.territory;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import ch.poole.openinghoursparser.Rule;
import ch.poole.openinghoursparser.TimeSpan;
import fr.maillage.platform.hours.OpeningHours;
import fr.maillage.platform.territory.Territories;

/**
 * Whether a place's OSM opening hours are open at some moment of a window, with the platform's {@link OpeningHours}
 * (in the local time of the place's territory — issue 21, {@link Territories#zoneOf} of its INSEE code, Europe/Paris by
 * default — French public holidays; an unparsable value is never open). Openness only changes from closed to open
 * at midnight or at the start of a time span, so the window is probed at {@code from} and at those moments only (a few
 * per day) rather than minute by minute; the first moment found open is the next opening.
 */
final class WalkInHours {
    private WalkInHours() {
    }

    /**
     * The first moment of [from, until) at which the place is open, or empty (never open, or unparsable).
     *
     * @param insee INSEE code of the place's commune (its time zone), null for Europe/Paris
     */
    static Optional<ZonedDateTime> firstOpening(String value, String insee, ZonedDateTime from, ZonedDateTime until) {
        ZoneId zone = Territories.zoneOf(insee);
        OpeningHours.Calendar calendar = OpeningHours.forDepartement(insee); // PH and SH of the place's département
        Optional<List<Rule>> parsed = OpeningHours.rules(value);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        List<Rule> rules = parsed.get();
        TreeSet<Integer> starts = new TreeSet<>();
        starts.add(0);
        for (Rule rule : rules) {
            if (rule.getTimes() != null) {
                for (TimeSpan span : rule.getTimes()) {
                    if (span.getStart() >= 0 && span.getStart() < 1440) {
                        starts.add(span.getStart());
                    }
                }
            }
        }
        LocalDateTime start = from.withZoneSameInstant(zone).toLocalDateTime();
        LocalDateTime end = until.withZoneSameInstant(zone).toLocalDateTime();
        if (OpeningHours.isOpenAt(value, start, calendar)) {
            return Optional.of(from.withZoneSameInstant(zone));
        }
        for (LocalDate day = start.toLocalDate(); !day.isAfter(end.toLocalDate()); day = day.plusDays(1)) {
            for (int minute : starts) {
                LocalDateTime at = day.atTime(LocalTime.of(minute / 60, minute % 60));
                if (!at.isAfter(start)) {
                    continue;
                }
                if (!at.isBefore(end)) {
                    return Optional.empty();
                }
                if (OpeningHours.isOpenAt(value, at, calendar)) {
                    return Optional.of(at.atZone(zone));
                }
            }
        }
        return Optional.empty();
    }
}
