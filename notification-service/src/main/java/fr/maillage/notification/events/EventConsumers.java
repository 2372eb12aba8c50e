package fr.maillage.notification.events;

import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.notification.domain.BookingCodes;
import fr.maillage.notification.domain.Redaction;
import fr.maillage.notification.config.NotificationConfig;
import fr.maillage.notification.events.ConsumedEvents.Booking;
import fr.maillage.notification.events.ConsumedEvents.BookingPerson;
import fr.maillage.notification.events.ConsumedEvents.CodeRequest;
import fr.maillage.notification.events.ConsumedEvents.SealedContact;
import fr.maillage.notification.events.ConsumedEvents.Envelope;
import fr.maillage.notification.events.ConsumedEvents.Person;
import fr.maillage.notification.events.ConsumedEvents.Shift;
import fr.maillage.notification.events.ConsumedEvents.StaffingRequest;
import fr.maillage.notification.service.NotificationPlanner;
import fr.maillage.notification.service.StaffingPlanner;
import fr.maillage.notification.service.Webhooks;
import fr.maillage.platform.crypto.SealedData;
import fr.maillage.platform.events.ConsumedEvent;
import fr.maillage.platform.events.IdempotentConsumer;
import fr.maillage.platform.events.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The consumed topics, applied through the platform's {@link IdempotentConsumer} (contract check, processed_event,
 * retries of transient failures, poison messages parked on notification.dlq.v1 with the reason).
 * <p>
 * The version guard is this service's own ({@link AggregateVersions}, per booking / shift / person), not the
 * platform's: partners' webhooks hear every booking event once, even one too stale to change our messages, and the
 * versions applied before the platform existed are in aggregate_version.
 */
@ApplicationScoped
public class EventConsumers {
    private static final Logger LOG = Logger.getLogger(EventConsumers.class);
    public static final String BOOKINGS = "booking.bookings.v1";
    public static final String SHIFTS = "booking.shifts.v1";
    public static final String PEOPLE = "directory.people.v1";
    public static final String OFFERS = "offers.offers.v1";
    public static final String SESSIONS = "offers.sessions.v1";
    private static final boolean OWN_VERSION_GUARD = false;
    /** A booking made from the public site waits for the code sent to its contact (issue 17). */
    public static final String CODE_REQUESTED = "BookingCodeRequested";
    /** A new self-service link for a booking, asked for by the desk or a partner app (issue 18). */
    public static final String LINK_SENT = "BookingSelfServiceLinkSent";
    /** The booking event types this service acts on; any other (a type added upstream later) is read and ignored. */
    static final Set<String> BOOKING_TYPES = Set.of("BookingConfirmed", "BookingWaitlisted", "BookingPromoted",
            "BookingCancelled", "BookingRescheduled", "BookingAttended", "BookingNoShow", "BookingAnonymised");
    /**
     * Statuses of a booking not yet made (issue 17: {@code pending} while its code is awaited, {@code expired} when the
     * hold ran out): nothing is sent for them, not even to partners' webhooks — for the person and the partners the
     * booking exists once it is confirmed or waitlisted.
     */
    static final Set<String> NOT_MADE = Set.of("pending", "expired");
    /** The shift event types this service acts on (booking.shifts.v1); any other is read and ignored. */
    static final Set<String> SHIFT_TYPES = Set.of("ShiftAssigned", "ShiftChanged", "ShiftCancelled");
    /** Issue 19: a volunteer asked to staff a permanence, told it is covered; a decline is only recorded upstream. */
    public static final String STAFFING_REQUESTED = "StaffingRequested";
    public static final String STAFFING_COVERED = "StaffingRequestCovered";
    public static final String STAFFING_DECLINED = "StaffingRequestDeclined";
    public static final String STAFFING_CANCELLED = "StaffingRequestCancelled";
    static final Set<String> STAFFING_TYPES = Set.of(STAFFING_REQUESTED, STAFFING_COVERED, STAFFING_DECLINED);

    private final IdempotentConsumer consumer;
    private final ObjectMapper mapper;
    private final AggregateVersions versions;
    private final NotificationPlanner planner;
    private final StaffingPlanner staffing;
    private final Webhooks webhooks;
    private final SealedData sealed;
    private final boolean acceptClearContacts;

