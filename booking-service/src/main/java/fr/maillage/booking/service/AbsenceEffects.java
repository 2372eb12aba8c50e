package fr.maillage.booking.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hibernate.Session;

import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.BookingStatus;
import fr.maillage.booking.domain.Shift;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.events.BookingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What an absence of a person or a closure of a place does (issue 19), computed by ONE plan for the preview and for
 * the declaration: the sessions (slots) it closes, each booking on them moved to the next equivalent slot or cancelled
 * by the service, the shifts removed. {@link #apply} carries the plan out in the caller's transaction, under the row
 * locks of every slot involved, through the booking paths of today ({@link BookingService#moveForAbsence} is the
 * reschedule's move, {@link BookingService#cancelForAbsence} the service's cancellation).
 */
@ApplicationScoped
public class AbsenceEffects {
    static final String PLACE = "place";
    static final String PERSON = "person";
    static final String MOVED = "moved";
    static final String CANCELLED = "cancelled";

    /** What the absence covers: a place (and whose slots there: null = every organisation's) or a person, for dates. */
    public record Scope(String kind, UUID placeId, UUID partnerScope, UUID personId, LocalDate from, LocalDate to) {
        OffsetDateTime start() {
            return from.atStartOfDay(Times.PARIS).toOffsetDateTime();
        }

        OffsetDateTime end() {
            return to.plusDays(1).atStartOfDay(Times.PARIS).toOffsetDateTime();
        }

        /**
         * Whether the slot starts on one of the scope's dates, in the local time of its place (issue 21: a closure of a
         * place in 974 on 12 January closes its 12 January, not Paris's).
         */
        boolean covers(Slot slot) {
            java.time.LocalDate day = slot.start.atZoneSameInstant(slot.zone()).toLocalDate();
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    public record AffectedSession(UUID slotId, UUID permanenceId, OffsetDateTime start, OffsetDateTime end,
            String offerTitle, String placeName, int bookings) {
    }

    public record MovedTo(UUID slotId, OffsetDateTime start) {
    }

    public record AffectedBooking(UUID bookingId, UUID slotId, OffsetDateTime start, String firstName, String outcome,
            MovedTo movedTo) {
    }

    public record AffectedShift(UUID shiftId, UUID personId, OffsetDateTime start, OffsetDateTime end) {
    }

    /** The preview, and what a declaration did: same shape. */
    public record Effects(String kind, LocalDate from, LocalDate to, List<AffectedSession> sessions,
            List<AffectedBooking> bookings, List<AffectedShift> shifts) {
    }

    private record Plan(Effects effects, List<Slot> slots, Set<UUID> permanenceIds, List<Shift> shifts) {
    }

    private final EntityManager em;
    private final SlotStore store;
    private final SlotService slotService;
    private final BookingService bookings;
    private final VerificationService verification;
    private final BookingEvents events;
    private final ShiftService shiftService;
    private final StaffingRequests staffingRequests;

    AbsenceEffects(EntityManager em, SlotStore store, SlotService slotService, BookingService bookings,
            VerificationService verification, BookingEvents events, ShiftService shiftService,
            StaffingRequests staffingRequests) {
        this.shiftService = shiftService;
        this.staffingRequests = staffingRequests;
        this.em = em;
        this.store = store;
        this.slotService = slotService;
        this.bookings = bookings;
        this.verification = verification;
        this.events = events;
    }

    /** What declaring it now would do; changes nothing. */
    public Effects preview(Scope scope) {
        return plan(scope, null).effects();
    }

    /**
     * Does it: closes the affected slots, moves or cancels their bookings, cancels the shifts and the pending staffing
     * requests of the affected permanences. @return what was done.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Effects apply(Scope scope, BookingEvents.AbsenceCause cause) {
        // lock every slot involved (affected ones and possible targets) in id order, as every booking change does,
        // then plan again on the locked, committed state: the plan cannot be overtaken by a booking or a cancellation
        // (slot rows only, read with JDBC: no booking is loaded into the persistence context before the locks)
        List<Slot> unlocked = affectedSlots(scope);
        // first the staffing lock of every permanence concerned (id order), as an acceptance or an assignment takes
        // it: none can add a shift to a permanence this closes while we work
        java.util.TreeSet<UUID> permanences = new java.util.TreeSet<>();
        permanences(unlocked, scope).values().forEach(p -> permanences.add(p.id()));
        shifts(scope, unlocked, permanences).forEach(sh -> permanences.add(sh.permanenceId));
        permanences.forEach(shiftService::lock);
        Set<UUID> involved = new HashSet<>(unlocked.stream().map(s -> s.id).toList());
        involved.addAll(candidates(unlocked).stream().map(s -> s.id).toList());
        if (!involved.isEmpty()) {
            store.lock(new ArrayList<>(involved));
        }
        Plan plan = plan(scope, involved);
        for (Slot slot : plan.slots()) {
            store.close(slot.id, cause.absenceId(), cause.citizenReason());
        }
        for (AffectedBooking affected : plan.effects().bookings()) {
            Booking booking = em.find(Booking.class, affected.bookingId());
            if (MOVED.equals(affected.outcome())) {
                bookings.moveForAbsence(affected.bookingId(), affected.movedTo().slotId(), cause);
            } else if (BookingStatus.PENDING.equals(booking.status)) {
                // a booking still waiting for its code was never confirmed: it expires, as when offers cancels a session
                verification.expire(bookings.lock(booking.id), slotService.find(booking.slotId));
            } else {
                bookings.cancelForAbsence(affected.bookingId(), cause);
            }
        }
        // (a permanence the locked plan names that was not locked above — rare: the slots changed meanwhile)
        java.util.TreeSet<UUID> late = new java.util.TreeSet<>(plan.permanenceIds());
        plan.shifts().forEach(sh -> late.add(sh.permanenceId));
        late.removeAll(permanences);
        late.forEach(shiftService::lock);
        OffsetDateTime now = Times.now();
        for (Shift shift : plan.shifts()) {
            em.refresh(shift);
            if (!Shift.ASSIGNED.equals(shift.status)) {
                continue; // removed meanwhile, before the lock
            }
            shift.status = Shift.CANCELLED;
            shift.cancelReason = cause.staffReason();
            shift.absenceId = cause.absenceId();
            shift.version++;
            shift.updatedAt = now;
            events.shiftCancelledByAbsence(shift, slotService.find(shift.slotId), cause);
        }
        staffingRequests.cancelPending(plan.permanenceIds(), PERSON.equals(scope.kind()) ? scope.personId() : null,
                scope.start(), scope.end());
        return plan.effects();
    }

    /**
     * The plan. {@code lockedOnly}: when set, only these slots may be closed or receive a booking (those locked by
     * {@link #apply}).
     */
    private Plan plan(Scope scope, Set<UUID> lockedOnly) {
        List<Slot> affected = affectedSlots(scope);
        if (lockedOnly != null) {
            affected = affected.stream().filter(s -> lockedOnly.contains(s.id)).toList();
        }
        Map<UUID, Permanences.Permanence> permanenceOf = permanences(affected, scope);
        if (PERSON.equals(scope.kind())) {
            // a session stays open when someone else staffs its permanence: only the sessions the person alone runs close
            Set<UUID> staffedByOthers = staffedByOthers(scope.personId(), permanenceOf.values());
            affected = affected.stream().filter(s -> !staffedByOthers.contains(permanenceOf.get(s.id).id())).toList();
        }
        Set<UUID> affectedIds = affected.stream().map(s -> s.id).collect(Collectors.toSet());
        List<Slot> targets = candidates(affected).stream().filter(s -> !affectedIds.contains(s.id))
                .filter(s -> lockedOnly == null || lockedOnly.contains(s.id)).toList();
        Map<UUID, Slot> slotById = affected.stream().collect(Collectors.toMap(s -> s.id, s -> s));
        List<Booking> active = affectedIds.isEmpty() ? List.of()
                : Booking.<Booking>list("slotId in ?1 and status in ?2", affectedIds,
                        List.of(BookingStatus.CONFIRMED, BookingStatus.WAITLISTED, BookingStatus.PENDING))
                        .stream().sorted(Comparator.comparing((Booking b) -> slotById.get(b.slotId).start)
                                .thenComparing(b -> b.queueSeq == null ? Long.MAX_VALUE : b.queueSeq))
                        .toList();
        Map<UUID, Integer> seatsLeft = new HashMap<>();
        targets.forEach(t -> seatsLeft.put(t.id, t.remaining()));
        Map<UUID, Set<String>> contactsOn = contactsOn(targets);
        List<AffectedBooking> bookingEffects = new ArrayList<>();
        for (Booking booking : active) {
            Slot from = slotById.get(booking.slotId);
            Slot to = BookingStatus.CONFIRMED.equals(booking.status)
                    ? nextEquivalent(booking, from, targets, seatsLeft, contactsOn) : null;
            if (to != null) {
                seatsLeft.merge(to.id, -1, Integer::sum);
                contactsOn.computeIfAbsent(to.id, k -> new HashSet<>()).addAll(contacts(booking));
            }
            bookingEffects.add(new AffectedBooking(booking.id, from.id, from.local(from.start), booking.firstName,
                    to == null ? CANCELLED : MOVED, to == null ? null : new MovedTo(to.id, to.local(to.start))));
        }
        Map<UUID, Long> perSlot = active.stream().collect(Collectors.groupingBy(b -> b.slotId, Collectors.counting()));
        List<AffectedSession> sessions = affected.stream().map(s -> new AffectedSession(s.id, permanenceOf.get(s.id).id(),
                s.local(s.start), s.local(s.end), s.offerTitle, s.placeName,
                perSlot.getOrDefault(s.id, 0L).intValue())).toList();
        Set<UUID> permanenceIds = affected.stream().map(s -> permanenceOf.get(s.id).id())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        List<Shift> shifts = shifts(scope, affected, permanenceIds);
        List<AffectedShift> shiftEffects = shifts.stream().map(sh -> new AffectedShift(sh.id, sh.personId,
                Times.paris(sh.start), Times.paris(sh.end))).toList();
        return new Plan(new Effects(scope.kind(), scope.from(), scope.to(), sessions, bookingEffects, shiftEffects),
                affected, permanenceIds, shifts);
    }

    /**
     * The next equivalent slot: same offer, starts later, not affected, planned and open, a seat left (after the moves
     * already planned), bookable by whoever booked (the reschedule's rules: booking window, bookers), and not a slot
     * where the same person already holds a booking.
     */
    private static Slot nextEquivalent(Booking booking, Slot from, List<Slot> targets, Map<UUID, Integer> seatsLeft,
            Map<UUID, Set<String>> contactsOn) {
        Set<String> mine = contacts(booking);
        for (Slot candidate : targets) {
            if (candidate.offerId.equals(from.offerId) && candidate.start.isAfter(from.start)
                    && seatsLeft.getOrDefault(candidate.id, 0) > 0
                    && BookingService.bookable(candidate, booking.bookedBy)
                    && contactsOn.getOrDefault(candidate.id, Set.of()).stream().noneMatch(mine::contains)) {
                return candidate;
            }
        }
        return null;
    }

    private static Set<String> contacts(Booking booking) {
        Set<String> contacts = new HashSet<>();
        if (booking.phoneHash != null) {
            contacts.add("p:" + booking.phoneHash);
        }
        if (booking.emailHash != null) {
            contacts.add("e:" + booking.emailHash);
        }
        return contacts;
    }

    /** Future, planned, open slots of the scope's dates (local days), read fresh (not from the persistence context). */
    private List<Slot> affectedSlots(Scope scope) {
        if (PLACE.equals(scope.kind())) {
            // a day around the Paris bounds, then the place's own local days (its zone may be Paris ± 10 h)
            return slots("s.place_id = ? AND s.partner_id = COALESCE(?::uuid, s.partner_id)"
                    + " AND s.status = 'planned' AND s.closure_id IS NULL AND s.start_at >= ? AND s.start_at < ?"
                    + " AND s.start_at > now()", scope.placeId(), scope.partnerScope(), scope.start().minusDays(1),
                    scope.end().plusDays(1)).stream().filter(scope::covers).toList();
        }
        // staff_ids is the comma-joined list of the offer's named staff: exactly this person, no one else
        // and only at the person's own organisation's slots: an absence never closes another organisation's sessions
        return slots("s.staff_ids = ? AND s.partner_id = ? AND s.status = 'planned' AND s.closure_id IS NULL"
                + " AND s.start_at >= ? AND s.start_at < ? AND s.start_at > now()", scope.personId().toString(),
                scope.partnerScope(), scope.start(), scope.end());
    }

    /** Where bookings may go: future planned open slots of the affected offers. */
    private List<Slot> candidates(List<Slot> affected) {
        if (affected.isEmpty()) {
            return List.of();
        }
        UUID[] offers = affected.stream().map(s -> s.offerId).distinct().toArray(UUID[]::new);
        return slots("s.offer_id = ANY (?) AND s.status = 'planned' AND s.closure_id IS NULL AND s.start_at > now()",
                (Object) offers);
    }

    /** Each affected slot's permanence (the runs of its offer, place and day: {@link Permanences#group}). */
    private Map<UUID, Permanences.Permanence> permanences(List<Slot> affected, Scope scope) {
        if (affected.isEmpty()) {
            return Map.of();
        }
        UUID[] offers = affected.stream().map(s -> s.offerId).distinct().toArray(UUID[]::new);
        List<Slot> days = slots("s.offer_id = ANY (?) AND s.start_at >= ? AND s.start_at < ?", offers, scope.start(),
                scope.end());
        Map<UUID, Permanences.Permanence> byslot = new HashMap<>();
        for (Permanences.Permanence permanence : Permanences.group(days)) {
            permanence.slotIds().forEach(id -> byslot.put(id, permanence));
        }
        return byslot;
    }

    /** Permanences among these where a shift of someone other than {@code personId} is assigned. */
    private Set<UUID> staffedByOthers(UUID personId, java.util.Collection<Permanences.Permanence> permanences) {
        Set<UUID> staffed = new HashSet<>();
        for (Permanences.Permanence p : new HashSet<>(permanences)) {
            long others = Shift.count("status = ?1 and personId <> ?2 and (permanenceId = ?3 or slotId in ?4)",
                    Shift.ASSIGNED, personId, p.id(), p.slotIds());
            if (others > 0) {
                staffed.add(p.id());
            }
        }
        return staffed;
    }

    /**
     * Shifts removed: a person's own future shifts in the dates; at a closed place, the future shifts of the affected
     * sessions' permanences.
     */
    private List<Shift> shifts(Scope scope, List<Slot> affected, Set<UUID> permanenceIds) {
        OffsetDateTime now = Times.now();
        if (PERSON.equals(scope.kind())) {
            return Shift.list("personId = ?1 and status = ?2 and start < ?3 and end > ?4 and start > ?5 order by start, id",
                    scope.personId(), Shift.ASSIGNED, scope.end(), scope.start(), now);
        }
        if (affected.isEmpty()) {
            return List.of();
        }
        return Shift.list("status = ?1 and (permanenceId in ?2 or slotId in ?3) and start > ?4 order by start, id",
                Shift.ASSIGNED, permanenceIds, affected.stream().map(s -> s.id).toList(), now);
    }

    /** Contact hashes of the active bookings already on the candidate slots (one person is never booked twice on one). */
    private Map<UUID, Set<String>> contactsOn(List<Slot> targets) {
        Map<UUID, Set<String>> on = new HashMap<>();
        if (targets.isEmpty()) {
            return on;
        }
        List<Booking> there = Booking.list("slotId in ?1 and status in ?2", targets.stream().map(s -> s.id).toList(),
                List.of(BookingStatus.CONFIRMED, BookingStatus.WAITLISTED, BookingStatus.PENDING));
        there.forEach(b -> on.computeIfAbsent(b.slotId, k -> new HashSet<>()).addAll(contacts(b)));
        return on;
    }

    /** Slots read with plain JDBC (fresh rows, detached), by start then id. */
    private List<Slot> slots(String where, Object... params) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + SlotRows.COLUMNS
                    + " FROM slot s WHERE " + where + " ORDER BY s.start_at, s.id")) {
                for (int i = 0; i < params.length; i++) {
                    bind(connection, select, i + 1, params[i]);
                }
                List<Slot> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(SlotRows.read(rows));
                    }
                }
                return found;
            }
        });
    }

    private static void bind(Connection connection, PreparedStatement statement, int index, Object value)
            throws SQLException {
        if (value instanceof UUID[] ids) {
            Array array = connection.createArrayOf("uuid", ids);
            statement.setArray(index, array);
        } else {
            statement.setObject(index, value);
        }
    }
}
