package fr.maillage.booking.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.Session;

import fr.maillage.booking.domain.SelfServiceTokens;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.events.BookingEvents;
import fr.maillage.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A person's secret calendar address (issue 19): {@code /api/v1/calendars/<token>.ics}, the shifts of that person as
 * iCalendar, for a phone's calendar to subscribe to without signing in. The token (256 random bits) is shown once, at
 * creation; only its SHA-256 is stored (table {@code calendar_link}), so a leaked database gives no address. A person
 * has at most one active address: creating one revokes the previous; a revoked address answers 404 at once.
 */
@ApplicationScoped
public class CalendarLinks {
    /** How far back the feed goes, so that a phone keeps the last weeks' shifts. */
    static final Duration PAST = Duration.ofDays(30);
    /** A feed lists at most this many shifts (a person has a few a week). */
    static final int MAX_SHIFTS = 500;

    public record Link(UUID id, OffsetDateTime createdAt, OffsetDateTime revokedAt, OffsetDateTime lastUsedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A link just created, with the only copy of its address. */
    public record Created(Link link, String url) {
    }

    private final EntityManager em;
    private final StaffAccess access;
    private final BookingEvents events;
    private final ShiftService shifts;

    CalendarLinks(EntityManager em, StaffAccess access, BookingEvents events, ShiftService shifts) {
        this.em = em;
        this.access = access;
        this.events = events;
        this.shifts = shifts;
    }

    /** A new address for {@code personId}; the previous one, if any, stops answering. */
    @Transactional
    public Created create(UUID personId) {
        access.require(personId);
        String token = SelfServiceTokens.newToken();
        UUID id = UUID.randomUUID();
        OffsetDateTime now = Times.now();
        // one creation at a time per person: the partial unique index would otherwise turn a double click into a 500
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(cast(:person AS text), 19))")
                .setParameter("person", personId.toString()).getSingleResult();
        em.createNativeQuery("UPDATE calendar_link SET revoked_at = :now WHERE person_id = :person AND revoked_at IS NULL")
                .setParameter("now", now).setParameter("person", personId).executeUpdate();
        em.createNativeQuery("INSERT INTO calendar_link (id, person_id, token_hash, created_at) VALUES (:id, :person, :hash, :now)")
                .setParameter("id", id).setParameter("person", personId)
                .setParameter("hash", SelfServiceTokens.hash(token)).setParameter("now", now).executeUpdate();
        return new Created(new Link(id, now, null, null), url(token));
    }

    /** The person's addresses, newest first (without the addresses themselves: they are shown once). */
    public List<Link> list(UUID personId) {
        access.require(personId);
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, created_at, revoked_at, last_used_at FROM calendar_link WHERE person_id = ?
                    ORDER BY created_at DESC, id LIMIT 50""")) {
                select.setObject(1, personId);
                List<Link> links = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        links.add(new Link(row.getObject(1, UUID.class), row.getObject(2, OffsetDateTime.class),
                                row.getObject(3, OffsetDateTime.class), row.getObject(4, OffsetDateTime.class)));
                    }
                }
                return links;
            }
        });
    }

    /** Revokes one address of the person (404 if it is not theirs); revoking a revoked address changes nothing. */
    @Transactional
    public void revoke(UUID personId, UUID linkId) {
        access.require(personId);
        int found = ((Number) em.createNativeQuery("SELECT count(*) FROM calendar_link WHERE id = :id AND person_id = :person")
                .setParameter("id", linkId).setParameter("person", personId).getSingleResult()).intValue();
        if (found == 0) {
            throw Problem.notFound("linkId", "Aucune adresse de calendrier " + linkId + " pour cette personne.");
        }
        em.createNativeQuery("UPDATE calendar_link SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .setParameter("now", Times.now()).setParameter("id", linkId).executeUpdate();
    }

    /** The shifts behind an active address (empty when the token is unknown, malformed or revoked). */
    @Transactional
    public Optional<List<ShiftService.PersonShift>> feed(String token) {
        if (token == null || token.isEmpty() || token.length() > SelfServiceTokens.MAX_LENGTH) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object> person = em.createNativeQuery("""
                UPDATE calendar_link SET last_used_at = now() WHERE token_hash = :hash AND revoked_at IS NULL
                  AND EXISTS (SELECT 1 FROM directory_person p WHERE p.id = calendar_link.person_id AND p.active)
                RETURNING person_id""").setParameter("hash", SelfServiceTokens.hash(token)).getResultList();
        if (person.isEmpty()) {
            return Optional.empty();
        }
        UUID personId = (UUID) person.get(0);
        return Optional.of(shifts.search(personId, null, Times.now().minus(PAST), 0, MAX_SHIFTS).items());
    }

    private String url(String token) {
        return events.publicLink("/api/v1/calendars/" + token + ".ics");
    }
}
