package fr.maillage.notification.service;

import static fr.maillage.notification.domain.Templates.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import fr.maillage.notification.config.NotificationConfig;
import fr.maillage.notification.domain.FictionNumbers;
import fr.maillage.notification.domain.MessageModel;
import fr.maillage.notification.domain.NewNotification;
import fr.maillage.notification.domain.NewNotification.Orgs;
import fr.maillage.platform.phone.PhoneNumbers;
import fr.maillage.notification.domain.Templates;
import fr.maillage.notification.events.ConsumedEvents;
import fr.maillage.notification.events.ConsumedEvents.Booking;
import fr.maillage.notification.events.ConsumedEvents.BookingPerson;
import fr.maillage.notification.events.ConsumedEvents.CodeRequest;
import fr.maillage.notification.events.ConsumedEvents.Envelope;
import fr.maillage.notification.events.ConsumedEvents.Person;
import fr.maillage.notification.events.ConsumedEvents.Shift;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Turns booking, shift and people events into notification rows: which messages, on which channels,
 * when. Runs in the consumer's transaction, so an event and its rows commit together.
 */
@ApplicationScoped
public class NotificationPlanner {
    private static final Logger LOG = Logger.getLogger(NotificationPlanner.class);
    static final List<Integer> DEFAULT_REMINDERS = List.of(2880, 120);
    private static final Integer ANY_REMINDER = NotificationStore.ANY_REMINDER;
    static final String VOICE_CHANNEL = "voice";

    /** A way to reach someone: channel + address, or the reason it cannot be used. */
    record Recipient(String channel, String address, String skipReason) {
    }

    private final NotificationStore store;
    private final NotificationConfig config;
    private final AppClock clock;
    private final EntityManager em;
    private final BookingContacts contacts;

    NotificationPlanner(NotificationStore store, NotificationConfig config, AppClock clock, EntityManager em,
            BookingContacts contacts) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.em = em;
        this.contacts = contacts;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onBooking(Envelope<Booking> event) {
        Envelope<Booking> e = event;
        if ("BookingAnonymised".equals(event.type())) {
            contacts.forget(event.data().id());
        } else {
            // the self-service link comes only with the booking's creation: later messages reuse the one kept
            String link = contacts.remember(event.data());
            if (link != null && !link.equals(event.data().selfServiceUrl())) {
                e = new Envelope<>(event.eventId(), event.type(), event.occurredAt(), event.aggregateId(), event.version(),
                        event.data().withContact(event.data().person(), link));
            }
        }
        Booking b = e.data();
        Instant now = clock.now();
        boolean past = !b.start().toInstant().isAfter(now);
        store.fillOrganisations(b.id(), orgs(b));
        switch (e.type()) {
            case "BookingCancelled" -> {
                store.skipPending("booking_id", b.id(), null, ANY_REMINDER, "booking_cancelled");
                // only a cancellation by the person or by the service is told (not, say, an expired hold)
                if (!past && b.status() != null && b.status().startsWith("cancelled_by_")) {
                    boolean byService = "cancelled_by_service".equals(b.status());
                    if (byService && (b.absenceId() != null || b.rebookUrl() != null)) {
                        // issue 19: cancelled by an absence or a closure, no equivalent slot: the reason and where to
                        // book again (one message, sent even to an opted-out number like any cancellation by the service)
                        add(e, BOOKING_CANCELLED_BY_ABSENCE, true, false, recipients(b),
                                model(b).withReason(reason(b)).withAction(b.rebookUrl(), null, null), null, null, b.id(),
                                orgs(b));
                    } else {
                        messages(e, byService ? BOOKING_CANCELLED_BY_SERVICE : BOOKING_CANCELLED_BY_CITIZEN, byService,
                                false);
                    }
                }
            }
            case "BookingAttended", "BookingNoShow" -> store.skipPending("booking_id", b.id(), null, ANY_REMINDER,
                    "booking_" + b.status());
            case "BookingAnonymised" -> {
                store.skipPending("booking_id", b.id(), null, null, "booking_anonymised");
                store.anonymise("booking_id", b.id(), null);
            }
            default -> {
                if (past) {
                    LOG.debugf("%s for past booking %s: nothing to send", e.type(), b.id());
                    return;
                }
                switch (e.type()) {
                    case "BookingConfirmed" -> {
                        messages(e, BOOKING_CONFIRMED, false, false);
                        reminders(e);
                    }
                    case "BookingWaitlisted" -> messages(e, BOOKING_WAITLISTED, false, false);
                    case "BookingPromoted" -> {
                        messages(e, BOOKING_PROMOTED, false, false);
                        reminders(e);
                    }
                    case "BookingRescheduled" -> {
                        if (b.absenceId() != null || b.reason() != null) {
                            // issue 19: moved by an absence or a closure — old and new time, and why
                            add(e, BOOKING_MOVED, false, true, recipients(b), model(b).withReason(reason(b)), null, null,
                                    b.id(), orgs(b));
                        } else {
                            messages(e, BOOKING_RESCHEDULED, false, true);
                        }
                        reminders(e);
                    }
                    default -> LOG.warnf("Unhandled booking event type %s", e.type());
                }
            }
        }
    }

