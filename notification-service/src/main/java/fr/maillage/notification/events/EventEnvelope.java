package fr.maillage.notification.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The envelope of every Maillage event (CONVENTIONS.md). */
public record EventEnvelope(UUID eventId, String type, OffsetDateTime occurredAt, String aggregateId, long version,
        Object data) {
}
