package fr.maillage.booking.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.Session;

import fr.maillage.booking.domain.Times;
import fr.maillage.booking.events.BookingEvents;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Absences of a person and closures of a place (issue 19): who may declare them, the preview, the declaration with
 * all its effects in one transaction ({@link AbsenceEffects}), the list, the withdrawal (future slots it closed
 * reopen; bookings moved or cancelled stay so).
 * <p>
 * Who: a place's closure — an agent or partner app for its organisation's slots at that place, an admin for every
 * organisation's; a person's absence — the person themselves, an agent or partner app of their organisation, an admin
 * ({@link StaffAccess}).
 */
@ApplicationScoped
public class AbsenceService {
    public static final int MAX_DAYS = 366;
    static final String ACTIVE = "active";
    static final String WITHDRAWN = "withdrawn";

    /** What is declared (exactly one of personId, placeId). */
    public record Declaration(UUID personId, UUID placeId, LocalDate from, LocalDate to, String reason) {
    }

    public record Absence(UUID id, String kind, UUID personId, UUID placeId, UUID partnerId, LocalDate from, LocalDate to,
            String reason, String declaredBy, String status, OffsetDateTime createdAt, OffsetDateTime withdrawnAt) {
    }

    public record Declared(Absence absence, AbsenceEffects.Effects effects) {
    }

    public record AbsencePage(List<Absence> items, long total) {
    }

    private final EntityManager em;
    private final AbsenceEffects effects;
    private final StaffAccess staff;
    private final Caller caller;
    private final SlotStore store;
    private final ClosuresOnArrival closures;

    AbsenceService(EntityManager em, AbsenceEffects effects, StaffAccess staff, Caller caller, SlotStore store,
            ClosuresOnArrival closures) {
        this.closures = closures;
        this.em = em;
        this.effects = effects;
        this.staff = staff;
        this.caller = caller;
        this.store = store;
    }

    /** What declaring it would do, nothing changed. */
    @Transactional
    public AbsenceEffects.Effects preview(Declaration declaration) {
        return effects.preview(scope(declaration));
    }

