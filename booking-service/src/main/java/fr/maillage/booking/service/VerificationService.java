package fr.maillage.booking.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import fr.maillage.booking.config.BookingConfig;
import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.BookingStatus;
import fr.maillage.booking.domain.ContactHasher;
import fr.maillage.booking.domain.SelfServiceTokens;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.domain.VerificationCodes;
import fr.maillage.booking.events.BookingEvents;
import fr.maillage.platform.problem.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Bookings made with verification "code" (issue 17): the person types the 6-digit code sent to them, within the hold,
 * in at most {@code attempts} tries. A good code turns the pending booking into what it was holding (confirmed or
 * waitlisted) and only then are BookingConfirmed / BookingWaitlisted published, with the self-service link. The hold's
 * end, or the last wrong code, expires it: its seat (or place in the queue) is given back at once, in the same
 * transaction, and offered to the waiting list.
 * <p>
 * Only the caller that created the booking (same token subject) may verify it or ask for a new code; anyone else
 * reads 404. Every change locks the slot, then the booking (the order of every other change). A wrong code is a
 * refusal that must still be kept (one try fewer): those Problems do not roll back ({@code dontRollbackOn}), and
 * nothing else is changed before them.
 */
@ApplicationScoped
public class VerificationService {
    private static final Logger LOG = Logger.getLogger(VerificationService.class);
    private static final int SWEEP_BATCH = 200;
    public static final String EXPIRED_EVENT = "BookingExpired";

    private final EntityManager em;
    private final BookingService bookings;
    private final SlotService slots;
    private final SlotStore store;
    private final WaitingList waitingList;
    private final BookingEvents events;
    private final BookingAccess access;
    private final CodeLimits limits;
    private final ContactHasher hasher;
    private final BookingConfig.Verification config;

    VerificationService(EntityManager em, BookingService bookings, SlotService slots, SlotStore store,
            WaitingList waitingList, BookingEvents events, BookingAccess access, CodeLimits limits, BookingConfig config) {
        this.em = em;
        this.bookings = bookings;
        this.slots = slots;
        this.store = store;
        this.waitingList = waitingList;
        this.events = events;
        this.access = access;
        this.limits = limits;
        this.hasher = new ContactHasher(config.contactHashKey());
        this.config = config.booking().verification();
    }

    /**
     * Checks the code. Good: the booking becomes confirmed or waitlisted (its token is generated now, in
     * {@code booking.token}, for the answer and the event). Wrong: 422 {@code code} with the tries left; the last
     * wrong one expires the booking (409). Hold over or booking expired: 409.
     */
    @Transactional(dontRollbackOn = Problem.class)
    public Booking verify(UUID id, String code) {
        Booking booking = bookings.lock(id);
        access.checkCreator(booking);
        Slot slot = slots.find(booking.slotId);
        requireWaitingForCode(booking, slot);
        if (!matches(booking, code)) {
            booking.codeAttemptsLeft = Math.max(0, booking.codeAttemptsLeft - 1);
            booking.updatedAt = Times.now();
            if (booking.codeAttemptsLeft == 0) {
                expire(booking, slot);
                throw Problem.conflict("code", "Ce code ne correspond pas, et c'était le dernier essai : la place n'est "
                        + "plus réservée. Recommencez la réservation pour recevoir un nouveau code.")
                        .with("codeAttemptsLeft", 0);
            }
            int left = booking.codeAttemptsLeft;
            throw Problem.ruleBroken("code", "Ce code ne correspond pas. Il vous reste " + left + " essai"
                    + (left > 1 ? "s" : "") + ".").with("codeAttemptsLeft", left);
        }
        String outcome = booking.pendingOutcome;
        booking.status = outcome;
        booking.codeHash = null;
        booking.holdExpiresAt = null;
        booking.codeAttemptsLeft = null;
        booking.token = SelfServiceTokens.newToken();
        booking.tokenHash = SelfServiceTokens.hash(booking.token);
        booking.version++;
        booking.updatedAt = Times.now();
        em.flush();
        events.booking(BookingStatus.CONFIRMED.equals(outcome) ? "BookingConfirmed" : "BookingWaitlisted", booking, slot);
        if (BookingStatus.WAITLISTED.equals(outcome)) {
            // a seat may have been freed while the person was typing: the queue, now including them, is served in order
            waitingList.promote(slot);
        }
        return booking;
    }

    /**
     * A new code (the previous one no longer works), sent at once: counts against the person's contacts (429 past
     * {@code codes-per-contact} per {@code codes-window}). The hold does not restart (the seat is held {@code hold}
     * after the booking, then released, as the person was told); the code's message says how long it is still valid
     * (from {@code expiresAt}). The tries left are the booking's, not reset.
     */
    @Transactional(dontRollbackOn = Problem.class)
    public Booking resend(UUID id) {
        Booking booking = bookings.lock(id);
        access.checkCreator(booking);
        Slot slot = slots.find(booking.slotId);
        requireWaitingForCode(booking, slot);
        Problem refused = em.unwrap(Session.class).doReturningWork(connection -> {
            try {
                limits.take(connection, java.util.Arrays.asList(booking.phoneHash, booking.emailHash));
                return null;
            } catch (Problem p) {
                return p;
            }
        });
        if (refused != null) {
            throw refused;
        }
        booking.code = VerificationCodes.newCode();
        booking.codeHash = hasher.code(booking.id, booking.code);
        // the hold is not extended: the seat is held `hold` from the booking, whatever the number of codes
        booking.version++;
        booking.updatedAt = Times.now();
        events.codeRequested(booking, slot);
        return booking;
    }

