package fr.maillage.offers.events;

import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import fr.maillage.platform.events.ConsumedEvent;
import fr.maillage.platform.events.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Remaining seats per session from booking.slots.v1: booking owns the bookings, offers only shows how
 * many seats are left (remaining = capacity - confirmed, recomputed when offers changes the capacity).
 * Issue 19: and whether booking closed the session (an absence of its staff, a closure of its place: {@code closed},
 * {@code closedReason}), kept in {@code closed_reason}, which the planner never writes (a re-plan keeps it closed).
 */
@ApplicationScoped
public class BookingSlotsConsumer {
    private static final Logger LOG = Logger.getLogger(BookingSlotsConsumer.class);
    private final IdempotentConsumer incoming;
    private final EntityManager em;

    BookingSlotsConsumer(IdempotentConsumer incoming, EntityManager em) {
        this.incoming = incoming;
        this.em = em;
    }

    @Incoming("booking-slots")
    @Blocking
    public void consume(String payload, IncomingKafkaRecordMetadata<?, ?> record) {
        incoming.consume(Topics.BOOKING_SLOTS, payload, record, this::apply);
    }

    private void apply(ConsumedEvent event) {
        JsonNode data = event.data();
        UUID slotId = UUID.fromString(data.get("slotId").asText());
        int updated = em.createNativeQuery("""
                UPDATE session SET confirmed = :confirmed, waitlisted = :waitlisted, availability_version = :version,
                    closed_reason = CAST(:closedReason AS text), updated_at = now()
                WHERE id = :id AND availability_version < :version""")
                .setParameter("confirmed", data.get("confirmed").asInt())
                .setParameter("closedReason", closedReason(data))
                .setParameter("waitlisted", data.get("waitlisted").asInt())
                .setParameter("version", event.version())
                .setParameter("id", slotId)
                .executeUpdate();
        if (updated == 0) {
            LOG.debugf("Availability of slot %s not applied (unknown slot or older version %d)", slotId,
                    event.version());
        }
    }

    /** The closure's reason while closed (a French default if booking gave none), null once open again. */
    static String closedReason(JsonNode data) {
        if (!data.path("closed").asBoolean(false)) {
            return null;
        }
        JsonNode reason = data.get("closedReason");
        return reason == null || reason.isNull() || reason.asText().isBlank() ? CLOSED_DEFAULT : reason.asText();
    }

    static final String CLOSED_DEFAULT = "Séance fermée par la structure";
}