    /** Declares it and applies its effects, all in one transaction. */
    @Transactional
    public Declared declare(Declaration declaration) {
        AbsenceEffects.Scope scope = scope(declaration);
        UUID id = UUID.randomUUID();
        String reason = blankToNull(declaration.reason());
        UUID partnerId = PLACE.equals(scope.kind()) ? placePartner(scope) : scope.partnerScope();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO absence (id, kind, person_id, place_id, partner_id, from_date, to_date, reason, declared_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setObject(1, id);
                insert.setString(2, scope.kind());
                insert.setObject(3, scope.personId());
                insert.setObject(4, scope.placeId());
                insert.setObject(5, partnerId);
                insert.setObject(6, scope.from());
                insert.setObject(7, scope.to());
                insert.setString(8, reason);
                insert.setString(9, caller.role());
                insert.executeUpdate();
            }
        });
        AbsenceEffects.Effects done = effects.apply(scope, cause(id, scope.kind(), reason, scope.from(), scope.to()));
        return new Declared(find(id), done);
    }

    /** What people booked and staff are told. A person's declared reason is never given to the people booked. */
    static BookingEvents.AbsenceCause cause(UUID id, String kind, String reason, LocalDate from, LocalDate to) {
        String suffix = reason == null ? "" : " : " + reason;
        if (PLACE.equals(kind)) {
            String text = "Fermeture exceptionnelle du lieu" + suffix;
            return new BookingEvents.AbsenceCause(id, text, text, from, to);
        }
        return new BookingEvents.AbsenceCause(id, "Absence exceptionnelle de l'intervenant", "Absence déclarée" + suffix,
                from, to);
    }

    /**
     * Withdraws an active absence: the future slots it closed reopen (and are published open again), unless another
     * active absence or closure covers them.
     */
    @Transactional
    public Absence withdraw(UUID id) {
        Absence absence = visible(id);
        requireManage(absence);
        int changed = em.createNativeQuery("UPDATE absence SET status = 'withdrawn', withdrawn_at = now() "
                + "WHERE id = :id AND status = 'active'").setParameter("id", id).executeUpdate();
        if (changed == 0) {
            throw Problem.conflict("id", "Cette absence est déjà retirée.");
        }
        @SuppressWarnings("unchecked")
        List<UUID> closed = em.createNativeQuery("SELECT id FROM slot WHERE closure_id = :id AND start_at > now() "
                + "ORDER BY id FOR UPDATE", UUID.class).setParameter("id", id).getResultList();
        for (UUID slotId : closed) {
            // another active absence or closure covering the slot keeps it closed (handed over in one update)
            ClosuresOnArrival.Covering other = closures.covering(em.find(fr.maillage.booking.domain.Slot.class, slotId));
            if (other != null) {
                store.handOver(slotId, id, other.absenceId(), other.reason());
            } else {
                store.reopen(slotId, id);
            }
        }
        return find(id);
    }

    /** One absence the caller may see (404 otherwise, whether it exists or not). */
    public Absence visible(UUID id) {
        Absence absence = find(id);
        if (absence == null || !canSee(absence)) {
            throw Problem.notFound("id", "Aucune absence ou fermeture " + id + ".");
        }
        return absence;
    }

    /**
     * The absences the caller may see, by first day: a volunteer their own, an agent or partner app their
     * organisation's (declared for it or for its people), an admin all; filters person, place, and "still running on
     * or after {@code from}".
     */
    public AbsencePage list(UUID personId, UUID placeId, LocalDate from, int page, int size) {
        StringBuilder where = new StringBuilder(" FROM absence WHERE true");
        List<Object> params = new ArrayList<>();
        if (Caller.VOLUNTEER.equals(caller.role())) {
            UUID self = caller.person().orElseThrow(() -> Problem.forbidden("Votre jeton de bénévole ne précise pas "
                    + "qui vous êtes dans l'annuaire (claim person) : il est nécessaire pour voir vos absences."));
            where.append(" AND person_id = ?");
            params.add(self);
        } else if (!caller.isAdmin()) {
            where.append(" AND partner_id = ?");
            params.add(caller.requiredOrg());
        }
        if (personId != null) {
            where.append(" AND person_id = ?");
            params.add(personId);
        }
        if (placeId != null) {
            where.append(" AND place_id = ?");
            params.add(placeId);
        }
        if (from != null) {
            where.append(" AND to_date >= ?");
            params.add(from);
        }
        return em.unwrap(Session.class).doReturningWork(connection -> {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*)" + where)) {
                bind(count, params);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<Absence> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + where
                    + " ORDER BY from_date, created_at, id LIMIT ? OFFSET ?")) {
                bind(select, params);
                select.setInt(params.size() + 1, size);
                select.setLong(params.size() + 2, (long) page * size);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(read(rows));
                    }
                }
            }
            return new AbsencePage(items, total);
        });
    }

    private static final String PLACE = AbsenceEffects.PLACE;
    private static final String PERSON = AbsenceEffects.PERSON;
    private static final String COLUMNS = "id, kind, person_id, place_id, partner_id, from_date, to_date, reason, "
            + "declared_by, status, created_at, withdrawn_at";

    /** Checks the declaration (fields, then who) and says what it covers. */
    private AbsenceEffects.Scope scope(Declaration d) {
        if ((d.personId() == null) == (d.placeId() == null)) {
            throw Problem.ruleBroken("personId", "Indiquez soit une personne "
                    + "(personId) soit un lieu (placeId), l'un des deux seulement.");
        }
        if (d.from() == null) {
            throw Problem.ruleBroken("from", "Indiquez le premier jour (from, AAAA-MM-JJ).");
        }
        if (d.to() == null) {
            throw Problem.ruleBroken("to", "Indiquez le dernier jour (to, AAAA-MM-JJ).");
        }
        if (d.to().isBefore(d.from())) {
            throw Problem.ruleBroken("to", "Le dernier jour (to) doit être le premier jour (from) ou après.");
        }
        if (ChronoUnit.DAYS.between(d.from(), d.to()) + 1 > MAX_DAYS) {
            throw Problem.ruleBroken("to", "Une absence ou une fermeture couvre au plus " + MAX_DAYS + " jours.");
        }
        if (d.to().isBefore(LocalDate.now(Times.PARIS))) {
            throw Problem.ruleBroken("to", "Ces dates sont passées : le dernier jour (to) doit être aujourd'hui ou après.");
        }
        if (d.placeId() != null) {
            if (caller.isAdmin()) {
                return new AbsenceEffects.Scope(PLACE, d.placeId(), null, null, d.from(), d.to());
            }
            if (!caller.has(Caller.AGENT) && !caller.has(Caller.PARTNER_APP)) {
                throw Problem.forbidden("placeId", "Seuls un agent ou une application partenaire de la structure, ou un "
                        + "administrateur, peuvent déclarer la fermeture d'un lieu.");
            }
            return new AbsenceEffects.Scope(PLACE, d.placeId(), caller.requiredOrg(), null, d.from(), d.to());
        }
        People.Person person = staff.require(d.personId());
        return new AbsenceEffects.Scope(PERSON, null, person.partnerId(), d.personId(), d.from(), d.to());
    }

    /**
     * The organisation a place closure is recorded for: the caller's; for an admin without one, the organisation of
     * the place's slots (404 when booking knows no slot at that place: nothing to close).
     */
    private UUID placePartner(AbsenceEffects.Scope scope) {
        if (scope.partnerScope() != null) {
            return scope.partnerScope();
        }
        if (caller.org().isPresent()) {
            return caller.org().get();
        }
        @SuppressWarnings("unchecked")
        List<UUID> partners = em.createNativeQuery("SELECT partner_id FROM slot WHERE place_id = :place "
                + "ORDER BY start_at DESC LIMIT 1", UUID.class).setParameter("place", scope.placeId()).getResultList();
        if (partners.isEmpty()) {
            throw Problem.notFound("placeId", "Aucun créneau connu à ce lieu : rien à fermer.");
        }
        return partners.get(0);
    }

    private boolean canSee(Absence a) {
        if (caller.isAdmin()) {
            return true;
        }
        if (a.personId() != null && caller.person().map(a.personId()::equals).orElse(false)) {
            return true;
        }
        return !Caller.VOLUNTEER.equals(caller.role()) && caller.org().map(a.partnerId()::equals).orElse(false);
    }

    /** The person themselves, their organisation's agents/partner apps (or the declaring one's), an admin. */
    private void requireManage(Absence a) {
        if (!canSee(a)) {
            throw Problem.forbidden("id", "Seuls la personne, sa structure ou un administrateur retirent cette absence.");
        }
    }

    private Absence find(UUID id) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM absence WHERE id = ?")) {
                select.setObject(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? read(row) : null;
                }
            }
        });
    }

    private static Absence read(ResultSet r) throws SQLException {
        return new Absence(r.getObject(1, UUID.class), r.getString(2), r.getObject(3, UUID.class),
                r.getObject(4, UUID.class), r.getObject(5, UUID.class), r.getObject(6, LocalDate.class),
                r.getObject(7, LocalDate.class), r.getString(8), r.getString(9), r.getString(10),
                Times.paris(r.getObject(11, OffsetDateTime.class)), Times.paris(r.getObject(12, OffsetDateTime.class)));
    }

    private static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
