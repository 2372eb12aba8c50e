package fr.maillage.booking.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import fr.maillage.booking.domain.SelfServiceTokens;
import fr.maillage.booking.domain.Shift;
import fr.maillage.booking.domain.StaffingRequest;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.events.BookingEvents;
import fr.maillage.booking.service.Permanences.Permanence;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.problem.Violation;
import fr.maillage.platform.security.Caller;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Staffing requests (issue 19): a structure asks the available people (the candidates of {@link Rosters}) to staff an
 * understaffed permanence; each gets one message with an answer link (StaffingRequested, token sealed in the event,
 * only its hash stored). The first acceptance becomes the shift, under the permanence's lock; the other pending requests
 * become covered (StaffingRequestCovered); a late acceptance is refused (409) and its request is covered too.
 */
@ApplicationScoped
public class StaffingRequests {
    /** At most this many people asked at once. */
    public static final int MAX_PEOPLE = 100;

    private final EntityManager em;
    private final Permanences permanences;
    private final ShiftService shifts;
    private final Rosters rosters;
    private final BookingEvents events;
    private final Caller caller;

    StaffingRequests(EntityManager em, Permanences permanences, ShiftService shifts, Rosters rosters,
            BookingEvents events, Caller caller) {
        this.em = em;
        this.permanences = permanences;
        this.shifts = shifts;
        this.rosters = rosters;
        this.events = events;
        this.caller = caller;
    }

    /** The candidates of a permanence the caller hosts (404/403). */
    @Transactional
    public List<Rosters.Candidate> candidates(UUID permanenceId) {
        return rosters.candidates(shifts.hosted(permanenceId));
    }

    public record Created(Permanence permanence, List<StaffingRequest> requests) {
    }

    /**
     * Asks {@code personIds} (null or empty: every candidate) to staff the permanence: 409 when it is staffed or not
     * planned, 422 when it has begun, when nobody is available, or when a person named is not a candidate.
     */
    @Transactional
    public Created ask(UUID permanenceId, List<UUID> personIds) {
        Permanence hosted = shifts.hosted(permanenceId);
        shifts.lock(hosted.id());
        // read again under the lock: a closure or a cancellation that committed meanwhile is seen (no request sent then)
        Permanence permanence = permanences.find(hosted.id()).orElse(hosted);
        if (!permanence.isPlanned()) {
            throw Problem.conflict("id", "Cette permanence est annulée ou fermée : personne ne peut plus y être sollicité.");
        }
        if (!Times.now().isBefore(permanence.start())) {
            throw Problem.ruleBroken("id", "Cette permanence a déjà commencé : il est trop tard pour solliciter des bénévoles.");
        }
        if (!shifts.assigned(permanence).isEmpty()) {
            throw Problem.conflict("id", "Cette permanence est déjà assurée : une personne y est affectée.");
        }
        List<UUID> available = rosters.candidates(permanence).stream().map(Rosters.Candidate::personId).toList();
        List<UUID> asked;
        if (personIds == null || personIds.isEmpty()) {
            if (available.isEmpty()) {
                throw Problem.ruleBroken("personIds", "Aucun bénévole n'est disponible pour cette permanence (disponibilités, "
                        + "thèmes, absences, autres permanences, demandes déjà faites).");
            }
            asked = available;
        } else {
            if (personIds.size() > MAX_PEOPLE) {
                throw Problem.ruleBroken("personIds", "Au plus " + MAX_PEOPLE + " personnes à la fois.");
            }
            List<Violation> violations = new ArrayList<>();
            Set<UUID> distinct = new LinkedHashSet<>();
            for (int i = 0; i < personIds.size(); i++) {
                UUID person = personIds.get(i);
                if (person == null || !available.contains(person)) {
                    violations.add(new Violation("personIds[" + i + "]", "cette personne n'est pas disponible pour cette "
                            + "permanence (voir GET /api/v1/permanences/{id}/candidates)"));
                } else if (!distinct.add(person)) {
                    violations.add(new Violation("personIds[" + i + "]", "cette personne est déjà dans la liste"));
                }
            }
            if (!violations.isEmpty()) {
                throw Problem.ruleBroken(violations);
            }
            asked = List.copyOf(distinct);
        }
        List<StaffingRequest> created = new ArrayList<>();
        OffsetDateTime now = Times.now();
        for (UUID person : asked) {
            String token = SelfServiceTokens.newToken();
            StaffingRequest request = new StaffingRequest();
            request.id = UUID.randomUUID();
            request.permanenceId = permanence.id();
            request.partnerId = permanence.partnerId();
            request.personId = person;
            request.status = StaffingRequest.PENDING;
            request.tokenHash = SelfServiceTokens.hash(token);
            request.version = 1;
            request.createdAt = now;
            request.expiresAt = permanence.start();
            em.persist(request);
            events.staffingRequested(request.id, request.version, person, permanence.first(), permanence.start(),
                    permanence.end(), token);
            created.add(request);
        }
        return new Created(permanence, created);
    }

