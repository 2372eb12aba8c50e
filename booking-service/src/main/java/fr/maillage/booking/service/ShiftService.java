package fr.maillage.booking.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import fr.maillage.booking.domain.Shift;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.events.BookingEvents;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

/**
 * Staff shifts: people of the directory assigned to slots; each change is a booking.shifts.v1 event.
 * The host structure (the slot's partner) staffs its slots: an admin, or a partner app or agent acting for
 * it, assigns, cancels and lists them (403 for anyone else), and only with its own people: a person booking knows from
 * the directory (422 otherwise) whose organisation is the slot's partner (403 otherwise). A volunteer sees their own
 * shifts only.
 */
@ApplicationScoped
public class ShiftService {
    static final String HOST = "de la structure qui accueille ce créneau";

    private final EntityManager em;
    private final SlotService slots;
    private final BookingEvents events;
    private final Caller caller;
    private final People people;

    ShiftService(EntityManager em, SlotService slots, BookingEvents events, Caller caller, People people) {
        this.em = em;
        this.people = people;
        this.slots = slots;
        this.events = events;
        this.caller = caller;
    }

    @Transactional
    public Shift assign(UUID slotId, UUID personId) {
        Slot slot = hosted(slotId);
        if (slot.isCancelled()) {
            throw Problem.conflict("slotId", "Ce créneau a été annulé : on ne peut plus y affecter de personnel.");
        }
        if (!Times.now().isBefore(slot.end)) {
            throw Problem.ruleBroken("slotId", "Ce créneau est terminé : on ne peut plus y affecter de personnel.");
        }
        // only the host structure's own people, known to the directory (offers carry no sharing with other organisations)
        People.require(people.find(personId), "personId", List.of(slot.partnerId), "à la structure qui accueille ce créneau");
        if (Shift.count("slotId = ?1 and personId = ?2 and status = ?3", slotId, personId, Shift.ASSIGNED) > 0) {
            throw alreadyAssigned();
        }
        Shift shift = new Shift();
        shift.id = UUID.randomUUID();
        shift.slotId = slotId;
        shift.permanenceId = slotId;
        shift.start = slot.start;
        shift.end = slot.end;
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
        hosted(slotId);
        Shift shift = em.find(Shift.class, shiftId, LockModeType.PESSIMISTIC_WRITE);
        if (shift == null || !shift.slotId.equals(slotId)) {
            throw Problem.notFound("shiftId", "Aucune permanence " + shiftId + " sur ce créneau.");
        }
        if (Shift.CANCELLED.equals(shift.status)) {
            throw Problem.conflict("shiftId", "Cette permanence est déjà annulée.");
        }
        Slot slot = slots.find(slotId);
        shift.status = Shift.CANCELLED;
        shift.version++;
        shift.updatedAt = Times.now();
        events.shift("ShiftCancelled", shift, slot);
        return shift;
    }

    public List<Shift> ofSlot(UUID slotId) {
        hosted(slotId);
        return Shift.list("slotId = ?1 order by createdAt", slotId);
    }

    public record PersonShift(Shift shift, Slot slot) {
    }

    public record ShiftPage(List<PersonShift> items, long total) {
    }

    /**
     * Upcoming shifts the caller may see, soonest first: a volunteer their own (naming another person is
     * refused), a partner app or agent those at their organisation's slots, an admin everyone's;
     * {@code personId} narrows to one person.
     */
    public ShiftPage visible(UUID personId, OffsetDateTime from, int page, int size) {
        UUID person = personId;
        UUID org = null;
        if (Caller.VOLUNTEER.equals(caller.role())) { // a volunteer only: an agent who also volunteers sees as an agent
            UUID self = caller.person().orElseThrow(() -> Problem.forbidden("Votre jeton de bénévole ne précise pas qui vous "
                    + "êtes dans l'annuaire (claim person) : il est nécessaire pour voir vos permanences."));
            if (person != null && !person.equals(self)) {
                throw Problem.forbidden("personId", "Un bénévole ne consulte que ses propres permanences : "
                        + "retirez personId ou indiquez le vôtre.");
            }
            person = self;
        } else if (!caller.isAdmin()) {
            org = caller.requiredOrg();
        }
        return search(person, org, from, page, size);
    }

    /** Assigned shifts whose slot ends after {@code from} (default: now), of a person and/or at a partner's slots. */
    ShiftPage search(UUID personId, UUID partnerId, OffsetDateTime from, int page, int size) {
        OffsetDateTime since = from == null ? Times.now() : from;
        StringBuilder where = new StringBuilder(" FROM Shift sh, Slot s WHERE s.id = sh.slotId"
                + " AND sh.status = 'assigned' AND s.end > :since");
        if (personId != null) {
            where.append(" AND sh.personId = :person");
        }
        if (partnerId != null) {
            where.append(" AND s.partnerId = :partner");
        }
        var count = em.createQuery("SELECT count(sh)" + where, Long.class);
        var select = em.createQuery("SELECT sh, s" + where + " ORDER BY s.start, sh.id", Object[].class);
        for (jakarta.persistence.Query query : List.<jakarta.persistence.Query>of(count, select)) {
            query.setParameter("since", since);
            if (personId != null) {
                query.setParameter("person", personId);
            }
            if (partnerId != null) {
                query.setParameter("partner", partnerId);
            }
        }
        long total = count.getSingleResult();
        List<Object[]> rows = select.setFirstResult(page * size).setMaxResults(size).getResultList();
        return new ShiftPage(rows.stream().map(r -> new PersonShift((Shift) r[0], (Slot) r[1])).toList(), total);
    }

    /** The slot, if it exists (404) and the caller may staff it (403). */
    public Slot hosted(UUID slotId) {
        Slot slot = existing(slotId);
        caller.requireActsFor(HOST, slot.partnerId);
        return slot;
    }

    private Slot existing(UUID slotId) {
        Slot slot = slots.find(slotId);
        if (slot == null) {
            throw Problem.notFound("slotId", "Aucun créneau avec l'identifiant " + slotId + ".");
        }
        return slot;
    }

    private static Problem alreadyAssigned() {
        return Problem.conflict("personId", "Cette personne est déjà affectée à ce créneau.");
    }
}
