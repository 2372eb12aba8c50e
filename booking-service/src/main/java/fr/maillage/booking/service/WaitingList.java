package fr.maillage.booking.service;

import java.util.List;

import fr.maillage.booking.config.BookingConfig;
import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.BookingStatus;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.events.BookingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * First come, first served: a freed seat goes to the oldest waiting booking of the slot, in the
 * transaction that freed it, and BookingPromoted tells the person. Alerts are bounded: a person
 * (keyed contact hash) promoted maxAlerts times on an offer is not promoted again on it (someone who
 * keeps dropping promoted seats is not messaged endlessly; the next in line gets the seat instead).
 */
@ApplicationScoped
public class WaitingList {
    private final EntityManager em;
    private final SlotStore store;
    private final BookingEvents events;
    private final BookingConfig config;

    WaitingList(EntityManager em, SlotStore store, BookingEvents events, BookingConfig config) {
        this.em = em;
        this.store = store;
        this.events = events;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void promote(Slot slot) {
        if (slot.isCancelled() || !slot.start.isAfter(Times.now())) {
            return;
        }
        while (true) {
            em.flush();
            @SuppressWarnings("unchecked")
            List<Booking> next = em.createNativeQuery("""
                    SELECT b.* FROM booking b
                    WHERE b.slot_id = :slot AND b.status = 'waitlisted'
                      AND NOT EXISTS (SELECT 1 FROM waitlist_alert a WHERE a.offer_id = b.offer_id
                                      AND a.contact_hash = coalesce(b.phone_hash, b.email_hash) AND a.alerts >= :max)
                    ORDER BY b.queue_seq LIMIT 1 FOR UPDATE SKIP LOCKED""", Booking.class)
                    .setParameter("slot", slot.id).setParameter("max", config.waitlist().maxAlerts()).getResultList();
            if (next.isEmpty() || !store.promoteOne(slot.id)) {
                return;
            }
            Booking booking = next.get(0);
            booking.status = BookingStatus.CONFIRMED;
            booking.version++;
            booking.updatedAt = Times.now();
            if (booking.contactHash() != null) { // a desk booking without contact is told by nobody: no alert to count
                em.createNativeQuery("""
                        INSERT INTO waitlist_alert (offer_id, contact_hash, alerts) VALUES (:offer, :contact, 1)
                        ON CONFLICT (offer_id, contact_hash) DO UPDATE SET alerts = waitlist_alert.alerts + 1""")
                        .setParameter("offer", booking.offerId).setParameter("contact", booking.contactHash())
                        .executeUpdate();
            }
            events.booking("BookingPromoted", booking, slot);
        }
    }
}