    /**
     * BookingCodeRequested (issue 17): one message carrying the code, due now, by SMS when the contact has a French mobile,
     * else by e-mail (the person asked for it on the booking page: consent flags and opt-outs do not hold it back, and
     * quiet hours neither: Templates.IMMEDIATE). The code stays sealed in the stored model. A code already expired when
     * the event is read (a consumer far behind) is not sent.
     *
     * @param person the opened contact; {@code sealedCode} the code as booking-service sealed it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onCodeRequested(Envelope<CodeRequest> e, UUID bookingId, BookingPerson person, String sealedCode) {
        CodeRequest c = e.data();
        Instant now = clock.now();
        if (c.expiresAt() != null && !c.expiresAt().toInstant().isAfter(now)) {
            LOG.infof("Code of booking %s expired before it could be sent (event %s): nothing sent", bookingId, e.eventId());
            return;
        }
        Recipient to = codeRecipient(person);
        if (to == null) {
            LOG.warnf("Code of booking %s: no mobile number nor e-mail address in the contact, nothing sent", bookingId);
            return;
        }
        int minutes = c.expiresAt() == null ? 10
                : (int) Math.max(1, Math.round(java.time.Duration.between(e.occurredAt().toInstant(),
                        c.expiresAt().toInstant()).toSeconds() / 60.0));
        MessageModel model = new MessageModel(bookingId, null, person.firstName(),
                c.offer() == null ? null : c.offer().title(), c.offer() == null ? null : c.offer().type(),
                c.place() == null ? null : c.place().name(), c.place() == null ? null : c.place().street(),
                c.place() == null ? null : c.place().postalCode(), c.place() == null ? null : c.place().commune(),
                c.place() == null ? null : c.place().phone(), c.start(), c.end(), null, null, null, null, sealedCode,
                c.expiresAt(), minutes, null, null, null).withTimeZone(ConsumedEvents.zoneOf(c.timeZone(), c.place()));
        // one message per event: a code asked again is a new event, and the old code is void anyway
        store.insert(new NewNotification(BOOKING_CODE + "-" + bookingId + "-" + e.eventId(), BOOKING_CODE, null, true,
                to.channel(), to.address(), bookingId, null, null, c.start() == null ? null : c.start().toInstant(),
                model, now, to.skipReason(), new Orgs(c.bookerOrg(), c.partnerId())));
    }

    /**
     * BookingSelfServiceLinkSent (issue 18): booking-service rotated the booking's self-service token at the desk's or a
     * partner app's request — the old link is dead. One message per event with the new link, by SMS or e-mail as the
     * event's {@code sentTo} says (else the mobile, else the e-mail address), at once and even to an opted-out number
     * (the person asked for it now: {@code essential}, Templates.IMMEDIATE). The new link replaces the kept one
     * (booking_contact) and the one in the booking's pending messages (a reminder must not carry the dead link).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onSelfServiceLink(Envelope<Booking> e) {
        Booking b = e.data();
        store.fillOrganisations(b.id(), orgs(b));
        String link = b.selfServiceUrl();
        if (link == null || link.isBlank()) {
            LOG.warnf("%s %s of booking %s carries no link: nothing sent", e.type(), e.eventId(), b.id());
            return;
        }
        contacts.remember(b);
        store.replaceLink(b.id(), link);
        if (b.status() == null || b.status().startsWith("cancelled") || "expired".equals(b.status())
                || !b.start().toInstant().isAfter(clock.now())) {
            LOG.infof("%s of booking %s in status %s: no message", e.type(), b.id(), b.status());
            return;
        }
        Recipient to = linkRecipient(b.person(), b.sentTo());
        if (to == null) {
            LOG.warnf("%s of booking %s: no mobile number nor e-mail address in the contact, nothing sent", e.type(), b.id());
            return;
        }
        MessageModel model = "waitlisted".equals(b.status()) ? model(b).withoutReschedule() : model(b);
        store.insert(new NewNotification(BOOKING_SELF_SERVICE_LINK + "-" + b.id() + "-" + e.eventId(),
                BOOKING_SELF_SERVICE_LINK, null, true, to.channel(), to.address(), b.id(), null, null,
                b.start().toInstant(), model, clock.now(), to.skipReason(), orgs(b)));
    }

    /** Where the new link goes: where booking-service said ({@code sentTo}) when it is there, else as a code. */
    private Recipient linkRecipient(BookingPerson p, String sentTo) {
        if (p != null && "email".equals(sentTo) && p.email() != null && !p.email().isBlank()) {
            return new Recipient("email", p.email().trim(), null);
        }
        return codeRecipient(p);
    }

