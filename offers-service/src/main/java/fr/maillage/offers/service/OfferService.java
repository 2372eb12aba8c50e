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

import fr.maillage.offers.api.OfferRequest;
import fr.maillage.offers.domain.Audience;
import fr.maillage.offers.domain.Booker;
import fr.maillage.offers.domain.BookingRules;
import fr.maillage.offers.domain.Coded;
import fr.maillage.offers.domain.DomainException;
import fr.maillage.offers.domain.DomainException.Violation;
import fr.maillage.offers.domain.FeeKind;
import fr.maillage.offers.domain.Level;
import fr.maillage.offers.domain.Modality;
import fr.maillage.offers.domain.Offer;
import fr.maillage.offers.domain.OfferStatus;
import fr.maillage.offers.domain.OfferType;
import fr.maillage.offers.domain.PlaceRef;
import fr.maillage.offers.domain.Schedule;
import fr.maillage.offers.domain.SchedulePlanner;
import fr.maillage.offers.domain.Theme;
import fr.maillage.offers.domain.Uuids;
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
    private final Caller caller;

    OfferService(EntityManager em, PlanningService planning, ReferenceData reference, Caller caller) {
        this.em = em;
        this.planning = planning;
        this.reference = reference;
        this.caller = caller;
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

    private static DomainException notFound(UUID id) {
        return DomainException.notFound("id", "Aucune offre n'a l'identifiant " + id + ".");
    }

    /**
     * POST: a retried request with the same Idempotency-Key lands on the same offer. The key is scoped by the
     * caller's organisation, so two partner apps using the same key never collide.
     */
    @Transactional
    public Saved create(OfferRequest request, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return save(UUID.randomUUID(), request, null, false);
        }
        UUID id = Uuids.v5(Uuids.NAMESPACE, "offer-idempotency-key:" + caller.idempotencyScope() + ":" + idempotencyKey);
        return save(id, request, null, true);
    }

    /** PUT: create-or-replace with the client's id. */
    @Transactional
    public Saved put(UUID id, OfferRequest request, Long expectedVersion) {
        return save(id, request, expectedVersion, false);
    }

    /**
     * Organisation rules first (403 before any validation, nothing stored): a partner app does not touch another
     * partner's offer, names no other partner in the body, and does not end up creating or moving an offer to
     * another partner through the place's default partner. An admin may do all of that.
     */
    private Saved save(UUID id, OfferRequest request, Long expectedVersion, boolean sameContentOnly) {
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
                throw DomainException.conflict("If-Match", "L'offre " + id + " n'existe pas : retirez If-Match pour la créer.");
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
        if (sameContentOnly) {
            throw DomainException.conflict("Idempotency-Key",
                    "Cette clé d'idempotence a déjà servi pour une offre au contenu différent.");
        }
        if (offer.statusEnum() == OfferStatus.ARCHIVED) {
            throw DomainException.conflict("status", "L'offre est archivée : elle ne peut plus être modifiée.");
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
            throw DomainException.conflict("status", "L'offre est archivée : elle ne peut plus changer de statut.");
        }
        if (to == OfferStatus.SUSPENDED && from != OfferStatus.PUBLISHED) {
            throw DomainException.conflict("status", "Seule une offre publiée peut être suspendue (statut actuel : "
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
                throw DomainException.invalid(v);
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
    private static UUID requestedPartner(OfferRequest request) {
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
            throw DomainException.conflict("If-Match", "L'offre a été modifiée entre-temps (version " + offer.version
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

    /** Validates the whole request (every problem reported at once) and copies it onto the offer. */
    private void apply(Offer offer, OfferRequest r) {
        if (r == null) {
            throw DomainException.malformedBody("body", "Le corps de la requête est vide : envoyez l'offre en JSON.");
        }
        List<Violation> v = new ArrayList<>();
        PlaceRef place = null;
        if (r.placeId() == null) {
            v.add(new Violation("placeId", "Le lieu est obligatoire."));
        } else {
            place = knownPlace(r.placeId(), "placeId", v);
        }
        UUID partnerId = r.partnerId() != null ? r.partnerId() : place == null ? null : place.partnerId;
        if (partnerId == null && place != null) {
            v.add(new Violation("partnerId", "La structure porteuse est obligatoire (le lieu n'en indique pas)."));
        } else if (partnerId != null) {
            knownPartner(partnerId, r.partnerId() == null ? place : null, v);
        }
        if (r.title() == null || r.title().isBlank()) {
            v.add(new Violation("title", "Le titre est obligatoire."));
        } else if (r.title().length() > 200) {
            v.add(new Violation("title", "Le titre dépasse 200 caractères."));
        }
        if (r.description() != null && r.description().length() > 5000) {
            v.add(new Violation("description", "La description dépasse 5000 caractères."));
        }
        OfferType type = null;
        if (r.type() == null) {
            v.add(new Violation("type", "Le type d'offre est obligatoire (" + Coded.codes(OfferType.class) + ")."));
        } else {
            type = Coded.parse(OfferType.class, r.type()).orElse(null);
            if (type == null) {
                v.add(new Violation("type", "Type d'offre inconnu « " + r.type() + " » : valeurs possibles "
                        + Coded.codes(OfferType.class) + "."));
            }
        }
        List<String> themes = codes(Theme.class, r.themes(), "themes", "Thème", v);
        if (r.themes() == null || r.themes().isEmpty()) {
            v.add(new Violation("themes", "Indiquez au moins un thème (liste : GET /api/v1/offers/themes)."));
        }
        List<String> publics = codes(Audience.class, r.publics(), "publics", "Public", v);
        if (r.level() != null && Coded.parse(Level.class, r.level()).isEmpty()) {
            v.add(new Violation("level", "Niveau inconnu « " + r.level() + " » : valeurs possibles " + Coded.codes(Level.class) + "."));
        }
        String modality = r.modality() == null ? Modality.SUR_PLACE.code() : r.modality();
        if (Coded.parse(Modality.class, modality).isEmpty()) {
            v.add(new Violation("modality", "Modalité inconnue « " + modality + " » : valeurs possibles "
                    + Coded.codes(Modality.class) + "."));
        }
        OfferRequest.Fees fees = r.fees() == null ? new OfferRequest.Fees(null, null, null) : r.fees();
        String feeKind = fees.kind() == null ? FeeKind.GRATUIT.code() : fees.kind();
        FeeKind kind = Coded.parse(FeeKind.class, feeKind).orElse(null);
        if (kind == null) {
            v.add(new Violation("fees.kind", "Tarif inconnu « " + feeKind + " » : valeurs possibles " + Coded.codes(FeeKind.class) + "."));
        } else if (kind == FeeKind.PAYANT && (fees.priceCents() == null || fees.priceCents() <= 0)) {
            v.add(new Violation("fees.priceCents", "Une offre payante indique son prix en centimes (> 0)."));
        } else if (kind != FeeKind.PAYANT && fees.priceCents() != null && fees.priceCents() != 0) {
            v.add(new Violation("fees.priceCents", "Un prix n'a de sens que pour une offre payante."));
        }
        if (r.capacity() == null) {
            v.add(new Violation("capacity", "La capacité par séance est obligatoire."));
        } else if (r.capacity() <= 0) {
            v.add(new Violation("capacity", "La capacité par séance doit être supérieure à 0."));
        } else if (r.capacity() > 1000) {
            v.add(new Violation("capacity", "La capacité par séance ne peut dépasser 1000."));
        }
        if (r.sessionDurationMinutes() == null) {
            v.add(new Violation("sessionDurationMinutes", "La durée d'une séance (en minutes) est obligatoire."));
        } else if (r.sessionDurationMinutes() < 5 || r.sessionDurationMinutes() > 720) {
            v.add(new Violation("sessionDurationMinutes", "La durée d'une séance doit être comprise entre 5 et 720 minutes."));
        }
        List<String> served = new ArrayList<>(new LinkedHashSet<>(r.servedCommunes() == null ? List.of() : r.servedCommunes()));
        if (served.contains(null)) {
            v.add(new Violation("servedCommunes", "Code INSEE vide dans la liste des communes desservies."));
            served.removeIf(Objects::isNull);
        }
        for (String unknown : reference.unknownCommunes(served)) {
            v.add(new Violation("servedCommunes[" + served.indexOf(unknown) + "]", "Commune inconnue : le code INSEE « "
                    + unknown + " » n'existe pas."));
        }
        List<UUID> staff = new ArrayList<>(new LinkedHashSet<>(r.staffIds() == null ? List.of() : r.staffIds()));
        if (staff.contains(null)) {
            v.add(new Violation("staffIds", "Identifiant de personne vide."));
        }
        BookingRules rules = bookingRules(r.bookingRules(), v);
        Schedule schedule = r.schedule() == null ? Schedule.empty() : r.schedule();
        List<Violation> scheduleViolations = SchedulePlanner.validate(schedule, type, r.sessionDurationMinutes(),
                planning.horizonEnd());
        v.addAll(scheduleViolations);
        for (int i = 0; i < schedule.rules().size(); i++) {
            Schedule.Rule rule = schedule.rules().get(i);
            if (rule != null && rule.placeId() != null) {
                knownPlace(rule.placeId(), "schedule.rules[" + i + "].placeId", v);
            }
        }
        for (int i = 0; i < schedule.oneOffs().size(); i++) {
            Schedule.OneOff o = schedule.oneOffs().get(i);
            if (o != null && o.placeId() != null) {
                knownPlace(o.placeId(), "schedule.oneOffs[" + i + "].placeId", v);
            }
        }
        if (!v.isEmpty()) {
            throw DomainException.invalid(v);
        }
        offer.partnerId = partnerId;
        offer.placeId = r.placeId();
        offer.title = r.title().strip();
        offer.description = r.description();
        offer.type = type.code();
        offer.themes = themes;
        offer.publics = publics;
        offer.level = r.level();
        offer.modality = modality;
        offer.feeKind = kind.code();
        offer.priceCents = kind == FeeKind.PAYANT ? fees.priceCents() : null;
        offer.passNumerique = Boolean.TRUE.equals(fees.passNumerique());
        offer.languages = r.languages() == null ? List.of() : List.copyOf(new LinkedHashSet<>(r.languages()));
        offer.accessibility = r.accessibility() == null ? List.of() : List.copyOf(r.accessibility());
        offer.capacity = r.capacity();
        offer.sessionDurationMinutes = r.sessionDurationMinutes();
        offer.staffIds = staff;
        offer.servedCommunes = served;
        offer.bookingRules(rules);
        offer.schedule = planning.scheduleJson(schedule);
        // Counting the sessions the schedule yields now refuses a runaway schedule before anything is stored.
        planning.plan(offer, schedule, Instant.now());
    }

    /**
     * A place must be in the read model of directory.places.v1. One created in the directory a moment ago may not
     * have reached it yet (the directory publishes through its outbox, offers consumes asynchronously, and not at
     * all while Kafka or this service is away): the client is told to check the id or retry shortly.
     */
    private PlaceRef knownPlace(UUID id, String field, List<Violation> v) {
        PlaceRef place = PlaceRef.findById(id);
        if (place == null) {
            v.add(new Violation(field, "Lieu inconnu : " + id + " n'est pas dans l'annuaire, ou vient d'y être créé et n'est"
                    + " pas encore parvenu au catalogue des offres (quelques secondes au plus). Vérifiez l'identifiant, ou"
                    + " réessayez dans un instant."));
            return null;
        }
        if (place.deleted) {
            v.add(new Violation(field, "Lieu retiré de l'annuaire : " + id + " n'existe plus ; choisissez un autre lieu."));
            return null;
        }
        return place;
    }

    /**
     * The offer's partner must be known to the catalogue (see {@link ReferenceData#partner}), as its places are.
     *
     * @param placeOf the place whose partner it is by default, null when the request names the partner
     */
    private void knownPartner(UUID id, PlaceRef placeOf, List<Violation> v) {
        switch (reference.partner(id)) {
            case KNOWN -> {
            }
            case DELETED -> v.add(new Violation("partnerId", placeOf == null
                    ? "Structure retirée de l'annuaire : " + id + " n'existe plus ; une offre ne peut pas lui être rattachée."
                    : "La structure porteuse du lieu " + placeOf.id + " (" + id + ") a été retirée de l'annuaire : indiquez"
                            + " dans partnerId la structure qui porte l'offre."));
            case UNKNOWN -> v.add(new Violation("partnerId", "Structure inconnue : " + id + " n'est pas dans l'annuaire, ou"
                    + " vient d'y être créée et n'est pas encore parvenue au catalogue des offres (quelques secondes au plus)."
                    + " Vérifiez l'identifiant, ou réessayez dans un instant."));
        }
    }

    private static <E extends Enum<E> & Coded> List<String> codes(Class<E> type, List<String> values, String field,
            String what, List<Violation> v) {
        if (values == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String code = values.get(i);
            if (Coded.parse(type, code).isEmpty()) {
                v.add(new Violation(field + "[" + i + "]", what + " inconnu « " + code + " » : valeurs possibles "
                        + Coded.codes(type) + "."));
            } else if (!result.contains(code)) {
                result.add(code);
            }
        }
        return result;
    }

    private static BookingRules bookingRules(OfferRequest.BookingRulesRequest r, List<Violation> v) {
        BookingRules d = BookingRules.defaults();
        if (r == null) {
            return d;
        }
        List<String> bookers = r.allowedBookers() == null ? d.allowedBookers()
                : codes(Booker.class, r.allowedBookers(), "bookingRules.allowedBookers", "Type de réservant", v);
        if (r.allowedBookers() != null && r.allowedBookers().isEmpty()) {
            v.add(new Violation("bookingRules.allowedBookers", "Indiquez au moins qui peut réserver (citizen, agent, partner_app)."));
        }
        int min = r.minDelayMinutes() == null ? d.minDelayMinutes() : r.minDelayMinutes();
        int max = r.maxDelayDays() == null ? d.maxDelayDays() : r.maxDelayDays();
        int cancel = r.cancelUntilMinutes() == null ? d.cancelUntilMinutes() : r.cancelUntilMinutes();
        int reschedule = r.rescheduleUntilMinutes() == null ? d.rescheduleUntilMinutes() : r.rescheduleUntilMinutes();
        if (min < 0) {
            v.add(new Violation("bookingRules.minDelayMinutes", "Le délai minimum de réservation ne peut être négatif."));
        }
        if (max < 1 || max > 730) {
            v.add(new Violation("bookingRules.maxDelayDays", "Le délai maximum de réservation doit être entre 1 et 730 jours."));
        } else if (min >= max * 1440) {
            v.add(new Violation("bookingRules.minDelayMinutes", "Le délai minimum doit être inférieur au délai maximum."));
        }
        if (cancel < 0) {
            v.add(new Violation("bookingRules.cancelUntilMinutes", "Le délai d'annulation ne peut être négatif."));
        }
        if (reschedule < 0) {
            v.add(new Violation("bookingRules.rescheduleUntilMinutes", "Le délai de report ne peut être négatif."));
        }
        List<Integer> reminders = r.reminderOffsetsMinutes() == null ? d.reminderOffsetsMinutes()
                : List.copyOf(new LinkedHashSet<>(r.reminderOffsetsMinutes()));
        for (int i = 0; i < reminders.size(); i++) {
            Integer m = reminders.get(i);
            if (m == null || m <= 0 || m > 43200) {
                v.add(new Violation("bookingRules.reminderOffsetsMinutes[" + i + "]",
                        "Un rappel est donné en minutes avant la séance, entre 1 et 43200 (30 jours)."));
            }
        }
        return new BookingRules(bookers, min, max, cancel, reschedule,
                r.waitingList() == null ? d.waitingList() : r.waitingList(), reminders);
    }
}