    public record View(StaffingRequest request, Permanence permanence) {
    }

    public record ViewPage(List<View> items, long total) {
    }

    /**
     * Requests the caller may see, newest first: a volunteer their own, an agent or partner app those of its
     * organisation's permanences, an admin all; {@code status} and {@code permanenceId} narrow them.
     */
    @Transactional
    public ViewPage list(String status, UUID permanenceId, UUID personId, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (Caller.VOLUNTEER.equals(caller.role())) {
            UUID self = caller.person().orElseThrow(() -> Problem.forbidden("Authorization", "Votre jeton de bénévole ne "
                    + "précise pas qui vous êtes dans l'annuaire (claim person) : il est nécessaire pour voir vos demandes."));
            where.append(" and personId = :person");
            params.and("person", self);
        } else if (!caller.isAdmin()) {
            where.append(" and partnerId = :partner");
            params.and("partner", caller.requiredOrg());
        }
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        if (personId != null) {
            where.append(" and personId = :asked");
            params.and("asked", personId);
        }
        if (permanenceId != null) {
            where.append(" and permanenceId = :permanence");
            params.and("permanence", permanenceId);
        }
        var query = StaffingRequest.<StaffingRequest>find(where.toString(),
                Sort.descending("createdAt").and("id"), params);
        long total = query.count();
        List<StaffingRequest> found = query.page(Page.of(page, size)).list();
        Map<UUID, Permanence> byId = new HashMap<>();
        List<View> views = new ArrayList<>();
        for (StaffingRequest request : found) {
            Permanence permanence = byId.computeIfAbsent(request.permanenceId, id -> permanences.find(id).orElse(null));
            views.add(new View(request, permanence));
        }
        return new ViewPage(views, total);
    }

    /** The request behind an answer link: empty when the token is unknown, malformed or the link has expired. */
    @Transactional
    public Optional<View> byToken(String token) {
        return findByToken(token).map(r -> new View(r, permanences.find(r.permanenceId).orElse(null)));
    }

    public record Answered(View view, String conflict) {
    }

    /** The volunteer it is for (person claim), or an admin, answers a request: 404 unknown, 403 someone else's. */
    @Transactional
    public Answered answer(UUID requestId, boolean accept) {
        StaffingRequest request = em.find(StaffingRequest.class, requestId);
        if (request == null) {
            throw Problem.notFound("id", "Aucune demande " + requestId + ".");
        }
        if (!caller.isAdmin() && !caller.person().map(request.personId::equals).orElse(false)) {
            throw Problem.forbidden("id", "Seule la personne sollicitée répond à cette demande.");
        }
        if (!Times.now().isBefore(request.expiresAt) && request.isPending()) {
            throw Problem.conflict("answer", "Cette demande a expiré : la permanence a commencé.");
        }
        return decide(request.id, accept);
    }

    /** An anonymous answer through the link: 404 unknown or expired token. */
    @Transactional
    public Answered answerByToken(String token, boolean accept) {
        StaffingRequest request = findByToken(token).orElseThrow(StaffingRequests::unknownLink);
        return decide(request.id, accept);
    }

