package fr.maillage.booking.events;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.booking.service.SlotService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Builds the slot inventory from offers.sessions.v1. Idempotent (processed_event in the same
 * transaction as the effect) and ordered per session by the envelope version.
 *
 * <p>An event that breaks the contract is thrown out at once: the channel's dead-letter-queue strategy
 * parks it on booking.dlq.v1 instead of blocking the partition. A valid event whose transaction fails
 * (typically a deadlock with a booking on the same slot, or a database restart) is retried a few times
 * with backoff before being parked, so a transient failure does not lose it.
 */
@ApplicationScoped
public class SessionsConsumer {
    private static final Logger LOG = Logger.getLogger(SessionsConsumer.class);
    public static final String TOPIC = "offers.sessions.v1";
    static final int ATTEMPTS = 4;

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final SlotService slots;

    SessionsConsumer(ObjectMapper mapper, ProcessedEvents processed, SlotService slots) {
        this.mapper = mapper;
        this.processed = processed;
        this.slots = slots;
    }

    @Incoming("offers-sessions")
    @Blocking
    public void consume(String payload) throws Exception {
        JsonNode event = mapper.readTree(payload);
        List<String> violations = EventSchemas.validateConsumed(TOPIC, event);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("Event breaks the " + TOPIC + " contract: " + violations);
        }
        UUID eventId = UUID.fromString(event.get("eventId").asText());
        for (int attempt = 1;; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> apply(eventId, event));
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                long backoff = 200L << attempt;
                LOG.warnf("Event %s not applied (attempt %d/%d), retrying in %d ms: %s", eventId, attempt, ATTEMPTS,
                        backoff, e.getMessage());
                Thread.sleep(backoff);
            }
        }
    }

    private void apply(UUID eventId, JsonNode event) {
        if (!processed.firstTime(eventId, TOPIC)) {
            LOG.debugf("Event %s already applied, skipped", eventId);
            return;
        }
        slots.apply(event.get("type").asText(), event.get("version").asLong(), event.get("data"));
    }
}
