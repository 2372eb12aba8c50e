package fr.maillage.notification.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * No SMS at night: between {@code start} and {@code end} (local time of {@code zone}) an SMS waits for
 * the morning, unless what it is about happens before then, in which case it is no longer useful. Since issue 21 the
 * nights are the place's ({@link #decide(Instant, Instant, ZoneId)}); {@code zone} is the one of messages without a place zone.
 */
public record QuietHours(boolean enabled, LocalTime start, LocalTime end, ZoneId zone) {

    public sealed interface Decision {
    }

    public record SendNow() implements Decision {
    }

    public record WaitUntil(Instant morning) implements Decision {
    }

    public record Skip(String reason) implements Decision {
    }

    public Decision decide(Instant now, Instant appointmentStart) {
        return decide(now, appointmentStart, zone);
    }

    /**
     * The decision at the place's nights (issue 21): {@code start}/{@code end} read in {@code placeZone} — a message about
     * an appointment in La Réunion waits for 8 h in La Réunion, not in Paris. {@code placeZone} null: this policy's zone.
     */
    public Decision decide(Instant now, Instant appointmentStart, ZoneId placeZone) {
        ZoneId z = placeZone == null ? zone : placeZone;
        if (!enabled || !isQuiet(now, z)) {
            return new SendNow();
        }
        Instant morning = nextEnd(now, z);
        if (appointmentStart != null && appointmentStart.isBefore(morning)) {
            return new Skip("quiet_hours");
        }
        return new WaitUntil(morning);
    }

    public boolean isQuiet(Instant instant) {
        return isQuiet(instant, zone);
    }

    public boolean isQuiet(Instant instant, ZoneId zone) {
        LocalTime t = instant.atZone(zone).toLocalTime();
        if (start.isAfter(end)) { // spans midnight, e.g. 20:00-08:00
            return !t.isBefore(start) || t.isBefore(end);
        }
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** The first instant after {@code now} at which quiet hours end. */
    public Instant nextEnd(Instant now) {
        return nextEnd(now, zone);
    }

    /** The first instant after {@code now} at which quiet hours end in {@code zone}. */
    public Instant nextEnd(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = local.toLocalDate().atTime(end).atZone(zone);
        if (!candidate.isAfter(local)) {
            candidate = local.toLocalDate().plusDays(1).atTime(end).atZone(zone);
        }
        return candidate.toInstant();
    }
}