    /**
     * A pending booking is given up (hold over, last wrong code, erasure, slot cancelled by the consumer excepted: it
     * clears the counters itself): status expired, its seat or place in the queue given back, BookingExpired (no
     * contact: nobody is written to), the freed seat offered to the waiting list. The booking and its slot are locked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void expire(Booking booking, Slot slot) {
        boolean heldSeat = BookingStatus.CONFIRMED.equals(booking.pendingOutcome);
        booking.status = BookingStatus.EXPIRED;
        forget(booking);
        booking.version++;
        if (heldSeat) {
            store.releaseSeat(slot.id);
        } else {
            store.leaveQueue(slot.id);
        }
        events.booking(EXPIRED_EVENT, booking, slot);
        if (heldSeat) {
            waitingList.promote(slot);
        }
    }

    /**
     * An expired booking was never confirmed: nothing justifies keeping who it was for. Its personal data goes at once
     * (as the RGPD job does after 24 months for the others); the row stays, without contact, for the seat counts.
     */
    static void forget(Booking booking) {
        booking.erasePersonalData();
    }

    @Scheduled(every = "${maillage.booking.verification.sweep-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        int expired = expireOverdue();
        if (expired > 0) {
            LOG.infof("Released %d pending bookings whose hold ended", expired);
        }
    }

    /**
     * Expires every pending booking whose hold ended, one transaction each (slot then booking locked, the status checked
     * again under the lock: a code typed meanwhile wins), and forgets codes sent before the limit's window.
     * @return how many were expired.
     */
    public int expireOverdue() {
        int total = 0;
        List<UUID> due;
        do {
            due = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                    "SELECT b.id FROM Booking b WHERE b.status = :pending AND b.holdExpiresAt <= :now ORDER BY b.holdExpiresAt",
                    UUID.class).setParameter("pending", BookingStatus.PENDING).setParameter("now", Times.now())
                    .setMaxResults(SWEEP_BATCH).getResultList());
            for (UUID id : due) {
                total += QuarkusTransaction.requiringNew().call(() -> {
                    Booking booking = bookings.lock(id);
                    if (!booking.isPending() || booking.holdExpiresAt.isAfter(Times.now())) {
                        return 0;
                    }
                    expire(booking, slots.find(booking.slotId));
                    return 1;
                });
            }
        } while (due.size() == SWEEP_BATCH);
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(limits::purge));
        return total;
    }

    /**
     * Pending, within its hold, and the appointment not begun; otherwise 409 (a hold found over, or a slot already
     * started, is released here and now).
     */
    private void requireWaitingForCode(Booking booking, Slot slot) {
        boolean started = !Times.now().isBefore(slot.start);
        if (booking.isPending() && booking.holdExpiresAt.isAfter(Times.now()) && !started) {
            return;
        }
        if (booking.isPending() && started) {
            expire(booking, slot);
            throw Problem.conflict("code", "Le créneau a déjà commencé : la réservation n'a pas été confirmée à temps. "
                    + "Choisissez un autre créneau.");
        }
        if (booking.isPending()) {
            expire(booking, slot);
            throw Problem.conflict("code", "Le délai pour saisir le code est dépassé (" + minutes(config.hold())
                    + ") : la place n'est plus réservée. Recommencez la réservation pour recevoir un nouveau code.");
        }
        if (BookingStatus.EXPIRED.equals(booking.status)) {
            throw Problem.conflict("code", "Cette réservation a expiré (délai dépassé ou code erroné trop de fois) : "
                    + "la place n'est plus réservée. Recommencez la réservation pour recevoir un nouveau code.");
        }
        throw Problem.conflict("code", BookingStatus.CONFIRMED.equals(booking.status)
                || BookingStatus.WAITLISTED.equals(booking.status) || BookingStatus.ATTENDED.equals(booking.status)
                        ? "Ce rendez-vous est déjà confirmé."
                        : "Ce rendez-vous n'est plus en attente de code.");
    }

    private boolean matches(Booking booking, String code) {
        return booking.codeHash != null && MessageDigest.isEqual(hasher.code(booking.id, code).getBytes(StandardCharsets.UTF_8),
                booking.codeHash.getBytes(StandardCharsets.UTF_8));
    }

    private static String minutes(Duration d) {
        long m = Math.max(1, d.toMinutes());
        return m + " minute" + (m > 1 ? "s" : "");
    }
}
