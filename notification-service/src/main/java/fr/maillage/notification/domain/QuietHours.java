package fr.maillage.notification.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * No SMS at night: between {@code start} and {@code end} (local time of {@code zone}) an SMS waits for
 * the morning, unless what it is about happens before then, in which case it is no longer useful.
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
        if (!enabled || !isQuiet(now)) {
            return new SendNow();
        }
        Instant morning = nextEnd(now);
        if (appointmentStart != null && appointmentStart.isBefore(morning)) {
            return new Skip("quiet_hours");
        }
        return new WaitUntil(morning);
    }

    public boolean isQuiet(Instant instant) {
        LocalTime t = instant.atZone(zone).toLocalTime();
        if (start.isAfter(end)) { // spans midnight, e.g. 20:00-08:00
            return !t.isBefore(start) || t.isBefore(end);
        }
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** The first instant after {@code now} at which quiet hours end. */
    public Instant nextEnd(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = local.toLocalDate().atTime(end).atZone(zone);
        if (!candidate.isAfter(local)) {
            candidate = local.toLocalDate().plusDays(1).atTime(end).atZone(zone);
        }
        return candidate.toInstant();
    }
}
