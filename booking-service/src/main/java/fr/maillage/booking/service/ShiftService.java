package fr.maillage.booking.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.hibernate.Session;

import fr.maillage.booking.domain.Shift;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.events.BookingEvents;
import fr.maillage.booking.service.Permanences.Permanence;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

/**
 * Staff shifts: people of the directory assigned to permanences (issue 19: one shift covers a whole permanence, a run of
 * contiguous slots — see {@link Permanences}; the slot-based API acts on the permanence holding the slot); each change
 * is a booking.shifts.v1 event carrying the permanence's bounds. The host structure (the slots' partner) staffs its
 * permanences: an admin, or a partner app or agent acting for it, assigns, cancels and lists them (403 for anyone else),
 * and only with its own people: a person booking knows from the directory (422 otherwise) whose organisation is the
 * host (403 otherwise). A volunteer sees their own shifts only.
 */
@ApplicationScoped
public class ShiftService {
    static final String HOST = "de la structure qui accueille cette permanence";

    private final EntityManager em;
    private final Permanences permanences;
    private final BookingEvents events;
    private final Caller caller;
    private final People people;

    ShiftService(EntityManager em, Permanences permanences, BookingEvents events, Caller caller, People people) {
        this.em = em;
        this.people = people;
        this.permanences = permanences;
        this.events = events;
        this.caller = caller;
    }

    /** Assigns a person to the permanence {@code id} (its id, or the id of any of its slots): 201 once, 409 twice. */
    @Transactional
    public Shift assign(UUID id, UUID personId) {
        Permanence permanence = hosted(id);
        lock(permanence.id());
        return create(permanences.find(permanence.id()).orElseThrow(), personId, null);
    }

    /**
     * Creates the shift, without the caller's checks (the staffing request path: the person answers for themselves);
     * the caller holds {@link #lock} on the permanence.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Shift create(Permanence permanence, UUID personId, UUID staffingRequestId) {
        if (!permanence.isPlanned()) {
            throw Problem.conflict("id", Permanences.CLOSED.equals(permanence.status())
                    ? "Cette permanence est fermée (absence ou fermeture du lieu) : on ne peut plus y affecter de personnel."
                    : "Cette permanence a été annulée : on ne peut plus y affecter de personnel.");
        }
        if (!Times.now().isBefore(permanence.end())) {
            throw Problem.ruleBroken("id", "Cette permanence est terminée : on ne peut plus y affecter de personnel.");
        }
        // only the host structure's own people, known to the directory (offers carry no sharing with other organisations)
        People.require(people.find(personId), "personId", List.of(permanence.partnerId()),
                "à la structure qui accueille cette permanence");
        if (assigned(permanence).stream().anyMatch(s -> s.personId.equals(personId))) {
            throw alreadyAssigned();
        }
        Shift shift = new Shift();
        shift.id = UUID.randomUUID();
        shift.slotId = permanence.id();
        shift.permanenceId = permanence.id();
        shift.start = permanence.start();
        shift.end = permanence.end();
        shift.personId = personId;
        shift.status = Shift.ASSIGNED;
        shift.version = 1;
        shift.createdAt = Times.now();
        shift.updatedAt = shift.createdAt;
        try {
            em.persist(shift);
            em.flush();
        } catch (PersistenceException e) {
            // the unique index shift_once_per_permanence decided a concurrent race
            throw alreadyAssigned();
        }
        if (staffingRequestId == null) {
            events.shift("ShiftAssigned", shift, permanence.first());
        } else {
            events.shiftFromRequest(shift, permanence.first(), staffingRequestId);
        }
        return shift;
    }

    @Transactional
    public Shift cancel(UUID id, UUID shiftId) {
        Permanence permanence = hosted(id);
        Shift shift = em.find(Shift.class, shiftId, LockModeType.PESSIMISTIC_WRITE);
        if (shift == null || !belongs(shift, permanence)) {
            throw Problem.notFound("shiftId", "Aucune affectation " + shiftId + " sur cette permanence.");
        }
        if (Shift.CANCELLED.equals(shift.status)) {
            throw Problem.conflict("shiftId", "Cette affectation est déjà annulée.");
        }
        shift.status = Shift.CANCELLED;
        shift.version++;
        shift.updatedAt = Times.now();
        events.shift("ShiftCancelled", shift, permanence.first());
        return shift;
    }

    /** Every shift of the permanence (cancelled ones too), oldest first; the caller must be its host (403). */
    public List<Shift> ofPermanence(UUID id) {
        return of(hosted(id));
    }