    EventConsumers(IdempotentConsumer consumer, ObjectMapper mapper, AggregateVersions versions, NotificationPlanner planner,
            StaffingPlanner staffing, Webhooks webhooks, SealedData sealed, NotificationConfig config) {
        this.staffing = staffing;
        this.consumer = consumer;
        this.mapper = mapper;
        this.versions = versions;
        this.planner = planner;
        this.webhooks = webhooks;
        this.sealed = sealed;
        this.acceptClearContacts = config.acceptClearContacts();
    }

    @Incoming("bookings")
    @Blocking
    public void bookings(String payload, IncomingKafkaRecordMetadata<?, ?> record) {
        consumer.consume(BOOKINGS, payload, record, event -> {
            if (CODE_REQUESTED.equals(event.type())) {
                // no version guard: each code event is one message (idempotent by event id), whatever its version
                code(typed(event, CodeRequest.class));
                return;
            }
            if (LINK_SENT.equals(event.type())) {
                // one message per event, like a code: no version guard (a link asked twice is sent twice)
                planner.onSelfServiceLink(withContact(booking(event)));
                return;
            }
            if (!BOOKING_TYPES.contains(event.type())) {
                LOG.debugf("%s %s: a booking event type this service does not use, ignored", event.type(), event.eventId());
                return;
            }
            Envelope<Booking> e = withContact(booking(event));
            if (NOT_MADE.contains(e.data().status())) {
                LOG.debugf("%s of booking %s in status %s: nothing to send", e.type(), e.aggregateId(), e.data().status());
                return;
            }
            if (newer("booking", e)) {
                planner.onBooking(e);
            }
            // partners hear of every booking event once, even one too stale to change our messages; last, because the
            // event feed's lock is then held only for its insert and the commit (EventFeed)
            webhooks.onBooking(e);
        }, OWN_VERSION_GUARD);
    }

    /** offers.offers.v1: only partner webhooks (offer.changed) use it. */
    @Incoming("offers")
    @Blocking
    public void offers(String payload, IncomingKafkaRecordMetadata<?, ?> record) {
        consumer.consume(OFFERS, payload, record, event -> webhooks.onOffer(typed(event, JsonNode.class)), OWN_VERSION_GUARD);
    }

    /** offers.sessions.v1: only partner webhooks (session.cancelled) use it. */
    @Incoming("sessions")
    @Blocking
    public void sessions(String payload, IncomingKafkaRecordMetadata<?, ?> record) {
        consumer.consume(SESSIONS, payload, record, event -> webhooks.onSession(typed(event, JsonNode.class)), OWN_VERSION_GUARD);
    }

    @Incoming("shifts")
    @Blocking
    public void shifts(String payload, IncomingKafkaRecordMetadata<?, ?> record) {
        consumer.consume(SHIFTS, payload, record, event -> {
            if (STAFFING_CANCELLED.equals(event.type())) {
                // the permanence went away (an absence, a closure): a request message not sent yet is not sent
                staffing.onStaffingRequestCancelled(typed(event, StaffingRequest.class));
                return;
            }
            if (STAFFING_TYPES.contains(event.type())) {
                // one message per request (its own aggregate): StaffingRequestDeclined sends nothing
                Envelope<StaffingRequest> e = typed(event, StaffingRequest.class);
                if (!STAFFING_DECLINED.equals(e.type()) && newer("staffing_request", e)) {
                    staffing.onStaffingRequest(e);
                }
                return;
            }
            if (!SHIFT_TYPES.contains(event.type())) {
                LOG.debugf("%s %s: a shift event type this service does not use, ignored", event.type(), event.eventId());
                return;
            }
            Envelope<Shift> e = typed(event, Shift.class);
            if (newer("shift", e)) {
                planner.onShift(e);
            }
        }, OWN_VERSION_GUARD);
    }

    @Incoming("people")
    @Blocking
    public void people(String payload, IncomingKafkaRecordMetadata<?, ?> record) {
        consumer.consume(PEOPLE, payload, record, event -> {
            Envelope<Person> e = typed(event, Person.class);
            if (newer("person", e)) {
                planner.onPerson(e);
            }
        }, OWN_VERSION_GUARD);
    }

