package fr.maillage.booking.domain;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Stored in UTC (timestamptz), shown and published with the offset people in France read. */
public final class Times {
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private Times() {
    }

    public static OffsetDateTime paris(OffsetDateTime instant) {
        return instant == null ? null : instant.atZoneSameInstant(PARIS).toOffsetDateTime();
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(PARIS);
    }
}