    /** The code goes where the person can read it now: the mobile if any, else the e-mail address. */
    private Recipient codeRecipient(BookingPerson p) {
        if (p == null) {
            return null;
        }
        Optional<String> mobile = p.phone() == null || p.phone().isBlank() ? Optional.empty()
                : PhoneNumbers.frenchMobile(p.phone(), config.defaultRegion());
        if (mobile.isPresent()) {
            return new Recipient("sms", mobile.get(), null);
        }
        if (p.email() != null && !p.email().isBlank()) {
            return new Recipient("email", p.email().trim(), null);
        }
        if (p.phone() != null && !p.phone().isBlank()) {
            return new Recipient("sms", p.phone(), "not_a_french_mobile");
        }
        return null;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onShift(Envelope<Shift> e) {
        Shift s = e.data();
        Optional<Person> person = person(s.personId());
        // a volunteer's messages concern the partner the directory attaches them to
        Orgs orgs = new Orgs(null, person.map(Person::partnerId).orElse(null));
        if (person.isEmpty()) {
            // Unknown recipient: a permanent condition for this event (the directory never published them).
            LOG.warnf("Shift %s: person %s unknown or deleted, nothing sent", s.id(), s.personId());
            return;
        }
        List<Recipient> to = recipients(person.get());
        MessageModel model = new MessageModel(null, s.id(), person.get().firstName(),
                s.offer() == null ? null : s.offer().title(), null, s.place() == null ? null : s.place().name(),
                s.place() == null ? null : s.place().street(), s.place() == null ? null : s.place().postalCode(),
                s.place() == null ? null : s.place().commune(), null, s.start(), s.end(), null, null, null, null)
                .withTimeZone(ConsumedEvents.zoneOf(s.timeZone(), s.place()));
        boolean past = !s.start().toInstant().isAfter(clock.now());
        if ("ShiftCancelled".equals(e.type()) || "cancelled".equals(s.status())) {
            store.skipPending("shift_id", s.id(), null, ANY_REMINDER, "shift_cancelled");
            if (past) {
                return;
            }
            if (s.absenceId() != null) {
                // issue 19: an absence or a closure cancels several shifts at once: the person is told once per absence
                LocalDate from = s.absenceFrom() != null ? s.absenceFrom()
                        : s.start().atZoneSameInstant(model.zoneOr(config.quietHours().zone())).toLocalDate();
                MessageModel told = model.withReason(s.reason()).withAction(null, from,
                        s.absenceTo() != null ? s.absenceTo() : from);
                for (Recipient r : to) {
                    store.insert(new NewNotification(SHIFT_CANCELLED_BY_ABSENCE + "-" + s.absenceId() + "-" + s.personId()
                            + "-" + r.channel(), SHIFT_CANCELLED_BY_ABSENCE, null, false, r.channel(), r.address(), null,
                            s.id(), s.personId(), s.start().toInstant(), told, clock.now(), r.skipReason(), orgs));
                }
                return;
            }
            add(e, SHIFT_CANCELLED, false, false, to, model.withReason(s.cancelReason() != null ? s.cancelReason()
                    : s.reason()), s.id(), s.personId(), null, orgs);
            return;
        }
        if (past) {
            return;
        }
        boolean changed = "ShiftChanged".equals(e.type());
        add(e, changed ? SHIFT_CHANGED : SHIFT_ASSIGNED, false, changed, to, model, s.id(), s.personId(), null, orgs);
        int offset = (int) config.shiftReminderOffset().toMinutes();
        scheduleReminder(e, "shift_id", s.id(), SHIFT_REMINDER, offset, to, model, s.personId(), s.start(), orgs);
        lateShiftReminder(e, offset, to, model, orgs);
    }

    /**
     * One reminder per shift (issue 19): the day before ({@code shift-reminder-offset}); a shift assigned (or moved) after
     * that moment is reminded instead at the first of its offer's reminder offsets still ahead (the event's
     * {@code reminderOffsetsMinutes}, those of the citizens' reminders: 2 h before by default) — none if none is ahead.
     * The other offsets' pending reminders of the shift are skipped, so a shift never has two.
     */
    private void lateShiftReminder(Envelope<Shift> e, int dayBefore, List<Recipient> to, MessageModel model, Orgs orgs) {
        Shift s = e.data();
        List<Integer> offsets = s.reminderOffsetsMinutes() == null ? List.of()
                : s.reminderOffsetsMinutes().stream().filter(o -> o != null && o > 0 && o < dayBefore).distinct()
                        .sorted(java.util.Comparator.reverseOrder()).toList();
        Instant at = e.occurredAt().toInstant();
        boolean dayBeforeAhead = s.start().toInstant().minusSeconds(dayBefore * 60L).isAfter(at);
        Integer late = dayBeforeAhead ? null : offsets.stream()
                .filter(o -> s.start().toInstant().minusSeconds(o * 60L).isAfter(at)).findFirst().orElse(null);
        for (int o : offsets) {
            if (late == null || o != late) {
                store.skipPending("shift_id", s.id(), null, o, "rescheduled");
            }
        }
        if (late != null) {
            scheduleReminder(e, "shift_id", s.id(), SHIFT_REMINDER, late, to, model, s.personId(), s.start(), orgs);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onPerson(Envelope<Person> e) {
        Person p = e.data();
        boolean deleted = p.deleted() || "PersonDeleted".equals(e.type());
        em.createNativeQuery("""
                INSERT INTO person_ref (id, role, first_name, last_name, phone, email, notify_sms, notify_email,
                  deleted, version, partner_id, updated_at)
                VALUES (:id, :role, :fn, :ln, :phone, :email, :sms, :mail, :deleted, :v, cast(:partner AS uuid), now())
                ON CONFLICT (id) DO UPDATE SET role = excluded.role, first_name = excluded.first_name,
                  last_name = excluded.last_name, phone = excluded.phone, email = excluded.email,
                  notify_sms = excluded.notify_sms, notify_email = excluded.notify_email,
                  deleted = excluded.deleted, version = excluded.version, partner_id = excluded.partner_id,
                  updated_at = now()""")
                .setParameter("id", p.id()).setParameter("role", p.role()).setParameter("fn", p.firstName())
                .setParameter("ln", p.lastName()).setParameter("phone", p.phone()).setParameter("email", p.email())
                .setParameter("sms", p.notifySms()).setParameter("mail", p.notifyEmail())
                .setParameter("deleted", deleted).setParameter("v", e.version())
                .setParameter("partner", p.partnerId() == null ? null : p.partnerId().toString()).executeUpdate();
        if (deleted) {
            store.skipPending("person_id", p.id(), null, null, "person_deleted");
            return;
        }
        // Pending messages follow the person's current contact data and preferences.
        for (String channel : List.of("sms", "email")) {
            Optional<Recipient> r = recipients(p).stream().filter(x -> x.channel().equals(channel)).findFirst();
            if (r.isPresent() && r.get().skipReason() == null) {
                store.updatePendingRecipient(p.id(), channel, r.get().address());
            } else {
                store.skipPending("person_id", p.id(), channel, null, "no_consent_or_contact");
            }
        }
    }

    private void messages(Envelope<Booking> e, String template, boolean essential, boolean repeatable) {
        Booking b = e.data();
        add(e, template, essential, repeatable, recipients(b), model(b), null, null, b.id(), orgs(b));
    }

    private void reminders(Envelope<Booking> e) {
        Booking b = e.data();
        if (!"confirmed".equals(b.status())) {
            return; // a waiting-list booking is reminded only once promoted
        }
        List<Integer> offsets = b.reminderOffsetsMinutes() == null ? DEFAULT_REMINDERS : b.reminderOffsetsMinutes();
        List<Recipient> to = recipients(b);
        for (int offset : offsets) {
            scheduleReminder(e, "booking_id", b.id(), BOOKING_REMINDER, offset, to, model(b), null, b.start(), orgs(b));
        }
    }

    /**
     * A reminder is due {@code offset} minutes before the appointment, if that moment was still ahead
     * when the event happened (a booking made the day before gets no J-2 reminder). A pending reminder
     * of the same booking/shift is moved rather than doubled; one that no longer fits is skipped.
     */
    private void scheduleReminder(Envelope<?> e, String ownerColumn, UUID ownerId, String template, int offset,
            List<Recipient> to, MessageModel model, UUID personId, OffsetDateTime start, Orgs orgs) {
        Instant due = start.toInstant().minusSeconds(offset * 60L);
        boolean timely = due.isAfter(e.occurredAt().toInstant());
        to = forTemplate(template, to);
        for (Recipient r : to) {
            if (r.skipReason() != null) {
                continue; // the reason is already on the message's receipt
            }
            String key = "reminder-" + ownerId + "-" + offset + "-" + r.channel() + "-v" + e.version();
            NewNotification n = new NewNotification(key, template, offset, false, r.channel(), r.address(),
                    "booking_id".equals(ownerColumn) ? ownerId : null, "shift_id".equals(ownerColumn) ? ownerId : null,
                    personId, start.toInstant(), model, due, null, orgs);
            if (!timely) {
                continue;
            }
            if (!store.moveReminder(ownerColumn, ownerId, r.channel(), offset, n)) {
                store.insert(n);
            }
        }
        if (!timely) {
            // e.g. rescheduled to tomorrow: the J-2 reminder of the old date must not go out
            for (Recipient r : to) {
                if (r.skipReason() == null) {
                    store.skipPending(ownerColumn, ownerId, r.channel(), offset, "rescheduled_too_late");
                }
            }
        }
    }

    private void add(Envelope<?> e, String template, boolean essential, boolean repeatable, List<Recipient> to,
            MessageModel model, UUID shiftId, UUID personId, UUID bookingId, Orgs orgs) {
        UUID owner = bookingId != null ? bookingId : shiftId;
        for (Recipient r : forTemplate(template, to)) {
            String key = template + "-" + owner + "-" + r.channel() + (repeatable ? "-v" + e.version() : "");
            store.insert(new NewNotification(key, template, null, essential, r.channel(), r.address(), bookingId,
                    shiftId, personId, model.start().toInstant(), model, clock.now(), r.skipReason(), orgs));
        }
    }

    /**
     * SMS to a French mobile with consent; email with consent; both when both; a landline is recorded as skipped. A
     * booking whose {@code reminderChannel} is {@code voice} (issue 18: a landline given at the desk) is called on its
     * number instead — never an SMS to it — plus its e-mail address if it has one with consent; {@code none}: nobody (the
     * desk printed the slip).
     */
    List<Recipient> recipients(Booking b) {
        if (b.person() == null || Booking.NONE.equals(b.reminderChannel())) {
            return List.of();
        }
        BookingPerson p = b.person();
        if (Booking.VOICE.equals(b.reminderChannel())) {
            List<Recipient> to = new ArrayList<>(2);
            if (p.phone() != null && !p.phone().isBlank()) {
                // the agent typed the number for these calls: that is the consent (smsConsent is about SMS)
                to.add(PhoneNumbers.frenchNumber(p.phone(), config.defaultRegion())
                        .map(n -> new Recipient(VOICE_CHANNEL, n, null))
                        .orElseGet(() -> new Recipient(VOICE_CHANNEL, p.phone(), "not_a_french_number")));
            }
            if (p.email() != null && !p.email().isBlank() && p.emailConsent()) {
                to.add(new Recipient("email", p.email().trim(), null));
            }
            return to;
        }
        return recipients(p.phone(), p.smsConsent(), p.email(), p.emailConsent());
    }

    /** Voice calls carry only the messages of {@link fr.maillage.notification.domain.Templates#VOICE}. */
    private static List<Recipient> forTemplate(String template, List<Recipient> to) {
        return to.stream().filter(r -> !VOICE_CHANNEL.equals(r.channel()) || Templates.VOICE.contains(template)).toList();
    }

    List<Recipient> recipients(Person p) {
        return recipients(p.phone(), p.notifySms(), p.email(), p.notifyEmail());
    }

    private List<Recipient> recipients(String phone, boolean smsConsent, String email, boolean emailConsent) {
        List<Recipient> to = new ArrayList<>(2);
        if (phone != null && !phone.isBlank() && smsConsent) {
            Optional<String> mobile = mobile(phone);
            to.add(mobile.map(m -> new Recipient("sms", m, null))
                    .orElseGet(() -> new Recipient("sms", phone, "not_a_french_mobile")));
        }
        if (email != null && !email.isBlank() && emailConsent) {
            to.add(new Recipient("email", email.trim(), null));
        }
        return to;
    }

    /**
     * The number as an E.164 French mobile (it gets SMS). Item 5 of issue 19: ARCEP's fiction range 06 39 98 xx xx (the
     * demo volunteers' numbers), which libphonenumber does not call mobiles, counts as one only where
     * {@code maillage.notification.sms.fiction-range-deliverable} says so — the local stack, whose SMS provider is the stub.
     */
    Optional<String> mobile(String phone) {
        Optional<String> mobile = PhoneNumbers.frenchMobile(phone, config.defaultRegion());
        if (mobile.isEmpty() && config.sms().fictionRangeDeliverable()) {
            return FictionNumbers.mobile(phone);
        }
        return mobile;
    }

    /** The reason of a move or cancellation by an absence: {@code reason}, else the booking's {@code cancelReason}. */
    private static String reason(Booking b) {
        return b.reason() != null && !b.reason().isBlank() ? b.reason() : b.cancelReason();
    }

    private static Orgs orgs(Booking b) {
        return new Orgs(b.bookerOrg(), b.partnerId());
    }

    private static MessageModel model(Booking b) {
        return new MessageModel(b.id(), null, b.person() == null ? null : b.person().firstName(),
                b.offer() == null ? null : b.offer().title(), b.offer() == null ? null : b.offer().type(),
                b.place() == null ? null : b.place().name(), b.place() == null ? null : b.place().street(),
                b.place() == null ? null : b.place().postalCode(), b.place() == null ? null : b.place().commune(),
                b.place() == null ? null : b.place().phone(), b.start(), b.end(), b.previousStart(), b.cancelReason(),
                b.selfServiceUrl(), b.icsUrl(), null, null, null, b.cancelUntil(), b.rescheduleUntil(), b.deadlinesCarried())
                .withTimeZone(ConsumedEvents.zoneOf(b.timeZone(), b.place()));
    }

    Optional<Person> person(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT role, first_name, last_name, phone, email, notify_sms,"
                + " notify_email, partner_id FROM person_ref WHERE id = :id AND NOT deleted").setParameter("id", id)
                .getResultList();
        return rows.stream().findFirst().map(r -> new Person(id, (String) r[0], (String) r[1], (String) r[2],
                (String) r[3], (String) r[4], (Boolean) r[5], (Boolean) r[6], List.of(), (UUID) r[7], false));
    }
}
