package fr.maillage.directory.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import fr.maillage.directory.domain.Checks;
import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.domain.Person;
import fr.maillage.directory.domain.Place;
import fr.maillage.directory.domain.Standard;
import fr.maillage.directory.events.Snapshots;
import fr.maillage.directory.events.Snapshots.PersonData;
import fr.maillage.platform.events.Outbox;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * People and who may see them. Names, phones and e-mails are personal data: a person belongs to the
 * partner in {@code partnerId} (its owner, who writes it) and is also seen, read-only, by the partners
 * whose places they staff. A volunteer sees their own record. Someone the caller may not see does not
 * exist for them (404), so that identifiers reveal nothing.
 */
@ApplicationScoped
public class PersonService {
    private final Outbox outbox;
    private final Caller caller;
    private final EntityManager em;
    private final VersionSequences versions;

    PersonService(Outbox outbox, Caller caller, EntityManager em, VersionSequences versions) {
        this.outbox = outbox;
        this.caller = caller;
        this.em = em;
        this.versions = versions;
    }

    @Transactional
    public Person create(PersonCommand request) {
        return put(UUID.randomUUID(), request, null).entity();
    }

    /**
     * Create-or-replace. The owner is {@code partnerId} when given, else the caller's organisation, else the
     * current owner, else the partner of the person's places when they all have the same. A partner
     * application or agent writes the people of its own partner only and assigns them only to its own places
     * (assignments to other partners' places, made by the administrator, are kept).
     */
    @Transactional
    public Written<Person> put(UUID id, PersonCommand request, Long ifMatch) {
        Person person = Person.findById(id);
        if (person != null) {
            caller.requireActsFor(ofOwner(person.partnerId), person.partnerId);
        }
        UUID owner = owner(request, person);
        if (!caller.isAdmin()) {
            caller.requireActsFor(owner == null ? "de la structure à laquelle rattacher la personne" : "de la structure " + owner,
                    owner);
            List<UUID> before = person == null ? List.of() : person.placeIds;
            for (UUID placeId : distinct(request.placeIds())) {
                Place place = before.contains(placeId) ? null : Place.findById(placeId);
                if (place != null) {
                    caller.requireActsFor("de la structure " + place.partnerId + ", qui porte le lieu " + placeId, place.partnerId);
                }
            }
        }
        Person desired = validated(request, owner);
        boolean created = person == null;
        if (created) {
            if (ifMatch != null) {
                throw Problem.notFound("id", "Aucune personne avec l'identifiant " + id + " : impossible de vérifier If-Match");
            }
            person = desired;
            person.id = id;
            person.createdAt = OffsetDateTime.now();
            person.updatedAt = person.createdAt;
            // after a deletion of the same id, the version goes on from the deleted one's (see VersionSequences)
            person.version = versions.initialVersion(VersionSequences.Kind.PERSON, id);
            person.persistAndFlush();
        } else {
            VersionGuard.check(person.version, ifMatch, "la personne");
            PersonData before = PersonData.of(person, false);
            person.role = desired.role;
            person.firstName = desired.firstName;
            person.lastName = desired.lastName;
            person.phone = desired.phone;
            person.email = desired.email;
            person.notifySms = desired.notifySms;
            person.notifyEmail = desired.notifyEmail;
            person.placeIds = desired.placeIds;
            person.partnerId = desired.partnerId;
            if (before.equals(PersonData.of(person, false))) {
                return new Written<>(person, false);
            }
            person.updatedAt = OffsetDateTime.now();
            Person.flush();
        }
        outbox.record(Snapshots.PEOPLE, "PersonUpserted", id.toString(), person.version, PersonData.of(person, false));
        return new Written<>(person, created);
    }

    @Transactional
    public void delete(UUID id, Long ifMatch) {
        Person person = Person.findById(id);
        if (person == null) {
            throw Problem.notFound("id", "Aucune personne avec l'identifiant " + id);
        }
        caller.requireActsFor(ofOwner(person.partnerId), person.partnerId);
        VersionGuard.check(person.version, ifMatch, "la personne");
        PersonData data = PersonData.of(person, true);
        long version = person.version + 1;
        person.delete();
        versions.deleted(VersionSequences.Kind.PERSON, id, version);
        outbox.record(Snapshots.PEOPLE, "PersonDeleted", id.toString(), version, data);
    }

    /** A person the caller may see; anyone else is answered as unknown. */
    public Person get(UUID id) {
        Person person = Person.findById(id);
        if (person == null || !visible(person)) {
            throw Problem.notFound("id", "Aucune personne avec l'identifiant " + id);
        }
        return person;
    }

    boolean visible(Person person) {
        if (caller.isAdmin()) {
            return true;
        }
        Optional<UUID> org = organisation();
        if (org.isPresent()) {
            return org.get().equals(person.partnerId) || !person.placeIds.isEmpty()
                    && Place.count("partnerId = ?1 and id in ?2", org.get(), person.placeIds) > 0;
        }
        return caller.has(Caller.VOLUNTEER) && caller.person().map(person.id::equals).orElse(false);
    }

