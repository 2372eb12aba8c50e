package fr.maillage.offers.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import fr.maillage.offers.domain.BookingRules;
import fr.maillage.offers.domain.Coded;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.problem.Violation;
import fr.maillage.offers.domain.FeeKind;
import fr.maillage.offers.domain.Modality;
import fr.maillage.offers.domain.Offer;
import fr.maillage.offers.domain.OfferStatus;
import fr.maillage.offers.domain.PlaceRef;
import fr.maillage.offers.domain.Schedule;
import fr.maillage.offers.security.OfferAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Offer use cases: validation, create-or-replace, lifecycle transitions, with events and re-planning. */
@ApplicationScoped
public class OfferService {
    public static final String REASON_SCHEDULE = "Horaire modifié par la structure";
    public static final String REASON_SUSPENDED = "Offre suspendue";
    public static final String REASON_ARCHIVED = "Offre archivée";
    public static final String REASON_PLACE_DELETED = "Lieu retiré de l'annuaire";

    public record Saved(Offer offer, boolean created, boolean changed) {
    }

    public enum Transition { PUBLISH, SUSPEND, ARCHIVE }

    private final EntityManager em;
    private final PlanningService planning;
    private final ReferenceData reference;
    private final OfferAccess caller;
    private final OfferValidation validation;

    OfferService(EntityManager em, PlanningService planning, ReferenceData reference, OfferAccess caller,
            OfferValidation validation) {
        this.em = em;
        this.planning = planning;
        this.reference = reference;
        this.caller = caller;
        this.validation = validation;
    }

    /**
     * An offer as the caller may see it: a published one for everybody; a draft, suspended or archived one
     * only for an admin and for the partner apps and agents of its partner. To anybody else it does not
     * exist (404, the same answer as an unknown id, so that its existence is not revealed).
     */
    public Offer get(UUID id) {
        Offer offer = Offer.findById(id);
        if (offer == null || (offer.statusEnum() != OfferStatus.PUBLISHED && !caller.maySeeUnpublishedOf(offer.partnerId))) {
            throw notFound(id);
        }
        return offer;
    }

    private static Problem notFound(UUID id) {
        return Problem.notFound("id", "Aucune offre n'a l'identifiant " + id + ".");
    }

    /** POST: a new offer (an Idempotency-Key is handled around it, by the platform's IdempotentRequests). */
    @Transactional
    public Saved create(OfferCommand request) {
        return save(UUID.randomUUID(), request, null);
    }

    /** PUT: create-or-replace with the client's id. */
    @Transactional
    public Saved put(UUID id, OfferCommand request, Long expectedVersion) {
        return save(id, request, expectedVersion);
    }

