package fr.maillage.directory.service;

import java.time.OffsetDateTime;
import java.util.UUID;

import fr.maillage.directory.api.PartnerRequest;
import fr.maillage.directory.domain.Checks;
import fr.maillage.directory.domain.ConflictException;
import fr.maillage.directory.domain.NotFoundException;
import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.domain.Person;
import fr.maillage.directory.domain.Place;
import fr.maillage.directory.domain.Standard;
import fr.maillage.directory.events.Outbox;
import fr.maillage.directory.events.Snapshots;
import fr.maillage.directory.events.Snapshots.PartnerData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class PartnerService {
    private final Outbox outbox;

    PartnerService(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public Partner create(PartnerRequest request) {
        return put(UUID.randomUUID(), request, null).entity();
    }

    /** Create-or-replace with a client-chosen id; a replace that changes nothing keeps the version and emits nothing. */
    @Transactional
    public Written<Partner> put(UUID id, PartnerRequest request, Long ifMatch) {
        Partner desired = validated(request);
        Partner partner = Partner.findById(id);
        boolean created = partner == null;
        if (created) {
            if (ifMatch != null) {
                throw new NotFoundException("Aucune structure avec l'identifiant " + id + " : impossible de vérifier If-Match");
            }
            partner = desired;
            partner.id = id;
            partner.createdAt = OffsetDateTime.now();
            partner.updatedAt = partner.createdAt;
            partner.persistAndFlush();
        } else {
            VersionGuard.check(partner.version, ifMatch, "la structure");
            PartnerData before = PartnerData.of(partner, false);
            partner.name = desired.name;
            partner.typologies = desired.typologies;
            partner.siret = desired.siret;
            partner.rna = desired.rna;
            partner.programmes = desired.programmes;
            partner.email = desired.email;
            partner.phone = desired.phone;
            partner.website = desired.website;
            if (before.equals(PartnerData.of(partner, false))) {
                return new Written<>(partner, false);
            }
            partner.updatedAt = OffsetDateTime.now();
            Partner.flush();
        }
        outbox.record(Snapshots.PARTNERS, "PartnerUpserted", id.toString(), partner.version, PartnerData.of(partner, false));
        return new Written<>(partner, created);
    }

    @Transactional
    public void delete(UUID id, Long ifMatch) {
        Partner partner = Partner.findById(id);
        if (partner == null) {
            throw new NotFoundException("Aucune structure avec l'identifiant " + id);
        }
        VersionGuard.check(partner.version, ifMatch, "la structure");
        if (Place.count("partnerId", id) > 0) {
            throw new ConflictException("id", "cette structure porte encore des lieux : supprimez-les ou rattachez-les à une autre structure d'abord");
        }
        if (Person.count("partnerId", id) > 0) {
            throw new ConflictException("id", "des personnes sont encore rattachées à cette structure : modifiez-les d'abord");
        }
        PartnerData data = PartnerData.of(partner, true);
        long version = partner.version + 1;
        partner.delete();
        outbox.record(Snapshots.PARTNERS, "PartnerDeleted", id.toString(), version, data);
    }

    static Partner validated(PartnerRequest r) {
        Checks checks = new Checks();
        Partner p = new Partner();
        p.name = checks.required("name", r.name(), 200, "le nom de la structure");
        p.typologies = checks.enumeration("typologies", r.typologies(), Standard.TYPOLOGIES);
        p.siret = checks.siret("siret", r.siret());
        p.rna = checks.rna("rna", r.rna());
        p.programmes = checks.enumeration("programmes", r.programmes(), Standard.PROGRAMMES);
        p.email = checks.email("email", r.email());
        p.phone = checks.phone("phone", r.phone());
        p.website = checks.url("website", r.website());
        checks.throwIfAny();
        return p;
    }
}
