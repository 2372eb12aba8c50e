package fr.maillage.booking.events;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import fr.maillage.booking.service.People;
import fr.maillage.platform.events.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps booking's read model of the directory's people (id, organisation, still there) from directory.people.v1,
 * through the platform's {@link IdempotentConsumer}: contract checked (META-INF/events/consumed/directory.people.v1.schema.json,
 * only the members booking reads), processed_event and the version guard in the effect's transaction, poison messages
 * parked on booking.dlq.v1. Names and contacts in the events are never stored.
 */
@ApplicationScoped
public class PeopleConsumer {
    private final IdempotentConsumer consumer;
    private final People people;

    PeopleConsumer(IdempotentConsumer consumer, People people) {
        this.consumer = consumer;
        this.people = people;
    }

    @Incoming("directory-people")
    @Blocking
    public void consume(String payload, IncomingKafkaRecordMetadata<?, ?> record) {
        consumer.consume(Topics.PEOPLE, payload, record, event -> people.apply(event.type(), event.version(), event.data()));
    }
}
