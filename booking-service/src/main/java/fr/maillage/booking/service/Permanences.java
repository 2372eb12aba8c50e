package fr.maillage.booking.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Permanences (issue 19): a run of contiguous slots of one offer at one place — each slot starts when the previous one
 * ends, on the same local day of the place (its territory's zone, issue 21) — as the offers service cuts a 09:00-11:00 range into 30-minute sessions.
 * A permanence's id is its first slot's id, its bounds the first slot's start and the last slot's end; a workshop that
 * is not cut into slots is a permanence of one slot. Slots of every status belong to it (a cancelled or closed slot in
 * the middle keeps the run, so a permanence keeps its id and bounds). The one place where this grouping is computed:
 * shifts, the permanences list, candidates, staffing requests, absences and closures all use it.
 */
@ApplicationScoped
public class Permanences {
    public static final String PLANNED = "planned";
    public static final String CANCELLED = "cancelled";
    public static final String CLOSED = "closed";

    /** One permanence: its slots in time order (never empty). */
    public record Permanence(List<Slot> slots) {
        public Permanence {
            slots = List.copyOf(slots);
            if (slots.isEmpty()) {
                throw new IllegalArgumentException("a permanence has at least one slot");
            }
        }

        /** The id: its first slot's. */
        public UUID id() {
            return first().id;
        }

        public Slot first() {
            return slots.get(0);
        }

        public Slot last() {
            return slots.get(slots.size() - 1);
        }

        public OffsetDateTime start() {
            return first().start;
        }

        public OffsetDateTime end() {
            return last().end;
        }

        public UUID offerId() {
            return first().offerId;
        }

        public UUID partnerId() {
            return first().partnerId;
        }

        public UUID placeId() {
            return first().placeId;
        }

        public List<UUID> slotIds() {
            return slots.stream().map(s -> s.id).toList();
        }

        public boolean contains(UUID slotId) {
            return slots.stream().anyMatch(s -> s.id.equals(slotId));
        }

        /** Local date of the permanence, in its place's zone (issue 21). */
        public LocalDate date() {
            return start().atZoneSameInstant(first().zone()).toLocalDate();
        }

        /** Seats of the bookable slots (not cancelled, not closed). */
        public int capacity() {
            return slots.stream().filter(s -> !s.isCancelled() && !s.isClosed()).mapToInt(s -> s.capacity).sum();
        }

        /** Confirmed bookings of the bookable slots. */
        public int confirmed() {
            return slots.stream().filter(s -> !s.isCancelled() && !s.isClosed()).mapToInt(s -> s.confirmed).sum();
        }

        /**
         * {@value Permanences#CANCELLED} when every slot is cancelled, {@value Permanences#CLOSED} when every slot left
         * is closed by an absence or closure, {@value Permanences#PLANNED} otherwise.
         */
        public String status() {
            if (slots.stream().allMatch(Slot::isCancelled)) {
                return CANCELLED;
            }
            if (slots.stream().filter(s -> !s.isCancelled()).allMatch(Slot::isClosed)) {
                return CLOSED;
            }
            return PLANNED;
        }

        public boolean isPlanned() {
            return PLANNED.equals(status());
        }
    }

    private final EntityManager em;

    Permanences(EntityManager em) {
        this.em = em;
    }

    /**
     * Groups slots into permanences (pure: no database). The slots may come in any order and mix offers and places;
     * the permanences come out by start, then id.
     */
    public static List<Permanence> group(List<Slot> slots) {
        List<Slot> sorted = new ArrayList<>(slots);
        sorted.sort(Comparator.comparing((Slot s) -> s.offerId).thenComparing(s -> s.placeId)
                .thenComparing(s -> s.start).thenComparing(s -> s.id));
        List<Permanence> found = new ArrayList<>();
        List<Slot> run = new ArrayList<>();
        for (Slot slot : sorted) {
            if (!run.isEmpty() && !continues(run.get(run.size() - 1), slot)) {
                found.add(new Permanence(run));
                run = new ArrayList<>();
            }
            run.add(slot);
        }
        if (!run.isEmpty()) {
            found.add(new Permanence(run));
        }
        found.sort(Comparator.comparing(Permanence::start).thenComparing(Permanence::id));
        return found;
    }

    /** Whether {@code next} continues the run ending with {@code previous}. */
    static boolean continues(Slot previous, Slot next) {
        return previous.offerId.equals(next.offerId) && previous.placeId.equals(next.placeId)
                && previous.end.isEqual(next.start) && localDate(previous).equals(localDate(next));
    }

    /** The local day of a slot's start, in its place's zone (issue 21). */
    private static LocalDate localDate(Slot slot) {
        return slot.start.atZoneSameInstant(slot.zone()).toLocalDate();
    }

    private static LocalDate parisDate(OffsetDateTime time) {
        return time.atZoneSameInstant(Times.PARIS).toLocalDate();
    }

    /** The permanence containing this slot (any of its slots, not only the first), empty if the slot is unknown. */
    public Optional<Permanence> containing(UUID slotId) {
        Slot slot = em.find(Slot.class, slotId);
        if (slot == null) {
            return Optional.empty();
        }
        return sameDay(slot).stream().filter(p -> p.contains(slotId)).findFirst();
    }

    /**
     * The permanence whose id is {@code permanenceId}; a slot id inside a permanence also finds it (its id is then the
     * first slot's, not the one asked). Empty if no such slot.
     */
    public Optional<Permanence> find(UUID permanenceId) {
        return containing(permanenceId);
    }

    /** Permanences of these slots' days, grouped: the slots of the same offer and place on that local day. */
    private List<Permanence> sameDay(Slot slot) {
        LocalDate day = localDate(slot);
        OffsetDateTime from = day.atStartOfDay(slot.zone()).toOffsetDateTime();
        OffsetDateTime to = day.plusDays(1).atStartOfDay(slot.zone()).toOffsetDateTime();
        List<Slot> slots = em.createQuery("SELECT s FROM Slot s WHERE s.offerId = :offer AND s.placeId = :place"
                + " AND s.start >= :from AND s.start < :to", Slot.class).setParameter("offer", slot.offerId)
                .setParameter("place", slot.placeId).setParameter("from", from).setParameter("to", to).getResultList();
        return group(slots);
    }

    /**
     * Permanences starting in [from, to) — a permanence is counted when its first slot starts in the range — hosted by
     * {@code partnerId} and/or at {@code placeId} (null: any), by start. Whole local days are read around the range so
     * that a permanence starting inside the range keeps all its slots.
     */
    public List<Permanence> between(UUID partnerId, UUID placeId, OffsetDateTime from, OffsetDateTime to) {
        // a day of margin each side: the places' local days may be Paris's ± 10 h (issue 21)
        OffsetDateTime dayFrom = parisDate(from).minusDays(1).atStartOfDay(Times.PARIS).toOffsetDateTime();
        OffsetDateTime dayTo = parisDate(to).plusDays(2).atStartOfDay(Times.PARIS).toOffsetDateTime();
        StringBuilder jpql = new StringBuilder("SELECT s FROM Slot s WHERE s.start >= :from AND s.start < :to");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("from", dayFrom);
        params.put("to", dayTo);
        if (partnerId != null) {
            jpql.append(" AND s.partnerId = :partner");
            params.put("partner", partnerId);
        }
        if (placeId != null) {
            jpql.append(" AND s.placeId = :place");
            params.put("place", placeId);
        }
        var query = em.createQuery(jpql.toString(), Slot.class);
        params.forEach(query::setParameter);
        return group(query.getResultList()).stream()
                .filter(p -> !p.start().isBefore(from) && p.start().isBefore(to)).toList();
    }
}
