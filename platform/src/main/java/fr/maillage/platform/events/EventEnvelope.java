package fr.maillage.platform.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The envelope every Maillage event carries (see CONVENTIONS.md): consumers deduplicate on {@code eventId} and order
 * by {@code version} within one {@code aggregateId}; {@code data} is the event's own record, described by the
 * producing service's JSON Schema.
 */
public record EventEnvelope(UUID eventId, String type, OffsetDateTime occurredAt, String aggregateId, long version,
        Object data) {
}
