package fr.maillage.booking.events;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import fr.maillage.booking.service.Partners;
import fr.maillage.platform.events.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps booking's read model of the directory's partners (id, still there) from directory.partners.v1 (issue 18: the
 * targets of referrals), through the platform's {@link IdempotentConsumer}: contract checked
 * (META-INF/events/consumed/directory.partners.v1.schema.json, only the members booking reads), processed_event and the
 * version guard in the effect's transaction, poison messages parked on booking.dlq.v1.
 */
@ApplicationScoped
public class PartnersConsumer {
    private final IdempotentConsumer consumer;
    private final Partners partners;

    PartnersConsumer(IdempotentConsumer consumer, Partners partners) {
        this.consumer = consumer;
        this.partners = partners;
    }

    @Incoming("directory-partners")
    @Blocking
    public void consume(String payload, IncomingKafkaRecordMetadata<?, ?> record) {
        consumer.consume(Topics.PARTNERS, payload, record, event -> partners.apply(event.type(), event.version(), event.data()));
    }
}
