package fr.maillage.booking.service;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import fr.maillage.booking.config.BookingConfig;
import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.ContactHasher;
import fr.maillage.booking.domain.NeedThemes;
import fr.maillage.platform.phone.PhoneNumbers;
import fr.maillage.booking.domain.Referral;
import fr.maillage.booking.domain.ReferralOutcome;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.events.ReferralEvents;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Referrals (orientations, issue 18). A referral belongs to two organisations: the one that sent it
 * ({@code fromPartnerId}, the caller's organisation) and the one it is sent to ({@code targetPartnerId}). Both read
 * it, anyone else reads 404; only the target records outcomes (403 for the sender). An admin reads and records
 * everything. Every refusal happens before anything is written; the referral and its event commit together.
 */
@ApplicationScoped
public class ReferralService {
    private static final Logger LOG = Logger.getLogger(ReferralService.class);
    private static final int PURGE_BATCH = 200;
    public static final String OUTGOING = "outgoing";
    public static final String INCOMING = "incoming";

    public record View(Referral referral, List<ReferralOutcome> outcomes) {
    }

    public record ReferralPage(List<View> items, long total) {
    }

    private final EntityManager em;
    private final Caller caller;
    private final Partners partners;
    private final ReferralEvents events;
    private final SlotService slots;
    private final BookingConfig config;

    ReferralService(EntityManager em, Caller caller, Partners partners, ReferralEvents events, SlotService slots,
            BookingConfig config) {
        this.em = em;
        this.caller = caller;
        this.partners = partners;
        this.events = events;
        this.slots = slots;
        this.config = config;
    }

    @Transactional
    public View create(NewReferral request) {
        UUID from = fromOrganisation(request.fromPartnerId());
        String need = request.need().strip();
        if (!NeedThemes.ALL.contains(need)) {
            throw Problem.ruleBroken("need", "Ce besoin n'est pas un thème connu : choisissez parmi "
                    + String.join(", ", NeedThemes.ALL) + ".");
        }
        NewReferral.Person person = request.person();
        String phone = blankToNull(person.phone());
        String e164 = phone == null ? null : PhoneNumbers.toE164(phone).orElse(null);
        if (phone != null && e164 == null) {
            throw Problem.ruleBroken("person.phone", "Ce numéro de téléphone n'est pas valide : indiquez un numéro "
                    + "français, par exemple 06 12 34 56 78 ou 02 99 12 34 56.");
        }
        if (request.targetPartnerId().equals(from)) {
            throw Problem.ruleBroken("targetPartnerId", "On oriente vers une autre structure que la sienne : "
                    + "choisissez la structure qui recevra la personne.");
        }
        if (!partners.known(request.targetPartnerId())) {
            throw Problem.ruleBroken("targetPartnerId", "Cette structure est inconnue de l'annuaire (ou en a été "
                    + "retirée) : choisissez une structure enregistrée. Une structure tout juste enregistrée est "
                    + "connue quelques secondes après.");
        }
        if (request.targetOfferId() != null) {
            List<UUID> hosts = em.createQuery("SELECT DISTINCT s.partnerId FROM Slot s WHERE s.offerId = :offer",
                    UUID.class).setParameter("offer", request.targetOfferId()).getResultList();
            if (!hosts.isEmpty() && !hosts.contains(request.targetPartnerId())) {
                throw Problem.ruleBroken("targetOfferId", "Cette offre n'est pas proposée par la structure choisie "
                        + "(targetPartnerId) : choisissez une de ses offres, ou aucune.");
            }
        }
        if (request.bookingId() != null) {
            Booking booking = Booking.findById(request.bookingId());
            if (booking == null || !caller.actsFor(booking.bookerOrg, slots.find(booking.slotId).partnerId)) {
                throw Problem.ruleBroken("bookingId", "Aucun rendez-vous de votre structure avec cet identifiant : "
                        + "indiquez un rendez-vous que vous avez pris ou que vous accueillez, ou aucun.");
            }
        }
        Referral r = new Referral();
        r.id = UUID.randomUUID();
        r.status = Referral.SENT;
        r.need = need;
        r.fromPartnerId = from;
        r.targetPartnerId = request.targetPartnerId();
        r.targetOfferId = request.targetOfferId();
        r.bookingId = request.bookingId();
        r.firstName = person.firstName().strip();
        r.lastName = blankToNull(person.lastName());
        r.phone = e164;
        String email = blankToNull(person.email());
        r.email = email == null ? null : ContactHasher.normaliseEmail(email);
        r.residenceInsee = blankToNull(person.residenceInsee());
        r.note = blankToNull(request.note());
        r.version = 1;
        r.createdAt = Times.now();
        r.updatedAt = r.createdAt;
        r.persist();
        events.record(ReferralEvents.CREATED, r, null, null);
        return new View(r, List.of());
    }

    /** The organisation the referral is sent from: the caller's; an admin without one names it in the body. */
    private UUID fromOrganisation(UUID declared) {
        if (caller.isAdmin()) {
            UUID org = caller.org().orElse(declared);
            if (org == null) {
                throw Problem.badRequest("fromPartnerId", "Indiquez la structure qui oriente (fromPartnerId) : votre "
                        + "jeton d'administrateur ne précise pas d'organisation.");
            }
            return org;
        }
        UUID org = caller.requiredOrg();
        if (declared != null && !declared.equals(org)) {
            throw Problem.forbidden("fromPartnerId", "fromPartnerId (" + declared + ") n'est pas l'organisation de votre "
                    + "jeton (" + org + ") : vous n'orientez qu'au nom de votre propre structure.");
        }
        return org;
    }

    /** A referral the caller may read: its sender, its target, an admin; 404 for anyone else. */
    public View get(UUID id) {
        Referral r = readable(Referral.findById(id), id);
        return new View(r, ReferralOutcome.of(r.id));
    }

    private Referral readable(Referral r, UUID id) {
        if (r == null || !caller.actsFor(r.fromPartnerId, r.targetPartnerId)) {
            throw Problem.notFound("id", "Aucune orientation avec l'identifiant " + id + ".");
        }
        return r;
    }

    /**
     * The target structure records what came of the referral; the status becomes that outcome. The same outcome as the
     * current status again changes nothing (a double click). 403 for the sender, 404 for anyone else; 409 once the
     * person's data was erased (the referral is closed).
     */
    @Transactional
    public View recordOutcome(UUID id, String outcome, String note) {
        Referral r = readable(em.find(Referral.class, id, LockModeType.PESSIMISTIC_WRITE), id);
        if (!caller.actsFor(r.targetPartnerId)) {
            throw Problem.forbidden("outcome", "Seule la structure qui reçoit la personne (targetPartnerId) note la "
                    + "suite de l'orientation ; la vôtre l'a envoyée et verra la suite ici.");
        }
        if (r.anonymisedAt != null) {
            throw Problem.conflict("outcome", "Cette orientation est close : les données de la personne ont été effacées.");
        }
        String cleanNote = blankToNull(note);
        if (!outcome.equals(r.status) || cleanNote != null) {
            ReferralOutcome o = new ReferralOutcome();
            o.referralId = r.id;
            o.outcome = outcome;
            o.note = cleanNote;
            o.at = Times.now();
            o.persist();
            r.status = outcome;
            r.version++;
            r.updatedAt = o.at;
            events.record(ReferralEvents.OUTCOME_RECORDED, r, outcome, o.at);
        }
        return new View(r, ReferralOutcome.of(r.id));
    }

    /**
     * The caller's referrals, newest first: {@code outgoing} (sent by its organisation), {@code incoming} (sent to it),
     * or both; an admin sees every referral (a direction then needs an organisation in its token, else it is ignored).
     */
    public ReferralPage search(String direction, String status, int page, int size) {
        StringBuilder where = new StringBuilder(" FROM Referral r WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        UUID org = caller.isAdmin() ? caller.org().orElse(null) : caller.requiredOrg();
        if (org != null) {
            if (OUTGOING.equals(direction)) {
                where.append(" AND r.fromPartnerId = :org");
            } else if (INCOMING.equals(direction)) {
                where.append(" AND r.targetPartnerId = :org");
            } else if (!caller.isAdmin()) {
                where.append(" AND (r.fromPartnerId = :org OR r.targetPartnerId = :org)");
            }
            if (where.indexOf(":org") > 0) {
                params.put("org", org);
            }
        }
        if (status != null) {
            where.append(" AND r.status = :status");
            params.put("status", status);
        }
        var count = em.createQuery("SELECT count(r)" + where, Long.class);
        var select = em.createQuery("SELECT r" + where + " ORDER BY r.createdAt DESC, r.id", Referral.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        List<Referral> found = select.setFirstResult(page * size).setMaxResults(size).getResultList();
        Map<UUID, List<ReferralOutcome>> outcomes = new HashMap<>();
        if (!found.isEmpty()) {
            ReferralOutcome.<ReferralOutcome>list("referralId in ?1 ORDER BY id", found.stream().map(r -> r.id).toList())
                    .forEach(o -> outcomes.computeIfAbsent(o.referralId, k -> new java.util.ArrayList<>()).add(o));
        }
        return new ReferralPage(found.stream().map(r -> new View(r, outcomes.getOrDefault(r.id, List.of()))).toList(),
                count.getSingleResult());
    }

    /**
     * RGPD (the bookings' schedule, maillage.rgpd.retention-months): the person's data of referrals unchanged for that
     * long (names, contact, commune, notes of the referral and of its outcomes) is erased, ReferralAnonymised published.
     * @return how many referrals were anonymised.
     */
    public int anonymiseExpired() {
        int total = 0;
        int done;
        do {
            done = QuarkusTransaction.requiringNew().call(this::anonymiseBatch);
            total += done;
        } while (done == PURGE_BATCH);
        return total;
    }

    private int anonymiseBatch() {
        OffsetDateTime before = Times.now().minusMonths(config.rgpd().retentionMonths());
        List<Referral> expired = em.createNativeQuery("""
                SELECT * FROM referral WHERE anonymised_at IS NULL AND updated_at < :before
                ORDER BY updated_at LIMIT :n FOR UPDATE SKIP LOCKED""", Referral.class)
                .setParameter("before", before).setParameter("n", PURGE_BATCH).getResultList();
        for (Referral r : expired) {
            anonymise(r);
        }
        return expired.size();
    }

    /**
     * The person asked their booking's data erased: the referrals naming that booking hold the same person, and are
     * anonymised with it (in the erasure's transaction). @return how many.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    int eraseForBooking(UUID bookingId) {
        List<Referral> linked = em.createQuery("SELECT r FROM Referral r WHERE r.bookingId = :booking AND r.anonymisedAt IS NULL",
                Referral.class).setParameter("booking", bookingId).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        linked.forEach(this::anonymise);
        return linked.size();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void anonymise(Referral r) {
        r.erasePersonalData();
        r.version++;
        em.createQuery("UPDATE ReferralOutcome o SET o.note = null WHERE o.referralId = :id").setParameter("id", r.id)
                .executeUpdate();
        events.record(ReferralEvents.ANONYMISED, r, null, null);
        LOG.debugf("Referral %s anonymised (status %s)", r.id, r.status);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