    /** Every shift of the permanence (cancelled ones too), oldest first, without the caller's checks. */
    public List<Shift> of(Permanence permanence) {
        // shifts written before issue 19 name one slot of the permanence, maybe not its first one
        return Shift.list("permanenceId = ?1 or slotId in ?2 order by createdAt, id", permanence.id(), permanence.slotIds());
    }

    /** The assigned shifts of the permanence. */
    public List<Shift> assigned(Permanence permanence) {
        return of(permanence).stream().filter(s -> Shift.ASSIGNED.equals(s.status)).toList();
    }

    static boolean belongs(Shift shift, Permanence permanence) {
        return permanence.id().equals(shift.permanenceId) || permanence.contains(shift.slotId);
    }

    /**
     * Serialises the writes that staff one permanence (a direct assignment, an accepted staffing request) until the end
     * of the transaction: "still understaffed?" and the new shift are one decision.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(UUID permanenceId) {
        em.unwrap(Session.class).doWork(connection -> {
            try (var statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 19))")) {
                statement.setString(1, "permanence:" + permanenceId);
                statement.execute();
            }
        });
    }

    /**
     * A slot was cancelled by the offers service: the shifts of its permanence go only when the whole permanence is
     * cancelled (a cancelled slot in the middle keeps the run and its staff).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void slotCancelled(Slot slot) {
        permanences.containing(slot.id).filter(p -> Permanences.CANCELLED.equals(p.status())).ifPresent(permanence -> {
            for (Shift shift : assigned(permanence)) {
                shift.status = Shift.CANCELLED;
                shift.cancelReason = slot.cancelReason;
                shift.version++;
                shift.updatedAt = Times.now();
                events.shift("ShiftCancelled", shift, permanence.first());
            }
        });
    }

    /**
     * A slot moved: the shifts of the permanence now holding it, and those anchored at this slot, take the permanence's
     * new bounds (ShiftChanged, only when they changed).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void slotMoved(Slot slot) {
        Permanence permanence = permanences.containing(slot.id).orElse(null);
        if (permanence == null) {
            return;
        }
        List<Shift> concerned = new java.util.ArrayList<>(assigned(permanence));
        for (Shift anchored : Shift.<Shift>list("(slotId = ?1 or permanenceId = ?1) and status = ?2", slot.id,
                Shift.ASSIGNED)) {
            if (concerned.stream().noneMatch(s -> s.id.equals(anchored.id))) {
                concerned.add(anchored);
            }
        }
        for (Shift shift : concerned) {
            if (shift.start.isEqual(permanence.start()) && shift.end.isEqual(permanence.end())
                    && permanence.id().equals(shift.permanenceId)) {
                continue;
            }
            shift.slotId = permanence.id();
            shift.permanenceId = permanence.id();
            shift.start = permanence.start();
            shift.end = permanence.end();
            shift.version++;
            shift.updatedAt = Times.now();
            events.shift("ShiftChanged", shift, permanence.first());
        }
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

    /**
     * Assigned shifts whose permanence ends after {@code from} (default: now), of a person and/or at a partner's slots;
     * the slot of each is the permanence's first (offer and place).
     */
    public ShiftPage search(UUID personId, UUID partnerId, OffsetDateTime from, int page, int size) {
        OffsetDateTime since = from == null ? Times.now() : from;
        StringBuilder where = new StringBuilder(" FROM Shift sh, Slot s WHERE s.id = sh.slotId"
                + " AND sh.status = 'assigned' AND sh.end > :since");
        if (personId != null) {
            where.append(" AND sh.personId = :person");
        }
        if (partnerId != null) {
            where.append(" AND s.partnerId = :partner");
        }
        var count = em.createQuery("SELECT count(sh)" + where, Long.class);
        var select = em.createQuery("SELECT sh, s" + where + " ORDER BY sh.start, sh.id", Object[].class);
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

    /** The permanence of {@code id} (its id or one of its slots'), if it exists (404) and the caller may staff it (403). */
    public Permanence hosted(UUID id) {
        Permanence permanence = permanences.find(id).orElseThrow(() -> Problem.notFound("id",
                "Aucune permanence ni aucun créneau avec l'identifiant " + id + "."));
        caller.requireActsFor(HOST, permanence.partnerId());
        return permanence;
    }

    private static Problem alreadyAssigned() {
        return Problem.conflict("personId", "Cette personne est déjà affectée à cette permanence.");
    }
}