    /**
     * Organisation rules first (403 before any validation, nothing stored): a partner app does not touch another
     * partner's offer, names no other partner in the body, and does not end up creating or moving an offer to
     * another partner through the place's default partner. An admin may do all of that.
     */
    private Saved save(UUID id, OfferCommand request, Long expectedVersion) {
        Offer offer = em.find(Offer.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (offer != null) {
            caller.requireManage(offer.partnerId, "Authorization");
        }
        UUID requestedPartner = requestedPartner(request);
        if (requestedPartner != null) {
            caller.requireManage(requestedPartner, "partnerId");
        }
        if (offer == null) {
            if (expectedVersion != null) {
                throw Problem.conflict("If-Match", "L'offre " + id + " n'existe pas : retirez If-Match pour la créer.");
            }
            offer = new Offer();
            offer.id = id;
            offer.status = OfferStatus.DRAFT.code();
            offer.version = 1;
            offer.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            apply(offer, request);
            caller.requireManage(offer.partnerId, "partnerId");
            offer.updatedAt = offer.createdAt;
            offer.persist();
            syncPlaces(offer);
            planning.recordOfferEvent(offer, "OfferCreated");
            return new Saved(offer, true, true);
        }
        checkVersion(offer, expectedVersion);
        String before = contentOf(offer);
        Offer candidate = new Offer();
        candidate.id = offer.id;
        candidate.status = offer.status;
        apply(candidate, request);
        caller.requireManage(candidate.partnerId, "partnerId");
        if (before.equals(contentOf(candidate))) {
            return new Saved(offer, false, false);
        }
        if (offer.statusEnum() == OfferStatus.ARCHIVED) {
            throw Problem.conflict("status", "L'offre est archivée : elle ne peut plus être modifiée.");
        }
        apply(offer, request);
        offer.version++;
        offer.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        syncPlaces(offer);
        planning.recordOfferEvent(offer, "OfferUpdated");
        planning.replan(offer, REASON_SCHEDULE);
        return new Saved(offer, false, true);
    }

    @Transactional
    public Saved transition(UUID id, Transition transition, Long expectedVersion) {
        Offer offer = em.find(Offer.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (offer == null) {
            throw notFound(id);
        }
        caller.requireManage(offer.partnerId, "Authorization");
        checkVersion(offer, expectedVersion);
        OfferStatus from = offer.statusEnum();
        OfferStatus to = switch (transition) {
            case PUBLISH -> OfferStatus.PUBLISHED;
            case SUSPEND -> OfferStatus.SUSPENDED;
            case ARCHIVE -> OfferStatus.ARCHIVED;
        };
        if (from == to) {
            return new Saved(offer, false, false);
        }
        if (from == OfferStatus.ARCHIVED) {
            throw Problem.conflict("status", "L'offre est archivée : elle ne peut plus changer de statut.");
        }
        if (to == OfferStatus.SUSPENDED && from != OfferStatus.PUBLISHED) {
            throw Problem.conflict("status", "Seule une offre publiée peut être suspendue (statut actuel : "
                    + from.code() + ").");
        }
        if (to == OfferStatus.PUBLISHED) {
            List<Violation> v = new ArrayList<>();
            for (UUID placeId : planning.placeIds(offer.id)) {
                PlaceRef place = PlaceRef.findById(placeId);
                if (place == null || place.deleted) {
                    v.add(new Violation("placeId", "Le lieu " + placeId
                            + " n'existe plus dans l'annuaire : modifiez le lieu de l'offre avant de la publier."));
                }
            }
            if (reference.partner(offer.partnerId) == ReferenceData.PartnerStatus.DELETED) {
                v.add(new Violation("partnerId", "La structure " + offer.partnerId + " a été retirée de l'annuaire :"
                        + " rattachez l'offre à une autre structure (partnerId) avant de la publier."));
            }
            if (!v.isEmpty()) {
                throw Problem.ruleBroken(v);
            }
        }
        offer.status = to.code();
        offer.version++;
        offer.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        planning.recordOfferEvent(offer, switch (to) {
            case PUBLISHED -> "OfferPublished";
            case SUSPENDED -> "OfferSuspended";
            default -> "OfferArchived";
        });
        planning.replan(offer, to == OfferStatus.ARCHIVED ? REASON_ARCHIVED : REASON_SUSPENDED);
        return new Saved(offer, false, true);
    }

    /** A place left the directory: its published offers are suspended (and their future sessions cancelled). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void placeDeleted(UUID placeId) {
        for (Offer offer : offersAt(placeId)) {
            if (offer.statusEnum() != OfferStatus.PUBLISHED) {
                continue;
            }
            offer.status = OfferStatus.SUSPENDED.code();
            offer.version++;
            offer.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            planning.recordOfferEvent(offer, "OfferSuspended");
            planning.replan(offer, REASON_PLACE_DELETED);
        }
    }

    /** A place changed: booking's copy of its name/address in future sessions is refreshed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void placeChanged(UUID placeId) {
        for (Offer offer : offersAt(placeId)) {
            if (offer.statusEnum() == OfferStatus.PUBLISHED) {
                planning.replan(offer, REASON_SCHEDULE);
            }
        }
    }

    private List<Offer> offersAt(UUID placeId) {
        @SuppressWarnings("unchecked")
        List<Offer> offers = em.createNativeQuery("""
                SELECT o.* FROM offer o WHERE o.id IN (SELECT offer_id FROM offer_place WHERE place_id = :p)
                ORDER BY o.id FOR UPDATE""", Offer.class).setParameter("p", placeId).getResultList();
        return offers;
    }

    /** The partner the request would give the offer: its partnerId, else its place's partner (null if unknown yet). */
    private static UUID requestedPartner(OfferCommand request) {
        if (request == null) {
            return null;
        }
        if (request.partnerId() != null) {
            return request.partnerId();
        }
        PlaceRef place = request.placeId() == null ? null : PlaceRef.findById(request.placeId());
        return place == null || place.deleted ? null : place.partnerId;
    }

    private static void checkVersion(Offer offer, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != offer.version) {
            throw Problem.conflict("If-Match", "L'offre a été modifiée entre-temps (version " + offer.version
                    + ", vous aviez la version " + expectedVersion + ") : rechargez-la puis recommencez.");
        }
    }

    private void syncPlaces(Offer offer) {
        Set<UUID> places = new LinkedHashSet<>();
        places.add(offer.placeId);
        Schedule schedule = planning.schedule(offer);
        schedule.rules().stream().map(Schedule.Rule::placeId).filter(Objects::nonNull).forEach(places::add);
        schedule.oneOffs().stream().map(Schedule.OneOff::placeId).filter(Objects::nonNull).forEach(places::add);
        em.flush();
        em.createNativeQuery("DELETE FROM offer_place WHERE offer_id = :o AND NOT (place_id = ANY(:p))")
                .setParameter("o", offer.id).setParameter("p", places.toArray(UUID[]::new)).executeUpdate();
        for (UUID p : places) {
            em.createNativeQuery("INSERT INTO offer_place (offer_id, place_id) VALUES (:o, :p) ON CONFLICT DO NOTHING")
                    .setParameter("o", offer.id).setParameter("p", p).executeUpdate();
        }
    }

    /** Everything a client can set, as one comparable string (the status is not content). */
    private String contentOf(Offer o) {
        return String.join("\u0001", String.valueOf(o.partnerId), String.valueOf(o.placeId), o.title,
                String.valueOf(o.description), o.type, String.valueOf(o.themes), String.valueOf(o.publics),
                String.valueOf(o.level), o.modality, o.feeKind, String.valueOf(o.priceCents),
                String.valueOf(o.passNumerique), String.valueOf(o.languages), String.valueOf(o.accessibility),
                String.valueOf(o.capacity), String.valueOf(o.sessionDurationMinutes), String.valueOf(o.staffIds),
                String.valueOf(o.servedCommunes), String.valueOf(o.bookingRules()), o.schedule);
    }

    /** Checks the whole command (every problem reported at once, see {@link OfferValidation}) and copies it onto the offer. */
    private void apply(Offer offer, OfferCommand c) {
        if (c == null) {
            throw Problem.badRequest("body", "Le corps de la requête est vide : envoyez l'offre en JSON.");
        }
        OfferValidation.Checked checked = validation.check(c, planning.horizonEnd());
        FeeKind kind = c.fees() == null || c.fees().kind() == null ? FeeKind.GRATUIT
                : Coded.parse(FeeKind.class, c.fees().kind()).orElseThrow();
        offer.partnerId = checked.partnerId();
        offer.placeId = c.placeId();
        offer.title = c.title().strip();
        offer.description = c.description();
        offer.type = c.type();
        offer.themes = new ArrayList<>(distinct(c.themes()));
        offer.publics = new ArrayList<>(distinct(c.publics()));
        offer.level = c.level();
        offer.modality = c.modality() == null ? Modality.SUR_PLACE.code() : c.modality();
        offer.feeKind = kind.code();
        offer.priceCents = kind == FeeKind.PAYANT ? c.fees().priceCents() : null;
        offer.passNumerique = c.fees() != null && Boolean.TRUE.equals(c.fees().passNumerique());
        offer.languages = distinct(c.languages());
        offer.accessibility = c.accessibility() == null ? List.of() : List.copyOf(c.accessibility());
        offer.capacity = c.capacity();
        offer.sessionDurationMinutes = c.sessionDurationMinutes();
        offer.staffIds = new ArrayList<>(distinct(c.staffIds()));
        offer.servedCommunes = new ArrayList<>(checked.servedCommunes());
        offer.bookingRules(bookingRules(c.bookingRules()));
        offer.schedule = planning.scheduleJson(checked.schedule());
        // Counting the sessions the schedule yields now refuses a runaway schedule before anything is stored.
        planning.plan(offer, checked.schedule(), Instant.now());
    }

    private static <T> List<T> distinct(List<T> values) {
        return values == null ? List.of() : List.copyOf(new LinkedHashSet<>(values));
    }

    /** The request's booking rules over the defaults (already checked). */
    private static BookingRules bookingRules(OfferCommand.BookingRulesCommand r) {
        BookingRules d = BookingRules.defaults();
        if (r == null) {
            return d;
        }
        return new BookingRules(r.allowedBookers() == null ? d.allowedBookers() : distinct(r.allowedBookers()),
                r.minDelayMinutes() == null ? d.minDelayMinutes() : r.minDelayMinutes(),
                r.maxDelayDays() == null ? d.maxDelayDays() : r.maxDelayDays(),
                r.cancelUntilMinutes() == null ? d.cancelUntilMinutes() : r.cancelUntilMinutes(),
                r.rescheduleUntilMinutes() == null ? d.rescheduleUntilMinutes() : r.rescheduleUntilMinutes(),
                r.waitingList() == null ? d.waitingList() : r.waitingList(),
                r.reminderOffsetsMinutes() == null ? d.reminderOffsetsMinutes() : distinct(r.reminderOffsetsMinutes()));
    }
}
