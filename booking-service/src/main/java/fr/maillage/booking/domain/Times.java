package fr.maillage.booking.domain;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Stored in UTC (timestamptz), shown and published with the offset of the place's time zone (issue 21: {@link #local},
 * {@link Slot#local}); bookkeeping instants (createdAt, updatedAt...) with Europe/Paris's.
 */
public final class Times {
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private Times() {
    }

    public static OffsetDateTime paris(OffsetDateTime instant) {
        return instant == null ? null : instant.atZoneSameInstant(PARIS).toOffsetDateTime();
    }

    /** The instant at the offset of {@code zone} (Europe/Paris when null). */
    public static OffsetDateTime local(OffsetDateTime instant, ZoneId zone) {
        return instant == null ? null : instant.atZoneSameInstant(zone == null ? PARIS : zone).toOffsetDateTime();
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(PARIS);
    }
}
