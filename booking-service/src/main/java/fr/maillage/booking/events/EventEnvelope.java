package fr.maillage.booking.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The envelope every Maillage event carries (see CONVENTIONS.md): consumers deduplicate on
 * {@code eventId} and order by {@code version} within one {@code aggregateId}.
 */
public record EventEnvelope(UUID eventId, String type, OffsetDateTime occurredAt, String aggregateId, long version,
        Object data) {
}
