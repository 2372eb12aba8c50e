package fr.maillage.notification.service;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.maillage.notification.config.NotificationConfig;
import fr.maillage.platform.phone.PhoneNumbers;
import fr.maillage.notification.events.ConsumedEvents.Booking;
import fr.maillage.platform.crypto.SealedData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What this service keeps of each booking's contact (table booking_contact, V6): the number (E.164), to scope the
 * opt-out API to the numbers of the caller's organisation, and the self-service link, sealed, which booking-service
 * sends only in the creation event and later messages reuse. Forgotten when the booking is anonymised.
 */
@ApplicationScoped
public class BookingContacts {
    private final EntityManager em;
    private final SealedData sealed;
    private final NotificationConfig config;

    BookingContacts(EntityManager em, SealedData sealed, NotificationConfig config) {
        this.em = em;
        this.sealed = sealed;
        this.config = config;
    }

    /**
     * Records the booking's number, organisations and link (each kept when the event has none).
     *
     * @return the self-service link of the booking: the event's, else the one kept from an earlier event, else null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String remember(Booking b) {
        String phone = b.person() == null ? null
                : PhoneNumbers.e164(b.person().phone(), config.defaultRegion()).orElse(null);
        @SuppressWarnings("unchecked")
        List<Object> link = em.createNativeQuery("""
                INSERT INTO booking_contact (booking_id, phone, self_service_url, booker_org, partner_id)
                VALUES (:id, :phone, :link, cast(:booker AS uuid), cast(:partner AS uuid))
                ON CONFLICT (booking_id) DO UPDATE SET phone = coalesce(excluded.phone, booking_contact.phone),
                  self_service_url = coalesce(excluded.self_service_url, booking_contact.self_service_url),
                  booker_org = coalesce(excluded.booker_org, booking_contact.booker_org),
                  partner_id = coalesce(excluded.partner_id, booking_contact.partner_id), updated_at = now()
                RETURNING self_service_url""")
                .setParameter("id", b.id()).setParameter("phone", phone)
                .setParameter("link", sealed.seal(b.selfServiceUrl()))
                .setParameter("booker", b.bookerOrg() == null ? null : b.bookerOrg().toString())
                .setParameter("partner", b.partnerId() == null ? null : b.partnerId().toString()).getResultList();
        if (b.selfServiceUrl() != null) {
            return b.selfServiceUrl();
        }
        String kept = link.isEmpty() ? null : (String) link.get(0);
        try {
            return sealed.open(kept);
        } catch (SealedData.Unreadable e) {
            return null; // sealed with a key since removed: the message goes without the link
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(UUID bookingId) {
        em.createNativeQuery("DELETE FROM booking_contact WHERE booking_id = :id").setParameter("id", bookingId)
                .executeUpdate();
    }

    /** Contacts of bookings without news since {@code before} (the receipts' retention). */
    @Transactional
    public int purge(Instant before) {
        return em.createNativeQuery("DELETE FROM booking_contact WHERE updated_at < :before")
                .setParameter("before", Timestamp.from(before)).executeUpdate();
    }

    /**
     * Whether {@code e164} is the number of a booking booked or hosted by {@code org}, or of a person of the directory
     * attached to {@code org} (the scope of the opt-out API for agents and partner apps).
     */
    @Transactional
    public boolean ofOrganisation(String e164, UUID org) {
        Object found = em.createNativeQuery("""
                SELECT EXISTS (SELECT 1 FROM booking_contact WHERE phone = :p AND (booker_org = :org OR partner_id = :org))
                    OR EXISTS (SELECT 1 FROM person_ref WHERE phone = :p AND partner_id = :org AND NOT deleted)""")
                .setParameter("p", e164).setParameter("org", org).getSingleResult();
        return Boolean.TRUE.equals(found);
    }
}
