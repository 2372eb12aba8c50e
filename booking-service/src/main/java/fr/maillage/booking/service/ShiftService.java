package fr.maillage.booking.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import fr.maillage.booking.api.ApiProblem;
import fr.maillage.booking.domain.Shift;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.events.BookingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

/** Staff shifts: people of the directory assigned to slots; each change is a booking.shifts.v1 event. */
@ApplicationScoped
public class ShiftService {
    private final EntityManager em;
    private final SlotService slots;
    private final BookingEvents events;

    ShiftService(EntityManager em, SlotService slots, BookingEvents events) {
        this.em = em;
        this.slots = slots;
        this.events = events;
    }

    @Transactional
    public Shift assign(UUID slotId, UUID personId) {
        Slot slot = existing(slotId);
        if (slot.isCancelled()) {
            throw ApiProblem.conflict("slotId", "Ce créneau a été annulé : on ne peut plus y affecter de personnel.");
        }
        if (!Times.now().isBefore(slot.end)) {
            throw ApiProblem.unprocessable("slotId", "Ce créneau est terminé : on ne peut plus y affecter de personnel.");
        }
        if (Shift.count("slotId = ?1 and personId = ?2 and status = ?3", slotId, personId, Shift.ASSIGNED) > 0) {
            throw alreadyAssigned();
        }
        Shift shift = new Shift();
        shift.id = UUID.randomUUID();
        shift.slotId = slotId;
        shift.personId = personId;
        shift.status = Shift.ASSIGNED;
        shift.version = 1;
        shift.createdAt = Times.now();
        shift.updatedAt = shift.createdAt;
        try {
            em.persist(shift);
            em.flush();
        } catch (PersistenceException e) {
            // the unique index shift_once_per_slot decided a concurrent race
            throw alreadyAssigned();
        }
        events.shift("ShiftAssigned", shift, slot);
        return shift;
    }

    @Transactional
    public Shift cancel(UUID slotId, UUID shiftId) {
        Shift shift = em.find(Shift.class, shiftId, LockModeType.PESSIMISTIC_WRITE);
        if (shift == null || !shift.slotId.equals(slotId)) {
            throw ApiProblem.notFound("shiftId", "Aucune permanence " + shiftId + " sur ce créneau.");
        }
        if (Shift.CANCELLED.equals(shift.status)) {
            throw ApiProblem.conflict("shiftId", "Cette permanence est déjà annulée.");
        }
        Slot slot = slots.find(slotId);
        shift.status = Shift.CANCELLED;
        shift.version++;
        shift.updatedAt = Times.now();
        events.shift("ShiftCancelled", shift, slot);
        return shift;
    }

    public List<Shift> ofSlot(UUID slotId) {
        existing(slotId);
        return Shift.list("slotId = ?1 order by createdAt", slotId);
    }

    public record PersonShift(Shift shift, Slot slot) {
    }

    public record ShiftPage(List<PersonShift> items, long total) {
    }

    /** A person's assigned shifts whose slot ends after {@code from} (default: now), soonest first. */
    public ShiftPage ofPerson(UUID personId, OffsetDateTime from, int page, int size) {
        OffsetDateTime since = from == null ? Times.now() : from;
        String where = " FROM Shift sh, Slot s WHERE s.id = sh.slotId AND sh.personId = :person"
                + " AND sh.status = 'assigned' AND s.end > :since";
        long total = em.createQuery("SELECT count(sh)" + where, Long.class).setParameter("person", personId)
                .setParameter("since", since).getSingleResult();
        List<Object[]> rows = em.createQuery("SELECT sh, s" + where + " ORDER BY s.start", Object[].class)
                .setParameter("person", personId).setParameter("since", since)
                .setFirstResult(page * size).setMaxResults(size).getResultList();
        return new ShiftPage(rows.stream().map(r -> new PersonShift((Shift) r[0], (Slot) r[1])).toList(), total);
    }

    private Slot existing(UUID slotId) {
        Slot slot = slots.find(slotId);
        if (slot == null) {
            throw ApiProblem.notFound("slotId", "Aucun créneau avec l'identifiant " + slotId + ".");
        }
        return slot;
    }

    private static ApiProblem alreadyAssigned() {
        return ApiProblem.conflict("personId", "Cette personne est déjà affectée à ce créneau.");
    }
}
