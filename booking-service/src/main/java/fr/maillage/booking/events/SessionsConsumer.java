package fr.maillage.booking.events;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import fr.maillage.booking.service.SlotService;
import fr.maillage.platform.events.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Builds the slot inventory from offers.sessions.v1 through the platform's {@link IdempotentConsumer}: contract
 * checked (META-INF/events/consumed/offers.sessions.v1.schema.json), processed_event in the same transaction as the
 * effect, transient failures (database restarting, deadlock with a booking on the same slot) retried with backoff,
 * poison messages parked on booking.dlq.v1 by the channel's dead-letter-queue strategy. Within one session,
 * {@link SlotService#apply} also ignores a version the slot already reflects.
 */
@ApplicationScoped
public class SessionsConsumer {
    public static final String TOPIC = Topics.SESSIONS;

    private final IdempotentConsumer consumer;
    private final SlotService slots;

    SessionsConsumer(IdempotentConsumer consumer, SlotService slots) {
        this.consumer = consumer;
        this.slots = slots;
    }

    @Incoming("offers-sessions")
    @Blocking
    public void consume(String payload, IncomingKafkaRecordMetadata<?, ?> record) {
        consumer.consume(TOPIC, payload, record, event -> slots.apply(event.type(), event.version(), event.data()));
    }
}
