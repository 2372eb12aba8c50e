package fr.maillage.booking.service;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Issue 19: a session offers plans inside an active closure of its place (or an absence of the one person it names as
 * staff) arrives closed, with that absence's reason for citizens. The closure of a slot already known is kept by the
 * session consumer itself: its upsert never touches closure_id/closure_reason.
 */
@ApplicationScoped
public class ClosuresOnArrival {
    private final EntityManager em;
    private final SlotStore store;

    ClosuresOnArrival(EntityManager em, SlotStore store) {
        this.em = em;
        this.store = store;
    }

    /** Closes this new planned slot if an active absence covers it. @return whether it closed it (and published it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean closeIfCovered(Slot slot) {
        if (slot.isCancelled() || slot.isClosed() || !slot.start.isAfter(Times.now())) {
            return false;
        }
        Covering covering = covering(slot);
        return covering != null && store.close(slot.id, covering.absenceId(), covering.reason());
    }

    /** An active absence covering a slot, with what citizens are told. */
    public record Covering(UUID absenceId, String reason) {
    }

    /** The oldest active absence or closure covering this slot's day, place/organisation or sole staff; null if none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Covering covering(Slot slot) {
        LocalDate day = slot.start.atZoneSameInstant(slot.zone()).toLocalDate(); // the place's local day (issue 21)
        List<UUID> staff = slot.staffIdList();
        String onlyStaff = staff.size() == 1 ? staff.get(0).toString() : null;
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("""
                SELECT id, kind, reason FROM absence
                WHERE status = 'active' AND from_date <= :day AND to_date >= :day
                  AND ((kind = 'place' AND place_id = :place AND (declared_by = 'admin' OR partner_id = :partner))
                    OR (kind = 'person' AND CAST(person_id AS text) = :person AND partner_id = :partner))
                ORDER BY created_at, id LIMIT 1""")
                .setParameter("day", day).setParameter("place", slot.placeId).setParameter("partner", slot.partnerId)
                .setParameter("person", onlyStaff == null ? "" : onlyStaff).getResultList();
        if (found.isEmpty()) {
            return null;
        }
        Object[] absence = found.get(0);
        UUID id = (UUID) absence[0];
        return new Covering(id, AbsenceService.cause(id, (String) absence[1], (String) absence[2], day, day).citizenReason());
    }
}