    /** A booking event's data, knowing whether it carried the deadline members (see Booking.withDeadlinesCarried). */
    private Envelope<Booking> booking(ConsumedEvent event) {
        Envelope<Booking> typed = typed(event, Booking.class);
        boolean deadlines = event.data() != null && (event.data().has("cancelUntil") || event.data().has("rescheduleUntil"));
        return new Envelope<>(typed.eventId(), typed.type(), typed.occurredAt(), typed.aggregateId(), typed.version(),
                typed.data().withDeadlinesCarried(deadlines));
    }

    /**
     * The booking with its sealed {@code contact} opened (issue 16, item 7). A contact no configured key opens makes the
     * event poison: parked on the DLQ, its content never logged (the reason names the event, not the value). An event of
     * the previous version (clear {@code person} / {@code selfServiceUrl}, no {@code contact}) is read as before while
     * {@code maillage.notification.accept-clear-contacts} is on (default: they may still be in the topic).
     */
    private Envelope<Booking> withContact(Envelope<Booking> e) {
        Booking b = e.data();
        if (b.contact() == null) {
            if (!acceptClearContacts && (b.person() != null || b.selfServiceUrl() != null)) {
                throw new PoisonEventException(BOOKINGS + ": event " + e.eventId() + " carries a contact in clear,"
                        + " refused (maillage.notification.accept-clear-contacts=false)");
            }
            return e;
        }
        SealedContact c;
        try {
            c = sealed.openJson(b.contact(), SealedContact.class);
        } catch (SealedData.Unreadable ex) {
            throw new PoisonEventException(BOOKINGS + ": event " + e.eventId() + " has a contact that cannot be opened ("
                    + ex.getMessage() + ")");
        }
        BookingPerson person = c == null ? null
                : new BookingPerson(c.firstName(), c.phone(), c.email(), c.smsConsent(), c.emailConsent());
        return new Envelope<>(e.eventId(), e.type(), e.occurredAt(), e.aggregateId(), e.version(),
                b.withContact(person, c == null ? null : c.selfServiceUrl()));
    }

    /** BookingCodeRequested: contact and code opened here (an unreadable one is poison, named, never quoted). */
    private void code(Envelope<CodeRequest> e) {
        CodeRequest c = e.data();
        UUID bookingId = c.id() != null ? c.id() : c.bookingId() != null ? c.bookingId() : e.aggregateId();
        SealedContact contact;
        try {
            contact = sealed.openJson(c.contact(), SealedContact.class);
            if (c.code() == null || BookingCodes.digits(sealed.open(c.code())) == null) {
                throw new SealedData.Unreadable("the code is not 6 digits");
            }
        } catch (SealedData.Unreadable ex) {
            throw new PoisonEventException(BOOKINGS + ": event " + e.eventId() + " (" + CODE_REQUESTED
                    + ") has a contact or code that cannot be opened (" + ex.getMessage() + ")");
        }
        BookingPerson person = contact == null ? null
                : new BookingPerson(contact.firstName(), contact.phone(), contact.email(), contact.smsConsent(),
                        contact.emailConsent());
        planner.onCodeRequested(e, bookingId, person, c.code());
    }

    private boolean newer(String aggregateType, Envelope<?> e) {
        if (!versions.newer(aggregateType, e.aggregateId(), e.version())) {
            LOG.infof("Stale %s v%d of %s ignored", e.type(), e.version(), e.aggregateId());
            return false;
        }
        return true;
    }

    /** The event with its data read as this service's record (the contract was checked before). */
    private <T> Envelope<T> typed(ConsumedEvent e, Class<T> dataType) {
        try {
            return new Envelope<>(e.eventId(), e.type(), e.occurredAt(), UUID.fromString(e.aggregateId()), e.version(),
                    mapper.convertValue(e.data(), dataType));
        } catch (IllegalArgumentException ex) {
            // the message may quote a value of the event: masked (never a phone, e-mail or link in the DLQ reason or logs)
            throw new PoisonEventException(e.topic() + ": " + Redaction.redact(ex.getMessage()));
        }
    }
}
