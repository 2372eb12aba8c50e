package fr.maillage.offers.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The envelope of every Maillage event (CONVENTIONS.md): dedupe on eventId, order by version per aggregateId. */
public record EventEnvelope(UUID eventId, String type, OffsetDateTime occurredAt, String aggregateId, long version,
        Object data) {
}