    /**
     * Accept (under the permanence's lock): still understaffed → the shift, this request accepted, the other pending
     * ones covered; already staffed → this request covered and a conflict to answer (409) once it is stored.
     * Decline → declined. A request already answered → 409, nothing changes.
     */
    private Answered decide(UUID requestId, boolean accept) {
        StaffingRequest found = em.find(StaffingRequest.class, requestId);
        // the same key as assign() and ask(): the permanence's CURRENT first slot (offers may have added an earlier one)
        shifts.lock(permanences.find(found.permanenceId).map(Permanence::id).orElse(found.permanenceId));
        StaffingRequest request = em.find(StaffingRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(request);
        if (!request.isPending()) {
            throw Problem.conflict("answer", switch (request.status) {
                case StaffingRequest.COVERED -> "Cette permanence est déjà assurée par une autre personne : merci !";
                case StaffingRequest.CANCELLED -> "Cette demande a été retirée (permanence annulée ou fermée).";
                default -> "Vous avez déjà répondu à cette demande.";
            });
        }
        Permanence permanence = permanences.find(request.permanenceId).orElse(null);
        OffsetDateTime now = Times.now();
        if (!accept) {
            close(request, permanence, StaffingRequest.DECLINED, BookingEvents.STAFFING_REQUEST_DECLINED, now);
            return new Answered(new View(request, permanence), null);
        }
        if (permanence == null || !permanence.isPlanned()) {
            close(request, permanence, StaffingRequest.CANCELLED, BookingEvents.STAFFING_REQUEST_CANCELLED, now);
            return new Answered(new View(request, permanence), "Cette permanence a été annulée ou fermée : elle n'a plus "
                    + "besoin de personne.");
        }
        if (!shifts.assigned(permanence).isEmpty()) {
            close(request, permanence, StaffingRequest.COVERED, BookingEvents.STAFFING_REQUEST_COVERED, now);
            return new Answered(new View(request, permanence), "Cette permanence est déjà assurée par une autre personne : "
                    + "merci !");
        }
        Shift shift = shifts.create(permanence, request.personId, request.id);
        request.status = StaffingRequest.ACCEPTED;
        request.shiftId = shift.id;
        request.answeredAt = now;
        request.version++;
        for (StaffingRequest other : StaffingRequest.<StaffingRequest>list("permanenceId = ?1 and status = ?2 and id <> ?3",
                request.permanenceId, StaffingRequest.PENDING, request.id)) {
            close(other, permanence, StaffingRequest.COVERED, BookingEvents.STAFFING_REQUEST_COVERED, now);
        }
        return new Answered(new View(request, permanence), null);
    }

    /**
     * Withdraws the pending requests of {@code permanenceIds} and, for a person's absence ({@code personId} not null),
     * that person's pending requests for permanences starting in [{@code from}, {@code to}): each becomes cancelled with
     * its StaffingRequestCancelled event, so notification drops a request message not sent yet (quiet hours).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelPending(Set<UUID> permanenceIds, UUID personId, OffsetDateTime from, OffsetDateTime to) {
        List<StaffingRequest> pending = new ArrayList<>();
        if (!permanenceIds.isEmpty()) {
            pending.addAll(StaffingRequest.<StaffingRequest>list("status = ?1 and permanenceId in ?2",
                    StaffingRequest.PENDING, permanenceIds));
        }
        if (personId != null) {
            for (StaffingRequest own : StaffingRequest.<StaffingRequest>list(
                    "status = ?1 and personId = ?2 and expiresAt >= ?3 and expiresAt < ?4", StaffingRequest.PENDING,
                    personId, from, to)) {
                if (pending.stream().noneMatch(r -> r.id.equals(own.id))) {
                    pending.add(own);
                }
            }
        }
        OffsetDateTime now = Times.now();
        Map<UUID, Permanence> byId = new HashMap<>();
        for (StaffingRequest request : pending) {
            em.lock(request, LockModeType.PESSIMISTIC_WRITE);
            if (!request.isPending()) {
                continue;
            }
            Permanence permanence = byId.computeIfAbsent(request.permanenceId, id -> permanences.find(id).orElse(null));
            close(request, permanence, StaffingRequest.CANCELLED, BookingEvents.STAFFING_REQUEST_CANCELLED, now);
        }
    }

    private void close(StaffingRequest request, Permanence permanence, String status, String type, OffsetDateTime now) {
        request.status = status;
        request.answeredAt = now;
        request.version++;
        if (permanence != null) {
            events.staffingAnswered(type, request.id, request.version, request.personId, permanence.first(),
                    permanence.start(), permanence.end(), status);
        }
    }

    private Optional<StaffingRequest> findByToken(String token) {
        if (token == null || token.isEmpty() || token.length() > SelfServiceTokens.MAX_LENGTH) {
            return Optional.empty();
        }
        return StaffingRequest.<StaffingRequest>find("tokenHash", SelfServiceTokens.hash(token)).firstResultOptional()
                .filter(r -> Times.now().isBefore(r.expiresAt));
    }

    private static Problem unknownLink() {
        return Problem.notFound("token", "Ce lien de réponse est inconnu ou a expiré (la permanence a commencé).");
    }
}
