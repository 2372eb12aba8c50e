package fr.maillage.booking.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.maillage.booking.domain.Shift;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.service.Permanences.Permanence;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The permanences a structure sees (issue 19, « permanences sans bénévole »): each with its staff (assigned shifts),
 * whether it is understaffed (fewer than {@value #REQUIRED_STAFF} person) and how many staffing requests are pending.
 */
@ApplicationScoped
public class PermanenceViews {
    /** People a permanence needs (one, for now: the structure's own staff are not counted, only shifts). */
    public static final int REQUIRED_STAFF = 1;
    public static final Duration DEFAULT_RANGE = Duration.ofDays(28);
    public static final Duration MAX_RANGE = Duration.ofDays(92);

    private final EntityManager em;
    private final Permanences permanences;
    private final ShiftService shifts;
    private final Caller caller;

    PermanenceViews(EntityManager em, Permanences permanences, ShiftService shifts, Caller caller) {
        this.em = em;
        this.permanences = permanences;
        this.shifts = shifts;
        this.caller = caller;
    }

    public record View(Permanence permanence, List<Shift> staff, int pendingRequests) {
        public boolean understaffed() {
            return permanence.isPlanned() && staff.size() < REQUIRED_STAFF && Times.now().isBefore(permanence.end());
        }
    }

    public record ViewPage(List<View> items, long total) {
    }

    /**
     * Permanences starting in [from, to) (default now .. now + 28 days, at most 92 days): an admin's of every structure
     * or of {@code partnerId}; an agent's or partner app's of its own organisation (another partnerId: 403).
     */
    public ViewPage list(UUID partnerId, UUID placeId, OffsetDateTime from, OffsetDateTime to, boolean understaffedOnly,
            int page, int size) {
        UUID partner = partnerId;
        if (!caller.isAdmin()) {
            UUID org = caller.requiredOrg();
            if (partner != null && !partner.equals(org)) {
                throw Problem.forbidden("partnerId", "Vous ne voyez que les permanences de votre organisation : retirez "
                        + "partnerId ou indiquez la vôtre.");
            }
            partner = org;
        }
        OffsetDateTime start = from != null ? from : Times.now();
        OffsetDateTime end = to != null ? to : start.plus(DEFAULT_RANGE);
        if (!end.isAfter(start)) {
            throw Problem.badRequest("to", "La fin de la période (to) doit suivre son début (from).");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw Problem.badRequest("to", "La période demandée dépasse 92 jours : réduisez l'écart entre from et to.");
        }
        List<View> views = views(permanences.between(partner, placeId, start, end));
        if (understaffedOnly) {
            views = views.stream().filter(View::understaffed).toList();
        }
        int first = Math.min(views.size(), page * size);
        return new ViewPage(views.subList(first, Math.min(views.size(), first + size)), views.size());
    }

    /** One permanence, if it exists (404) and the caller hosts it (403). */
    public View one(UUID id) {
        return views(List.of(shifts.hosted(id))).get(0);
    }

    /** Views of these permanences: two queries whatever their number. */
    public List<View> views(List<Permanence> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = found.stream().map(Permanence::id).toList();
        List<UUID> slotIds = found.stream().flatMap(p -> p.slotIds().stream()).toList();
        List<Shift> assigned = Shift.list("status = ?1 and (permanenceId in ?2 or slotId in ?3) order by createdAt, id",
                Shift.ASSIGNED, ids, slotIds);
        Map<UUID, Integer> pending = new HashMap<>();
        for (Object[] row : em.createQuery("SELECT r.permanenceId, count(r) FROM StaffingRequest r WHERE r.status = "
                + "'pending' AND r.permanenceId IN :ids GROUP BY r.permanenceId", Object[].class)
                .setParameter("ids", ids).getResultList()) {
            pending.put((UUID) row[0], ((Number) row[1]).intValue());
        }
        return found.stream().map(p -> new View(p, assigned.stream().filter(s -> ShiftService.belongs(s, p)).toList(),
                pending.getOrDefault(p.id(), 0))).toList();
    }
}
