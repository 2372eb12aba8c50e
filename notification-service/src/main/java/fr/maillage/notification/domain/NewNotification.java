package fr.maillage.notification.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification row to create. {@code skipReason} non-null: created already skipped (e.g. not a mobile).
 * {@code orgs}: the organisations whose partner apps and agents may read the receipt.
 */
public record NewNotification(String dedupeKey, String template, Integer reminderOffsetMinutes, boolean essential,
        String channel, String recipient, UUID bookingId, UUID shiftId, UUID personId, Instant appointmentStart,
        MessageModel model, Instant dueAt, String skipReason, Orgs orgs) {

    /** The organisation that booked (partner app, agent) and the partner hosting the slot / employing the volunteer. */
    public record Orgs(UUID bookerOrg, UUID partnerId) {
        public static final Orgs NONE = new Orgs(null, null);
    }
}
