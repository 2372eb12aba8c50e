package fr.maillage.notification.events;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.notification.events.ConsumedEvents.Booking;
import fr.maillage.notification.events.ConsumedEvents.Envelope;
import fr.maillage.notification.events.ConsumedEvents.Person;
import fr.maillage.notification.events.ConsumedEvents.Shift;
import fr.maillage.notification.events.EventSchemas.InvalidEventException;
import fr.maillage.notification.service.NotificationPlanner;
import fr.maillage.notification.service.Webhooks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Idempotent consumers: an event is validated against its schema, then applied once (processed_event,
 * same transaction as its effect) and only if newer than what was applied for its aggregate. A
 * malformed event throws: SmallRye parks it on notification.dlq.v1 with the reason, the partition goes on.
 */
@ApplicationScoped
public class EventConsumers {
    private static final Logger LOG = Logger.getLogger(EventConsumers.class);
    public static final String BOOKINGS = "booking.bookings.v1";
    public static final String SHIFTS = "booking.shifts.v1";
    public static final String PEOPLE = "directory.people.v1";
    public static final String OFFERS = "offers.offers.v1";
    public static final String SESSIONS = "offers.sessions.v1";

    private final ObjectMapper mapper;
    private final EventSchemas schemas;
    private final ProcessedEvents processed;
    private final NotificationPlanner planner;
    private final Webhooks webhooks;

    EventConsumers(ObjectMapper mapper, EventSchemas schemas, ProcessedEvents processed, NotificationPlanner planner,
            Webhooks webhooks) {
        this.mapper = mapper;
        this.schemas = schemas;
        this.processed = processed;
        this.planner = planner;
        this.webhooks = webhooks;
    }

    @Incoming("bookings")
    @Blocking
    public void bookings(String payload) {
        Envelope<Booking> e = read(BOOKINGS, payload, Booking.class);
        inTransaction(() -> {
            if (!firstTime(BOOKINGS, e)) {
                return;
            }
            // partners hear of every booking event once, even one too stale to change our messages
            webhooks.onBooking(e);
            if (newer("booking", e)) {
                planner.onBooking(e);
            }
        });
    }

    /** offers.offers.v1: only partner webhooks (offer.changed) use it. */
    @Incoming("offers")
    @Blocking
    public void offers(String payload) {
        Envelope<JsonNode> e = read(OFFERS, payload, JsonNode.class);
        inTransaction(() -> {
            if (firstTime(OFFERS, e)) {
                webhooks.onOffer(e);
            }
        });
    }

    /** offers.sessions.v1: only partner webhooks (session.cancelled) use it. */
    @Incoming("sessions")
    @Blocking
    public void sessions(String payload) {
        Envelope<JsonNode> e = read(SESSIONS, payload, JsonNode.class);
        inTransaction(() -> {
            if (firstTime(SESSIONS, e)) {
                webhooks.onSession(e);
            }
        });
    }

    @Incoming("shifts")
    @Blocking
    public void shifts(String payload) {
        Envelope<Shift> e = read(SHIFTS, payload, Shift.class);
        inTransaction(() -> {
            if (apply(SHIFTS, "shift", e)) {
                planner.onShift(e);
            }
        });
    }

    @Incoming("people")
    @Blocking
    public void people(String payload) {
        Envelope<Person> e = read(PEOPLE, payload, Person.class);
        inTransaction(() -> {
            if (apply(PEOPLE, "person", e)) {
                planner.onPerson(e);
            }
        });
    }

    /**
     * A valid event whose transaction fails (database down, deadlock) is retried here with backoff, in
     * order, rather than dead-lettered: it is not poison. After ~1 minute it goes to the DLQ anyway so
     * the consumer never exceeds Kafka's poll interval.
     */
    private void inTransaction(Runnable effect) {
        long delay = 200;
        for (int attempt = 1;; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(effect);
                return;
            } catch (RuntimeException ex) {
                if (attempt >= 8) {
                    throw ex;
                }
                LOG.warnf("Applying event failed (attempt %d), retrying in %d ms: %s", attempt, delay, ex.getMessage());
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw ex;
                }
                delay = Math.min(delay * 2, 15_000);
            }
        }
    }

    private boolean apply(String topic, String aggregateType, Envelope<?> e) {
        return firstTime(topic, e) && newer(aggregateType, e);
    }

    private boolean firstTime(String topic, Envelope<?> e) {
        if (!processed.firstTime(e.eventId(), topic)) {
            LOG.debugf("Event %s already applied, skipped", e.eventId());
            return false;
        }
        return true;
    }

    private boolean newer(String aggregateType, Envelope<?> e) {
        if (!processed.newerVersion(aggregateType, e.aggregateId(), e.version())) {
            LOG.infof("Stale %s v%d of %s ignored", e.type(), e.version(), e.aggregateId());
            return false;
        }
        return true;
    }

    private <T> Envelope<T> read(String topic, String payload, Class<T> dataType) {
        JsonNode tree;
        try {
            tree = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(topic + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException(topic + ": not a JSON object");
        }
        schemas.validateConsumed(topic, tree);
        JavaType type = mapper.getTypeFactory().constructParametricType(Envelope.class, dataType);
        try {
            return mapper.convertValue(tree, type);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(topic + ": " + e.getMessage());
        }
    }
}