    /** The partner a partner application or an agent acts for; none for other roles or without the claim. */
    private Optional<UUID> organisation() {
        return caller.has(Caller.PARTNER_APP) || caller.has(Caller.AGENT) ? caller.org() : Optional.empty();
    }

    public record Found(List<Person> people, long total) {
    }

    /** People the caller may see, filtered by place, owner partner and role, by name. */
    @SuppressWarnings("unchecked")
    public Found list(UUID placeId, UUID partnerId, String role, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new HashMap<>();
        if (placeId != null) {
            where.append(" AND CAST(:place AS uuid) = ANY (place_ids)");
            params.put("place", placeId);
        }
        if (partnerId != null) {
            where.append(" AND partner_id = :partner");
            params.put("partner", partnerId);
        }
        if (role != null) {
            where.append(" AND role = :role");
            params.put("role", role);
        }
        if (!caller.isAdmin()) {
            Optional<UUID> org = organisation();
            if (org.isPresent()) {
                where.append(" AND (partner_id = :org OR EXISTS (SELECT 1 FROM place pl WHERE pl.partner_id = :org AND pl.id = ANY (person.place_ids)))");
                params.put("org", org.get());
            } else if (caller.has(Caller.VOLUNTEER) && caller.person().isPresent()) {
                where.append(" AND id = :self");
                params.put("self", caller.person().get());
            } else {
                where.append(" AND false");
            }
        }
        var rows = em.createNativeQuery("SELECT * FROM person" + where + " ORDER BY last_name, first_name, id LIMIT :limit OFFSET :offset",
                Person.class);
        var count = em.createNativeQuery("SELECT count(*) FROM person" + where);
        params.forEach((k, v) -> {
            rows.setParameter(k, v);
            count.setParameter(k, v);
        });
        rows.setParameter("limit", limit).setParameter("offset", offset);
        return new Found(rows.getResultList(), ((Number) count.getSingleResult()).longValue());
    }

    private UUID owner(PersonCommand request, Person existing) {
        if (request.partnerId() != null) {
            return request.partnerId();
        }
        if (!caller.isAdmin() && caller.org().isPresent()) {
            return caller.org().get();
        }
        if (existing != null && existing.partnerId != null) {
            return existing.partnerId;
        }
        List<UUID> places = distinct(request.placeIds());
        if (places.isEmpty()) {
            return null;
        }
        List<UUID> partners = Place.<Place>list("id in ?1", places).stream().map(p -> p.partnerId).distinct().toList();
        return partners.size() == 1 ? partners.get(0) : null;
    }

    /** Whose business a person is, for a 403 (people recorded before owners existed may have none). */
    private static String ofOwner(UUID partnerId) {
        return partnerId == null ? "de sa structure (cette personne n'est rattachée à aucune : seul l'administrateur la modifie)"
                : "de la structure " + partnerId + ", à laquelle la personne est rattachée";
    }

    private static List<UUID> distinct(List<UUID> ids) {
        return ids == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(ids.stream().filter(Objects::nonNull).toList()));
    }

    static Person validated(PersonCommand r, UUID owner) {
        Checks checks = new Checks();
        Person p = new Person();
        if (r.role() == null || r.role().isBlank()) {
            checks.add("role", "le rôle est obligatoire ; valeurs admises : " + String.join(" | ", Standard.ROLES));
        } else {
            p.role = checks.oneOf("role", r.role(), Standard.ROLES, null);
        }
        p.firstName = checks.required("firstName", r.firstName(), 100, "le prénom");
        p.lastName = checks.required("lastName", r.lastName(), 100, "le nom");
        p.phone = checks.phone("phone", r.phone());
        p.email = checks.email("email", r.email());
        p.notifySms = Boolean.TRUE.equals(r.notifySms());
        p.notifyEmail = Boolean.TRUE.equals(r.notifyEmail());
        if (p.notifySms && p.phone == null && (r.phone() == null || r.phone().isBlank())) {
            checks.add("notifySms", "les rappels par SMS demandent un numéro de téléphone (phone)");
        }
        if (p.notifyEmail && p.email == null && (r.email() == null || r.email().isBlank())) {
            checks.add("notifyEmail", "les rappels par courriel demandent une adresse électronique (email)");
        }
        List<UUID> places = distinct(r.placeIds());
        List<UUID> unknown = places.stream().filter(id -> Place.findById(id) == null).toList();
        if (!unknown.isEmpty()) {
            checks.add("placeIds", "lieux inconnus : " + unknown.stream().map(UUID::toString).toList());
        }
        p.placeIds = new ArrayList<>(places);
        p.partnerId = owner;
        if (owner == null) {
            checks.add("partnerId", "la structure à laquelle la personne est rattachée est obligatoire : donnez partnerId "
                    + "(il n'est déduit des lieux que s'ils relèvent tous de la même structure)");
        } else if (Partner.findById(owner) == null) {
            checks.add("partnerId", "aucune structure avec l'identifiant " + owner);
        }
        checks.throwIfAny();
        return p;
    }
}
