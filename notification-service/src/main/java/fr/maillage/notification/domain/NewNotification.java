package fr.maillage.notification.domain;

import java.time.Instant;
import java.util.UUID;

/** A notification row to create. {@code skipReason} non-null: created already skipped (e.g. not a mobile). */
public record NewNotification(String dedupeKey, String template, Integer reminderOffsetMinutes, boolean essential,
        String channel, String recipient, UUID bookingId, UUID shiftId, UUID personId, Instant appointmentStart,
        MessageModel model, Instant dueAt, String skipReason) {
}
