package fr.maillage.directory.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import fr.maillage.directory.api.PersonRequest;
import fr.maillage.directory.domain.Checks;
import fr.maillage.directory.domain.NotFoundException;
import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.domain.Person;
import fr.maillage.directory.domain.Place;
import fr.maillage.directory.domain.Standard;
import fr.maillage.directory.events.Outbox;
import fr.maillage.directory.events.Snapshots;
import fr.maillage.directory.events.Snapshots.PersonData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class PersonService {
    private final Outbox outbox;

    PersonService(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public Person create(PersonRequest request) {
        return put(UUID.randomUUID(), request, null).entity();
    }

    @Transactional
    public Written<Person> put(UUID id, PersonRequest request, Long ifMatch) {
        Person desired = validated(request);
        Person person = Person.findById(id);
        boolean created = person == null;
        if (created) {
            if (ifMatch != null) {
                throw new NotFoundException("Aucune personne avec l'identifiant " + id + " : impossible de vérifier If-Match");
            }
            person = desired;
            person.id = id;
            person.createdAt = OffsetDateTime.now();
            person.updatedAt = person.createdAt;
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
            throw new NotFoundException("Aucune personne avec l'identifiant " + id);
        }
        VersionGuard.check(person.version, ifMatch, "la personne");
        PersonData data = PersonData.of(person, true);
        long version = person.version + 1;
        person.delete();
        outbox.record(Snapshots.PEOPLE, "PersonDeleted", id.toString(), version, data);
    }

    static Person validated(PersonRequest r) {
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
        List<UUID> places = r.placeIds() == null ? List.of()
                : new ArrayList<>(new LinkedHashSet<>(r.placeIds().stream().filter(java.util.Objects::nonNull).toList()));
        List<UUID> unknown = places.stream().filter(id -> Place.findById(id) == null).toList();
        if (!unknown.isEmpty()) {
            checks.add("placeIds", "lieux inconnus : " + unknown.stream().map(UUID::toString).toList());
        }
        p.placeIds = new ArrayList<>(places);
        p.partnerId = r.partnerId();
        if (r.partnerId() != null && Partner.findById(r.partnerId()) == null) {
            checks.add("partnerId", "aucune structure avec l'identifiant " + r.partnerId());
        }
        checks.throwIfAny();
        return p;
    }
}
