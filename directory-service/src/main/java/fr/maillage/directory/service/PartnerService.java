package fr.maillage.directory.service;

import java.time.OffsetDateTime;
import java.util.UUID;

import fr.maillage.directory.domain.Checks;
import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.domain.Person;
import fr.maillage.directory.domain.Place;
import fr.maillage.directory.domain.Standard;
import fr.maillage.directory.events.Snapshots;
import fr.maillage.directory.events.Snapshots.PartnerData;
import fr.maillage.platform.events.Outbox;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class PartnerService {
    private final Outbox outbox;
    private final jakarta.persistence.EntityManager em;
    private final Caller caller;
    private final VersionSequences versions;

    PartnerService(Outbox outbox, jakarta.persistence.EntityManager em, Caller caller, VersionSequences versions) {
        this.outbox = outbox;
        this.em = em;
        this.caller = caller;
        this.versions = versions;
    }

    @Transactional
    public Partner create(PartnerCommand request) {
        if (!caller.isAdmin()) {
            throw Problem.forbidden("créer une structure est réservé à l'administrateur du territoire (rôle admin)");
        }
        return put(UUID.randomUUID(), request, null).entity();
    }

    /**
     * Create-or-replace with a client-chosen id; a replace that changes nothing keeps the version and emits nothing.
     * A partner application may replace its own partner only; creating partners is the administrator's job.
     */
    @Transactional
    public Written<Partner> put(UUID id, PartnerCommand request, Long ifMatch) {
        Partner partner = Partner.findById(id);
        if (!caller.isAdmin()) {
            caller.requireActsFor("de la structure " + id, id);
            if (partner == null) {
                throw Problem.forbidden("impossible de créer la structure " + id
                        + " : créer une structure est réservé à l'administrateur du territoire (rôle admin)");
            }
        }
        Partner desired = validated(request);
        boolean created = partner == null;
        if (created) {
            if (ifMatch != null) {
                throw Problem.notFound("id", "Aucune structure avec l'identifiant " + id + " : impossible de vérifier If-Match");
            }
            partner = desired;
            partner.id = id;
            partner.createdAt = OffsetDateTime.now();
            partner.updatedAt = partner.createdAt;
            // after a deletion of the same id, the version goes on from the deleted one's (see VersionSequences)
            partner.version = versions.initialVersion(VersionSequences.Kind.PARTNER, id);
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
        if (!caller.isAdmin()) {
            throw Problem.forbidden("supprimer une structure est réservé à l'administrateur du territoire (rôle admin)");
        }
        Partner partner = Partner.findById(id);
        if (partner == null) {
            throw Problem.notFound("id", "Aucune structure avec l'identifiant " + id);
        }
        VersionGuard.check(partner.version, ifMatch, "la structure");
        if (Place.count("partnerId", id) > 0) {
            throw Problem.conflict("id", "cette structure porte encore des lieux : supprimez-les ou rattachez-les à une autre structure d'abord");
        }
        if (Person.count("partnerId", id) > 0) {
            throw Problem.conflict("id", "des personnes sont encore rattachées à cette structure : modifiez-les d'abord");
        }
        PartnerData data = PartnerData.of(partner, true);
        long version = partner.version + 1;
        partner.delete();
        versions.deleted(VersionSequences.Kind.PARTNER, id, version);
        outbox.record(Snapshots.PARTNERS, "PartnerDeleted", id.toString(), version, data);
    }

    public record Found(java.util.List<Partner> partners, long total) {
    }

    /** Partners by name fragment, typology and programme (array filters served by native SQL on text[]). */
    @SuppressWarnings("unchecked")
    public Found list(String q, String typologie, String programme, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE true");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (q != null && q.length() > 100) {
            throw Problem.badRequest("q", "la recherche ne doit pas dépasser 100 caractères");
        }
        if (q != null && !q.isBlank()) {
            // the fragment is matched literally: % and _ are not wildcards
            where.append(" AND directory_fold(name) LIKE '%' || directory_fold(:q) || '%'");
            params.put("q", Like.literal(q.strip()));
        }
        if (typologie != null && !typologie.isBlank()) {
            where.append(" AND typologies @> ARRAY[CAST(:t AS text)]");
            params.put("t", typologie.strip());
        }
        if (programme != null && !programme.isBlank()) {
            where.append(" AND programmes @> ARRAY[CAST(:p AS text)]");
            params.put("p", programme.strip());
        }
        var rows = em.createNativeQuery("SELECT * FROM partner" + where + " ORDER BY name, id LIMIT :limit OFFSET :offset",
                Partner.class);
        var count = em.createNativeQuery("SELECT count(*) FROM partner" + where);
        params.forEach((k, v) -> {
            rows.setParameter(k, v);
            count.setParameter(k, v);
        });
        rows.setParameter("limit", limit).setParameter("offset", offset);
        return new Found(rows.getResultList(), ((Number) count.getSingleResult()).longValue());
    }

    static Partner validated(PartnerCommand r) {
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
