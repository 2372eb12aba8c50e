package fr.maillage.offers.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * When an offer takes place, in Europe/Paris local time: RFC 5545 recurrence rules (each anchored on a
 * first date and a time range, optionally at another place for itinerant offers), excluded dates and
 * one-off dates. French public holidays are skipped unless {@code skipPublicHolidays} is false.
 */
public record Schedule(List<Rule> rules, List<LocalDate> exceptions, List<OneOff> oneOffs, Boolean skipPublicHolidays) {

    /** @param rrule RFC 5545 RRULE value without the "RRULE:" prefix, e.g. FREQ=WEEKLY;BYDAY=TU */
    public record Rule(String rrule, LocalDate startDate, LocalTime startTime, LocalTime endTime, UUID placeId) {
    }

    public record OneOff(LocalDate date, LocalTime startTime, LocalTime endTime, UUID placeId) {
    }

    public Schedule {
        rules = rules == null ? List.of() : List.copyOf(rules);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
        oneOffs = oneOffs == null ? List.of() : List.copyOf(oneOffs);
        skipPublicHolidays = skipPublicHolidays == null ? Boolean.TRUE : skipPublicHolidays;
    }

    public static Schedule empty() {
        return new Schedule(List.of(), List.of(), List.of(), true);
    }
}
