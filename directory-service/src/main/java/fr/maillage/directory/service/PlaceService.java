package fr.maillage.directory.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import fr.maillage.directory.config.DirectoryConfig;
import fr.maillage.directory.domain.Checks;
import fr.maillage.directory.domain.Commune;
import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.domain.Person;
import fr.maillage.directory.domain.Place;
import fr.maillage.directory.domain.Standard;
import fr.maillage.directory.events.Snapshots;
import fr.maillage.directory.events.Snapshots.PersonData;
import fr.maillage.directory.events.Snapshots.PlaceData;
import fr.maillage.platform.events.Outbox;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class PlaceService {
    private final Outbox outbox;
    private final CommuneService communes;
    private final DirectoryConfig config;
    private final Caller caller;
    private final VersionSequences versions;

    PlaceService(Outbox outbox, CommuneService communes, DirectoryConfig config, Caller caller, VersionSequences versions) {
        this.outbox = outbox;
        this.communes = communes;
        this.config = config;
        this.caller = caller;
        this.versions = versions;
    }

    @Transactional
    public Place create(PlaceCommand request) {
        return put(UUID.randomUUID(), request, null).entity();
    }

    /**
     * Create-or-replace through the API. A partner application writes the places of its own partner only: it
     * can neither create a place for another partner, nor change one, nor move one of its places to another.
     */
    @Transactional
    public Written<Place> put(UUID id, PlaceCommand request, Long ifMatch) {
        Place existing = Place.findById(id);
        if (existing != null) {
            caller.requireActsFor("de la structure " + existing.partnerId + ", qui porte le lieu " + id, existing.partnerId);
        }
        if (request.partnerId() != null) {
            caller.requireActsFor("de la structure " + request.partnerId(), request.partnerId());
        }
        Checks checks = new Checks();
        Place desired = validate(request, checks);
        checks.throwIfAny();
        return write(id, desired, ifMatch);
    }

    /**
     * Stores a validated place under {@code id}, in the caller's transaction; emits PlaceUpserted only when
     * something changed (so replays and re-imports are silent).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Written<Place> write(UUID id, Place desired, Long ifMatch) {
        Place place = Place.findById(id);
        boolean created = place == null;
        if (created) {
            if (ifMatch != null) {
                throw Problem.notFound("id", "Aucun lieu avec l'identifiant " + id + " : impossible de vérifier If-Match");
            }
            place = desired;
            place.id = id;
            place.createdAt = OffsetDateTime.now();
            place.updatedAt = place.createdAt;
            // after a deletion of the same id (API or re-import), the version goes on from the deleted one's
            place.version = versions.initialVersion(VersionSequences.Kind.PLACE, id);
            place.persistAndFlush();
        } else {
            VersionGuard.check(place.version, ifMatch, "le lieu");
            // every stored field counts (exports show more than the event), hence the full view
            PlaceView before = PlaceView.of(place, null, null);
            copy(desired, place);
            if (before.equals(PlaceView.of(place, null, null))) {
                return new Written<>(place, false);
            }
            place.updatedAt = OffsetDateTime.now();
            Place.flush();
        }
        record(place, false, place.version);
        return new Written<>(place, created);
    }

    @Transactional
    public void delete(UUID id, Long ifMatch) {
        Place place = Place.findById(id);
        if (place == null) {
            throw Problem.notFound("id", "Aucun lieu avec l'identifiant " + id);
        }
        caller.requireActsFor("de la structure " + place.partnerId + ", qui porte le lieu " + id, place.partnerId);
        VersionGuard.check(place.version, ifMatch, "le lieu");
        // people who staffed this place no longer do: their snapshots change too
        List<Person> staff = Person.find("array_contains(placeIds, ?1)", id).list();
        for (Person person : staff) {
            person.placeIds = new ArrayList<>(person.placeIds.stream().filter(p -> !p.equals(id)).toList());
            person.updatedAt = OffsetDateTime.now();
        }
        Person.flush();
        for (Person person : staff) {
            outbox.record(Snapshots.PEOPLE, "PersonUpserted", person.id.toString(), person.version, PersonData.of(person, false));
        }
        long version = place.version + 1;
        record(place, true, version);
        place.delete();
        versions.deleted(VersionSequences.Kind.PLACE, id, version);
    }

    void record(Place place, boolean deleted, long version) {
        Commune commune = communes.find(place.inseeCode);
        outbox.record(Snapshots.PLACES, deleted ? "PlaceDeleted" : "PlaceUpserted", place.id.toString(), version,
                PlaceData.of(place, commune == null ? null : commune.nom, deleted));
    }

    private static void copy(Place from, Place to) {
        to.partnerId = from.partnerId;
        if (from.sourceId != null) {
            to.sourceId = from.sourceId;
        }
        to.name = from.name;
        to.street = from.street;
        to.complement = from.complement;
        to.postalCode = from.postalCode;
        to.inseeCode = from.inseeCode;
        to.latitude = from.latitude;
        to.longitude = from.longitude;
        to.openingHours = from.openingHours;
        to.phone = from.phone;
        to.email = from.email;
        to.website = from.website;
        to.presentation = from.presentation;
        to.typologies = from.typologies;
        to.services = from.services;
        to.publics = from.publics;
        to.priseEnCharge = from.priseEnCharge;
        to.frais = from.frais;
        to.programmes = from.programmes;
        to.formationsLabels = from.formationsLabels;
        to.modalitesAcces = from.modalitesAcces;
        to.modalitesAccompagnement = from.modalitesAccompagnement;
        to.itinerance = from.itinerance;
        to.acceslibreUrl = from.acceslibreUrl;
        to.priseRdvUrl = from.priseRdvUrl;
        to.dateMaj = from.dateMaj;
        to.servedEpci = from.servedEpci;
        to.servedCommunes = from.servedCommunes;
    }

    /**
     * Every rule a place must follow, shared by the REST API and the importer. Problems are added to
     * {@code checks} with the JSON field path; faulty optional values are left out of the result.
     */
    public Place validate(PlaceCommand r, Checks checks) {
        Place p = new Place();
        p.partnerId = r.partnerId();
        if (r.partnerId() == null) {
            checks.add("partnerId", "la structure porteuse (partnerId) est obligatoire");
        } else if (Partner.findById(r.partnerId()) == null) {
            checks.add("partnerId", "aucune structure avec l'identifiant " + r.partnerId() + " : créez-la d'abord");
        }
        p.name = checks.required("name", r.name(), 200, "le nom du lieu");
        PlaceCommand.Address a = r.address();
        Commune commune = null;
        if (a == null) {
            checks.add("address", "l'adresse est obligatoire");
        } else {
            p.street = checks.required("address.street", a.street(), 300, "la voie (numéro et nom de rue)");
            p.complement = checks.optional("address.complement", a.complement(), 300);
            p.postalCode = checks.postalCode("address.postalCode", a.postalCode());
            if (a.inseeCode() == null || a.inseeCode().isBlank()) {
                checks.add("address.inseeCode", "le code INSEE de la commune est obligatoire");
            } else if (!a.inseeCode().strip().toUpperCase().matches("(\\d{2}|2[AB])\\d{3}")) {
                checks.add("address.inseeCode", "le code INSEE doit comporter 5 caractères (ex. 35243, 2A004), reçu « " + a.inseeCode() + " »");
            } else {
                commune = communes.find(a.inseeCode().strip());
                if (commune == null) {
                    checks.add("address.inseeCode", "aucune commune actuelle n'a le code INSEE « " + a.inseeCode().strip() + " »");
                } else {
                    p.inseeCode = commune.codeInsee;
                    if (p.postalCode != null && commune.codesPostaux != null && !commune.codesPostaux.isEmpty()
                            && !commune.codesPostaux.contains(p.postalCode)) {
                        checks.add("address.postalCode", "le code postal " + p.postalCode + " ne correspond pas à " + commune.nom
                                + " (codes postaux : " + String.join(", ", commune.codesPostaux) + ")");
                        p.postalCode = null;
                    }
                }
            }
        }
        p.latitude = checks.coordinate("latitude", r.latitude(), 90);
        p.longitude = checks.coordinate("longitude", r.longitude(), 180);
        if ((p.latitude == null) != (p.longitude == null) && checks.ok()) {
            checks.add(p.latitude == null ? "latitude" : "longitude", "latitude et longitude vont ensemble : donnez les deux ou aucune");
        }
        if (p.latitude != null && p.longitude != null && commune != null) {
            Double km = communes.distanceFromCentreKm(commune, p.latitude, p.longitude);
            if (km != null && km > config.search().maxDistanceFromCommuneKm()) {
                checks.add("latitude", String.format(java.util.Locale.FRANCE,
                        "les coordonnées (%.5f, %.5f) sont à %.0f km du centre de %s : vérifiez-les (inversion latitude/longitude ?)",
                        p.latitude, p.longitude, km, commune.nom));
                p.latitude = null;
                p.longitude = null;
            }
        }
        if (p.latitude == null || p.longitude == null) {
            p.latitude = null;
            p.longitude = null;
        }
        p.openingHours = checks.openingHours("openingHours", r.openingHours());
        p.phone = checks.phone("phone", r.phone());
        p.email = checks.email("email", r.email());
        p.website = checks.url("website", r.website());
        p.presentation = checks.optional("presentation", r.presentation(), 2000);
        p.typologies = checks.enumeration("typologies", r.typologies(), Standard.TYPOLOGIES);
        p.services = checks.enumeration("services", r.services(), Standard.SERVICES);
        if (p.services.isEmpty() && (r.services() == null || r.services().stream().allMatch(s -> s == null || s.isBlank()))) {
            checks.add("services", "au moins un service du standard est obligatoire ; valeurs admises : "
                    + String.join(" | ", Standard.SERVICES));
        }
        p.publics = checks.enumeration("publics", r.publics(), Standard.PUBLICS);
        p.priseEnCharge = checks.enumeration("priseEnCharge", r.priseEnCharge(), Standard.PRISE_EN_CHARGE);
        p.frais = checks.enumeration("frais", r.frais(), Standard.FRAIS);
        p.programmes = checks.enumeration("programmes", r.programmes(), Standard.PROGRAMMES);
        p.formationsLabels = checks.enumeration("formationsLabels", r.formationsLabels(), Standard.FORMATIONS_LABELS);
        p.modalitesAcces = checks.enumeration("modalitesAcces", r.modalitesAcces(), Standard.MODALITES_ACCES);
        p.modalitesAccompagnement = checks.enumeration("modalitesAccompagnement", r.modalitesAccompagnement(),
                Standard.MODALITES_ACCOMPAGNEMENT);
        p.itinerance = checks.oneOf("itinerance", r.itinerance(), Standard.ITINERANCE, "Fixe");
        p.acceslibreUrl = checks.url("acceslibreUrl", r.acceslibreUrl());
        p.priseRdvUrl = checks.url("priseRdvUrl", r.priseRdvUrl());
        p.dateMaj = checks.dateMaj("dateMaj", r.dateMaj());
        servedCommunes(r, p, checks);
        return p;
    }

    private void servedCommunes(PlaceCommand r, Place p, Checks checks) {
        Set<String> served = new LinkedHashSet<>();
        if (r.servedCommunes() != null) {
            List<String> codes = r.servedCommunes().stream().filter(c -> c != null && !c.isBlank())
                    .map(c -> c.strip().toUpperCase()).distinct().toList();
            if (codes.size() > 2000) {
                checks.add("servedCommunes", "au plus 2000 communes desservies (reçu " + codes.size() + ")");
                codes = List.of();
            }
            List<String> unknown = communes.unknown(codes);
            if (!unknown.isEmpty()) {
                checks.add("servedCommunes", "codes INSEE inconnus : " + String.join(", ", unknown));
            }
            codes.stream().filter(c -> !unknown.contains(c)).forEach(served::add);
        }
        if (r.servedEpci() != null && !r.servedEpci().isBlank()) {
            String epci = r.servedEpci().strip();
            List<String> members = epci.matches("\\d{9}") ? communes.membersOfEpci(epci) : List.of();
            if (members.isEmpty()) {
                checks.add("servedEpci", "aucun EPCI avec le SIREN « " + epci + " » (9 chiffres, ex. 200072999)");
            } else {
                p.servedEpci = epci;
                served.addAll(members);
            }
        }
        // the place's own commune is always served: consumers then need one list, not two fields
        if (p.inseeCode != null) {
            served.add(p.inseeCode);
        }
        p.servedCommunes = new ArrayList<>(served);
    }
}
