package fr.maillage.booking.service;

import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import fr.maillage.booking.config.BookingConfig;
import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.events.BookingEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * RGPD: personal data of a booking (names, contact, free-text need, self-service token, contact
 * hashes) is erased a configurable time after its slot (maillage.rgpd.retention-months, 24 by
 * default) by a scheduled job, or at once on an agent's request. The booking itself stays, without
 * anyone in it, for the statistics. Logs never name a person: only ids are logged.
 */
@ApplicationScoped
public class PrivacyService {
    private static final Logger LOG = Logger.getLogger(PrivacyService.class);
    private static final int BATCH = 200;

    private final EntityManager em;
    private final BookingService bookings;
    private final SlotService slots;
    private final BookingEvents events;
    private final BookingConfig config;
    private final VerificationService verification;
    private final ReferralService referrals;

    PrivacyService(EntityManager em, BookingService bookings, SlotService slots, BookingEvents events,
            BookingConfig config, VerificationService verification, ReferralService referrals) {
        this.referrals = referrals;
        this.verification = verification;
        this.em = em;
        this.bookings = bookings;
        this.slots = slots;
        this.events = events;
        this.config = config;
    }

    /**
     * Erasure on request, by an admin or an owner of the booking (403 otherwise): an active future booking is
     * cancelled first (its seat goes to someone else).
     */
    @Transactional
    public void erase(UUID bookingId) {
        Booking booking = bookings.lockForChange(bookingId);
        if (booking.anonymisedAt != null) {
            return;
        }
        Slot slot = slots.find(booking.slotId);
        if (booking.isActive() && Times.now().isBefore(slot.start)) {
            booking = bookings.cancelById(bookingId, false, "Données personnelles effacées à la demande de la personne");
        } else if (booking.isPending()) {
            verification.expire(booking, slot); // its held seat goes back at once, its data with it
        }
        anonymise(booking, slot);
        referrals.eraseForBooking(bookingId); // issue 18: the referrals made with this booking name the same person
        // the stored first answer of an Idempotency-Key repeats the person's data: it goes too (the platform's
        // idempotent_request; idempotency_key holds only answers stored before it, for at most a day)
        String id = "\"id\":\"" + bookingId + "\"";
        em.createNativeQuery("DELETE FROM idempotent_request WHERE scope = :scope AND strpos(body, :id) > 0")
                .setParameter("scope", IdempotentBookings.SCOPE).setParameter("id", id).executeUpdate();
        em.createNativeQuery("DELETE FROM idempotency_key WHERE strpos(body, :id) > 0").setParameter("id", id).executeUpdate();
    }

    @Scheduled(every = "${maillage.rgpd.every:1h}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        int done = anonymiseExpired();
        if (done > 0) {
            LOG.infof("Anonymised %d bookings older than %d months", done, config.rgpd().retentionMonths());
        }
        int referred = referrals.anonymiseExpired();
        if (referred > 0) {
            LOG.infof("Anonymised %d referrals unchanged for %d months", referred, config.rgpd().retentionMonths());
        }
    }

    /** @return how many bookings were anonymised (in batches of {@value #BATCH}, one transaction each). */
    public int anonymiseExpired() {
        int total = 0;
        int done;
        do {
            done = QuarkusTransaction.requiringNew().call(this::anonymiseBatch);
            total += done;
        } while (done == BATCH);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "DELETE FROM idempotency_key WHERE created_at < now() - interval '1 day'").executeUpdate());
        return total;
    }

    private int anonymiseBatch() {
        List<Booking> expired = em.createNativeQuery("""
                SELECT b.* FROM booking b JOIN slot s ON s.id = b.slot_id
                WHERE b.anonymised_at IS NULL AND s.end_at < now() - make_interval(months => :months)
                ORDER BY s.end_at LIMIT :n FOR UPDATE OF b SKIP LOCKED""", Booking.class)
                .setParameter("months", config.rgpd().retentionMonths()).setParameter("n", BATCH).getResultList();
        for (Booking booking : expired) {
            anonymise(booking, slots.find(booking.slotId));
        }
        return expired.size();
    }

    private void anonymise(Booking booking, Slot slot) {
        booking.erasePersonalData();
        booking.tokenHash = null;
        booking.token = null;
        booking.version++;
        events.booking("BookingAnonymised", booking, slot);
        LOG.debugf("Booking %s anonymised (status %s)", booking.id, booking.status);
    }

}
