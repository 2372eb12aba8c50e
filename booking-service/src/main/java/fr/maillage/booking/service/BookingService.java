package fr.maillage.booking.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import fr.maillage.booking.config.BookingConfig;
import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.BookingStatus;
import fr.maillage.booking.domain.ContactHasher;
import fr.maillage.platform.phone.PhoneNumbers;
import fr.maillage.booking.domain.SelfServiceTokens;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.domain.VerificationCodes;
import fr.maillage.booking.events.BookingEvents;
import fr.maillage.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

/**
 * Booking use cases. Every check that can refuse a request runs before anything is written, and
 * every write of a use case (booking row, seat counters, waiting list, outbox events) commits or
 * rolls back together.
 */
@ApplicationScoped
public class BookingService {
    private static final Logger LOG = Logger.getLogger(BookingService.class);
    static final int NEXT_SLOTS_OFFERED = 5;
    /** Who may book for someone without mobile nor e-mail: the desk (role agent; an admin declaring bookedBy agent). */
    private static final String DESK_BOOKER = "agent";
    /**
     * The next available slots of an offer, proposed with a 409 "full": only a hint (the booking itself always
     * asks the database), so they are kept a second per offer; under a rush on a full slot, thousands of refusals
     * then cost no query each.
     */
    private final Cache<UUID, List<NextSlot>> nextSlots = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(1)).maximumSize(10_000).build();

    private final EntityManager em;
    private final SlotStore store;
    private final SlotService slots;
    private final WaitingList waitingList;
    private final BookingEvents events;
    private final ContactHasher hasher;
    private final BookingAccess access;
    private final BookingWriter writer;
    private final People people;
    private final Duration selfServiceExpiry;
    private final BookingConfig.Verification verification;
    private final BookingOutcomes outcomes;

    BookingService(EntityManager em, SlotStore store, SlotService slots, WaitingList waitingList, BookingEvents events,
            BookingConfig config, BookingAccess access, BookingWriter writer, People people, BookingOutcomes outcomes) {
        this.em = em;
        this.outcomes = outcomes;
        this.people = people;
        this.writer = writer;
        this.access = access;
        this.store = store;
        this.slots = slots;
        this.waitingList = waitingList;
        this.events = events;
        this.hasher = new ContactHasher(config.contactHashKey());
        this.selfServiceExpiry = config.booking().selfService().expiry();
        this.verification = config.booking().verification();
    }

    /**
     * Books a seat, or a place in the queue, on the request's connection (see {@link BookingWriter}). Every check
     * that can refuse runs on one read of the slot and of the person's active bookings on it
     * ({@link BookingWriter#target}: committed state, a single autocommit query unless the caller opened a
     * transaction), so a rush on a full slot is refused without waiting for its row lock (a seat freed meanwhile is
     * simply missed, as if the request had come a moment earlier). Then {@link BookingWriter#book} takes the seat
     * with the conditional UPDATE, which remains the guarantee, and stores the booking and its events in one
     * transaction. The checks answer in this order: unknown slot, cancelled, past, booker not allowed, booking
     * window, need's theme not the offer's, agent named in the body unknown or of another organisation, contact missing
     * or invalid, same person, full.
     */
    public BookingWriter.Booked create(Connection connection, NewBooking request, BookingAccess.Booker booker)
            throws SQLException {
        NewBooking.Person person = request.person();
        String phone = blankToNull(person.phone());
        String email = blankToNull(person.email());
        String e164 = phone == null ? null : PhoneNumbers.toE164(phone).orElse(null);
        String phoneHash = hasher.phone(e164);
        String emailHash = email == null ? null : hasher.email(email);
        BookingWriter.Target target = writer.target(connection, request.slotId(), phoneHash, emailHash);
        Slot slot = target.slot();
        if (slot == null) {
            throw Problem.notFound("slotId", "Aucun créneau avec l'identifiant " + request.slotId() + ".");
        }
        checkBookable(slot, booker.bookedBy(), "slotId");
        checkTheme(slot, request.need().theme());
        if (request.agentId() != null) {
            // the agent named in the body (the token's own person claim is the identity provider's word): someone of
            // the directory, of the organisation that books
            People.require(people.find(connection, request.agentId()), "agentId",
                    booker.bookerOrg() == null ? null : List.of(booker.bookerOrg()), "à l'organisation qui réserve");
        }
        // issue 18: at the desk (role agent, confirmed at once) a person may have no mobile and no e-mail: the slip
        // printed by the agent is the confirmation, a landline gets voice reminders. Never from a partner app (the
        // public site) nor with a code, which must be delivered.
        boolean atTheDesk = DESK_BOOKER.equals(booker.bookedBy()) && !request.byCode();
        if (phone == null && email == null && !atTheDesk) {
            throw Problem.ruleBroken("person.phone",
                    "Indiquez un numéro de téléphone ou une adresse e-mail pour que la personne soit prévenue.");
        }
        if (phone != null && e164 == null) {
            throw Problem.ruleBroken("person.phone",
                    "Ce numéro de téléphone n'est pas valide : indiquez un numéro français, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78.");
        }
        if (request.byCode() && email == null && !PhoneNumbers.isMobile(e164)) {
            throw Problem.ruleBroken("person.phone", "Ce numéro ne reçoit pas de SMS : donnez un numéro de portable "
                    + "(06 ou 07) ou une adresse e-mail pour recevoir le code.");
        }
        if (target.samePhone() || target.sameEmail()) {
            // a friendly answer before the unique indexes, which remain the guarantee under concurrency
            throw BookingWriter.duplicate(target.samePhone() ? "person.phone" : "person.email");
        }
        if (slot.confirmed >= slot.capacity && !slot.waitingList) {
            throw refusedFull(connection, slot, request, booker);
        }
        Booking booking = new Booking();
        booking.id = UUID.randomUUID();
        booking.slotId = slot.id;
        booking.offerId = slot.offerId;
        booking.placeId = slot.placeId;
        if (request.byCode()) {
            // the link exists only once the code is typed (see VerificationService#verify)
            booking.code = VerificationCodes.newCode();
            booking.codeHash = hasher.code(booking.id, booking.code);
            booking.codeAttemptsLeft = verification.attempts();
            booking.creatorSubject = access.subject();
        } else {
            booking.token = SelfServiceTokens.newToken();
            booking.tokenHash = SelfServiceTokens.hash(booking.token);
        }
        booking.residenceInsee = blankToNull(person.residenceInsee());
        booking.firstName = person.firstName().strip();
        booking.lastName = blankToNull(person.lastName());
        booking.phone = e164;
        booking.email = email == null ? null : ContactHasher.normaliseEmail(email);
        booking.smsConsent = person.smsConsent() && e164 != null;
        booking.emailConsent = person.emailConsent() && email != null;
        booking.phoneHash = phoneHash;
        booking.emailHash = emailHash;
        booking.needTheme = request.need().theme().strip();
        booking.needText = blankToNull(request.need().text());
        booking.bookedBy = booker.bookedBy();
        booking.agentId = booker.agentId();
        booking.partnerId = booker.partnerId();
        booking.bookerOrg = booker.bookerOrg();
        booking.version = 1;
        booking.createdAt = Times.now();
        booking.updatedAt = booking.createdAt;
        // whole seconds: the answer shows what the database keeps (microseconds), and people read seconds anyway
        booking.holdExpiresAt = request.byCode()
                ? booking.createdAt.plus(verification.hold()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : null;
        BookingWriter.Booked booked = writer.book(connection, booking, slot);
        if (booked == null) {
            throw refusedFull(connection, slot, request, booker);
        }
        // ids and status only (no personal data); with the request id, the line an operator follows a booking from
        LOG.infof("Booking %s on slot %s: %s", booked.booking().id, slot.id, booked.booking().status);
        outcomes.record(booked.booking().status);
        return booked;
    }

    /**
     * Issue 20: a booking refused because the slot is full and no waiting list takes it leaves a trace, BookingRefused
     * (no person: the slot, the need's theme, the commune of residence given, who booked), in a transaction of its
     * own, for the territory's unmet demand. Other refusals (validation, rules, same person, codes) emit nothing. The
     * trace never changes the answer: if it cannot be stored the 409 still goes out (logged with the slot id only).
     */
    private Problem refusedFull(Connection connection, Slot slot, NewBooking request, BookingAccess.Booker booker) {
        outcomes.record(BookingOutcomes.REFUSED_FULL);
        try {
            writer.recordAlone(connection, events.refusedEvent(slot, request.need().theme().strip(),
                    blankToNull(request.person().residenceInsee()), booker.bookedBy()));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("BookingRefused of slot %s not recorded (%s)", slot.id, e.getClass().getSimpleName());
        }
        return full(connection, slot);
    }

    @Transactional
    public Booking cancelByToken(String token) {
        Booking booking = lockByToken(token);
        return cancel(booking, BookingStatus.CANCELLED_BY_CITIZEN, "Annulé par la personne");
    }

    /** An agent cancels, either because the citizen asked (citizen delays apply) or for the service. */
    @Transactional
    public Booking cancelById(UUID id, boolean forCitizen, String reason) {
        Booking booking = lockForChange(id);
        return cancel(booking, forCitizen ? BookingStatus.CANCELLED_BY_CITIZEN : BookingStatus.CANCELLED_BY_SERVICE,
                reason == null || reason.isBlank() ? (forCitizen ? "Annulé à la demande de la personne" : "Annulé par la structure")
                        : reason.strip());
    }

    private Booking cancel(Booking booking, String status, String reason) {
        return cancel(booking, status, reason, null);
    }

    /**
     * Issue 19: an absence or closure cancels a booking it could not move (by the service, with the absence's reason
     * and a link to book again). Same path as an agent's cancellation for the service. The booking is locked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Booking cancelForAbsence(UUID id, BookingEvents.AbsenceCause cause) {
        return cancel(lock(id), BookingStatus.CANCELLED_BY_SERVICE, cause.citizenReason(), cause);
    }

    /**
     * Issue 19: an absence or closure moves a confirmed booking to the next equivalent slot, through the same
     * {@link #move} as a reschedule (the service's move is not held to the person's reschedule deadline).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Booking moveForAbsence(UUID id, UUID newSlotId, BookingEvents.AbsenceCause cause) {
        return move(lock(id, newSlotId), newSlotId, cause);
    }

    /**
     * Whether a booking made by {@code bookedBy} could take this slot now as far as its rules go (cancelled, closed,
     * begun, bookers, booking window): the same checks as {@link #checkBookable}, seats apart.
     */
    static boolean bookable(Slot slot, String bookedBy) {
        try {
            checkBookable(slot, bookedBy, "slotId");
            return true;
        } catch (Problem refused) {
            return false;
        }
    }

    private Booking cancel(Booking booking, String status, String reason, BookingEvents.AbsenceCause cause) {
        if (!booking.isActive()) {
            throw Problem.conflict("status", "Ce rendez-vous n'est plus actif (statut " + booking.status
                    + ") : il ne peut pas être annulé.");
        }
        Slot slot = slots.find(booking.slotId);
        OffsetDateTime now = Times.now();
        if (!now.isBefore(slot.start)) {
            throw Problem.ruleBroken("slotId", "Le créneau a déjà commencé : le rendez-vous ne peut plus être annulé.");
        }
        if (BookingStatus.CANCELLED_BY_CITIZEN.equals(status)
                && now.isAfter(slot.start.minusMinutes(slot.cancelUntilMinutes))) {
            throw Problem.ruleBroken("slotId", "L'annulation n'est possible que jusqu'à "
                    + humanDelay(slot.cancelUntilMinutes) + " avant le rendez-vous : appelez le lieu pour prévenir.");
        }
        boolean heldSeat = BookingStatus.CONFIRMED.equals(booking.status);
        booking.status = status;
        booking.cancelReason = reason;
        booking.version++;
        booking.updatedAt = now;
        if (heldSeat) {
            store.releaseSeat(slot.id);
        } else {
            store.leaveQueue(slot.id);
        }
        events.booking("BookingCancelled", booking, slot, cause);
        if (heldSeat) {
            waitingList.promote(slot);
        }
        return booking;
    }

    /**
     * Moves a confirmed booking to another slot of the same offer, for its owners (agents, partner apps; 403 otherwise).
     * See {@link #move}.
     */
    @Transactional
    public Booking reschedule(UUID id, UUID newSlotId) {
        Booking booking = lock(id, newSlotId);
        access.checkWrite(booking, slots.find(booking.slotId));
        return move(booking, newSlotId, null);
    }

    /** The person moves their own booking through the self-service link (the token is the credential). */
    @Transactional
    public Booking rescheduleByToken(String token, UUID newSlotId) {
        return move(lock(byToken(token).id, newSlotId), newSlotId, null);
    }

    /**
     * Moves a confirmed booking (locked with its two slots) to another slot of the same offer. The new seat is taken
     * first; the old one is released only once the new one is held, all in one transaction, so a failure leaves
     * the person with their original seat.
     */
    private Booking move(Booking booking, UUID newSlotId, BookingEvents.AbsenceCause cause) {
        if (!BookingStatus.CONFIRMED.equals(booking.status)) {
            throw Problem.conflict("status", "Seul un rendez-vous confirmé peut être déplacé (statut actuel : "
                    + booking.status + ").");
        }
        Slot from = slots.find(booking.slotId);
        Slot to = slots.find(newSlotId);
        if (to == null) {
            throw Problem.notFound("slotId", "Aucun créneau avec l'identifiant " + newSlotId + ".");
        }
        if (to.id.equals(from.id)) {
            throw Problem.ruleBroken("slotId", "Le rendez-vous est déjà sur ce créneau.");
        }
        if (!to.offerId.equals(from.offerId)) {
            throw Problem.ruleBroken("slotId", "Le nouveau créneau doit appartenir à la même offre.");
        }
        OffsetDateTime now = Times.now();
        if (cause == null && now.isAfter(from.start.minusMinutes(from.rescheduleUntilMinutes))) {
            throw Problem.ruleBroken("slotId", "Le rendez-vous ne peut plus être déplacé : c'est possible jusqu'à "
                    + humanDelay(from.rescheduleUntilMinutes) + " avant.");
        }
        checkBookable(to, booking.bookedBy, "slotId");
        if (!store.takeSeat(to.id)) {
            throw full(to);
        }
        store.releaseSeat(from.id);
        booking.previousStart = from.start;
        booking.slotId = to.id;
        booking.placeId = to.placeId;
        booking.version++;
        booking.updatedAt = now;
        flushChecked();
        events.booking("BookingRescheduled", booking, to, cause);
        waitingList.promote(from);
        return booking;
    }

    /** Agents mark attendance once the slot has started; a mistake can be corrected. */
    @Transactional
    public Booking markAttendance(UUID id, boolean attended) {
        Booking booking = lockForChange(id);
        if (!List.of(BookingStatus.CONFIRMED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW).contains(booking.status)) {
            throw Problem.conflict("status", "La présence ne se note que sur un rendez-vous confirmé (statut actuel : "
                    + booking.status + ").");
        }
        Slot slot = slots.find(booking.slotId);
        if (Times.now().isBefore(slot.start)) {
            throw Problem.ruleBroken("attended", "La présence se note après le début du créneau.");
        }
        String status = attended ? BookingStatus.ATTENDED : BookingStatus.NO_SHOW;
        if (!status.equals(booking.status)) {
            booking.status = status;
            booking.version++;
            booking.updatedAt = Times.now();
            events.booking(attended ? "BookingAttended" : "BookingNoShow", booking, slot);
        }
        return booking;
    }

    /**
     * The booking of a self-service link, looked up by the hash of its token: 404 for an unknown token, an anonymised
     * booking, or a link past its expiry ({@code maillage.booking.self-service.expiry} after the end of the appointment).
     */
    public Booking byToken(String token) {
        Booking booking = token == null || token.isEmpty() || token.length() > SelfServiceTokens.MAX_LENGTH ? null
                : Booking.find("tokenHash", SelfServiceTokens.hash(token)).firstResult();
        if (booking == null) {
            throw Problem.notFound("token", "Ce lien de rendez-vous n'est pas (ou plus) valide.");
        }
        Slot slot = slots.find(booking.slotId);
        if (Times.now().isAfter(slot.end.plus(selfServiceExpiry))) {
            throw Problem.notFound("token", "Ce lien de rendez-vous a expiré : il ne sert plus après le rendez-vous. "
                    + "Pour toute question, contactez le lieu.");
        }
        return booking;
    }

    /** A booking the caller may read (404 otherwise, whether it exists or not). */
    public Booking get(UUID id) {
        Booking booking = existing(id);
        return access.readable(booking, slots.find(booking.slotId));
    }

    /** Any booking, for what needs no organisation (its calendar file, whose link the person receives). */
    public Booking existing(UUID id) {
        Booking booking = Booking.findById(id);
        if (booking == null) {
            throw BookingAccess.notFound(id);
        }
        return booking;
    }

    /** Locks a booking the caller may change (403 otherwise), before any rule about its state is checked. */
    Booking lockForChange(UUID id) {
        Booking booking = lock(id);
        access.checkWrite(booking, slots.find(booking.slotId));
        return booking;
    }

    /**
     * Locks the booking's slot (and {@code otherSlot}, if any), then the booking: slots before bookings,
     * slots by id, the order the session consumer also follows (a slot, then its bookings), so two
     * transactions never wait on each other in a cycle.
     */
    Booking lock(UUID id, UUID otherSlot) {
        for (int attempt = 1;; attempt++) {
            UUID slotId = em.createQuery("SELECT b.slotId FROM Booking b WHERE b.id = :id", UUID.class)
                    .setParameter("id", id).getResultStream().findFirst()
                    .orElseThrow(() -> BookingAccess.notFound(id));
            store.lock(otherSlot == null ? List.of(slotId) : List.of(slotId, otherSlot));
            Booking booking = em.find(Booking.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (booking.slotId.equals(slotId)) {
                return booking;
            }
            if (attempt == 3) {
                throw Problem.conflict("id", "Ce rendez-vous vient d'être modifié par ailleurs : réessayez.");
            }
            // moved to another slot by a concurrent reschedule between the two reads: lock the new one
        }
    }

    Booking lock(UUID id) {
        return lock(id, null);
    }

    private Booking lockByToken(String token) {
        return lock(byToken(token).id);
    }

    /** Who may book and when, from the session's booking rules. */
    private static void checkBookable(Slot slot, String bookedBy, String field) {
        if (slot.isCancelled()) {
            throw Problem.conflict(field, "Ce créneau a été annulé"
                    + (slot.cancelReason == null ? "" : " (" + slot.cancelReason + ")") + " : choisissez-en un autre.");
        }
        if (slot.isClosed()) {
            // issue 19: closed by an absence or closure, refused like a cancelled slot
            throw Problem.conflict(field, "Ce créneau a été annulé"
                    + (slot.closureReason == null ? "" : " (" + slot.closureReason + ")") + " : choisissez-en un autre.");
        }
        OffsetDateTime now = Times.now();
        if (!now.isBefore(slot.start)) {
            throw Problem.ruleBroken(field, "Ce créneau est déjà passé : choisissez un créneau à venir.");
        }
        if (!slot.allowedBookerList().contains(bookedBy)) {
            throw Problem.ruleBroken("bookedBy", "Cette offre ne se réserve pas " + switch (bookedBy) {
                case "citizen" -> "directement par la personne : adressez-vous au lieu ou à un agent";
                case "agent" -> "par un agent";
                default -> "depuis une application partenaire";
            } + ".");
        }
        if (now.isAfter(slot.start.minusMinutes(slot.minDelayMinutes))) {
            throw Problem.ruleBroken(field, "Ce créneau se réserve au plus tard " + humanDelay(slot.minDelayMinutes)
                    + " à l'avance : choisissez un créneau plus tardif.");
        }
        if (slot.start.isAfter(now.plusDays(slot.maxDelayDays))) {
            throw Problem.ruleBroken(field, "Ce créneau ne s'ouvre à la réservation que " + slot.maxDelayDays
                    + " jours à l'avance : réessayez plus tard ou choisissez un créneau plus proche.");
        }
    }

    /** The need's theme is one of the offer's themes (an offer without themes takes any). */
    private static void checkTheme(Slot slot, String theme) {
        List<String> themes = slot.themes();
        if (!themes.isEmpty() && !themes.contains(theme.strip())) {
            throw Problem.ruleBroken("need.theme", "Ce thème n'est pas l'un de ceux de l'offre : choisissez parmi "
                    + String.join(", ", themes) + ".");
        }
    }

    private Problem full(Slot slot) {
        return full(slot, offer -> slots.nextAvailable(offer, NEXT_SLOTS_OFFERED + 1));
    }

    private Problem full(Connection connection, Slot slot) {
        return full(slot, offer -> {
            try {
                return writer.nextAvailable(connection, offer, NEXT_SLOTS_OFFERED + 1);
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        });
    }

    private Problem full(Slot slot, Function<UUID, List<Slot>> nextAvailable) {
        List<NextSlot> next = nextSlots.get(slot.offerId, offer -> nextAvailable.apply(offer).stream().map(NextSlot::of)
                .toList())
                .stream().filter(s -> !s.id().equals(slot.id)).limit(NEXT_SLOTS_OFFERED).toList();
        return Problem.conflict("slotId", next.isEmpty()
                ? "Ce créneau est complet et aucun autre créneau de cette offre n'est disponible pour le moment."
                : "Ce créneau est complet : voici les prochains créneaux disponibles de la même offre (nextSlots).")
                .with("nextSlots", next);
    }

    public record NextSlot(UUID id, OffsetDateTime start, OffsetDateTime end, int remaining, UUID placeId,
            String placeName) {
        static NextSlot of(Slot s) {
            return new NextSlot(s.id, Times.paris(s.start), Times.paris(s.end), s.remaining(), s.placeId, s.placeName);
        }
    }

    private void flushChecked() {
        try {
            em.flush();
        } catch (PersistenceException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof ConstraintViolationException)) {
                cause = cause.getCause();
            }
            if (cause instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
                if (violation.getConstraintName().contains("booking_one_per_phone")) {
                    throw BookingWriter.duplicate("person.phone");
                }
                if (violation.getConstraintName().contains("booking_one_per_email")) {
                    throw BookingWriter.duplicate("person.email");
                }
            }
            throw e;
        }
    }

    static String humanDelay(int minutes) {
        Duration d = Duration.ofMinutes(minutes);
        if (minutes % 1440 == 0 && minutes > 0) {
            return d.toDays() + " jour" + (d.toDays() > 1 ? "s" : "");
        }
        if (minutes % 60 == 0 && minutes > 0) {
            return d.toHours() + " heure" + (d.toHours() > 1 ? "s" : "");
        }
        return minutes + " minute" + (minutes > 1 ? "s" : "");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public record BookingPage(List<Booking> items, long total) {
    }

    /**
     * The agents' list, filtered, in slot then queue order: for a partner app or an agent, only the bookings
     * their organisation made or hosts.
     */
    public BookingPage search(UUID slotId, UUID offerId, UUID placeId, String status, OffsetDateTime from,
            OffsetDateTime to, int page, int size) {
        StringBuilder where = new StringBuilder(" FROM Booking b, Slot s WHERE s.id = b.slotId");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        UUID org = access.listScope();
        if (org != null) {
            where.append(" AND (b.bookerOrg = :org OR s.partnerId = :org)");
            params.put("org", org);
        }
        if (slotId != null) {
            where.append(" AND b.slotId = :slotId");
            params.put("slotId", slotId);
        }
        if (offerId != null) {
            where.append(" AND b.offerId = :offerId");
            params.put("offerId", offerId);
        }
        if (placeId != null) {
            where.append(" AND b.placeId = :placeId");
            params.put("placeId", placeId);
        }
        if (status != null) {
            where.append(" AND b.status = :status");
            params.put("status", status);
        }
        if (from != null) {
            where.append(" AND s.start >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" AND s.start < :to");
            params.put("to", to);
        }
        var count = em.createQuery("SELECT count(b)" + where, Long.class);
        var select = em.createQuery("SELECT b" + where + " ORDER BY s.start, b.queueSeq", Booking.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        return new BookingPage(select.setFirstResult(page * size).setMaxResults(size).getResultList(),
                count.getSingleResult());
    }
}
