package fr.maillage.directory.service;

import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.domain.Person;
import fr.maillage.directory.domain.Place;
import fr.maillage.platform.events.Outbox;
import fr.maillage.directory.events.Snapshots;
import fr.maillage.directory.events.Snapshots.PartnerData;
import fr.maillage.directory.events.Snapshots.PersonData;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Republishes the entities listed in {@code version_repair} (migration V6): ids deleted then re-created
 * before {@link VersionSequences} existed, whose versions started again from 0 and which consumers still
 * hold as deleted. Each one moves to the highest version ever published for its id + 1 (its ETag too), with
 * a *Upserted event carrying its current snapshot, in one transaction with the removal of its row; so the
 * work is done once, and an empty table costs one query per start. Replicas starting together take turns on
 * a transaction-scoped advisory lock; the second finds nothing left. Runs after the communes are loaded
 * (place snapshots name the commune).
 */
@ApplicationScoped
public class VersionRepair {
    private static final Logger LOG = Logger.getLogger(VersionRepair.class);

    private final EntityManager em;
    private final Outbox outbox;
    private final PlaceService places;

    VersionRepair(EntityManager em, Outbox outbox, PlaceService places) {
        this.em = em;
        this.outbox = outbox;
        this.places = places;
    }

    void onStart(@Observes @Priority(3000) StartupEvent event) {
        try {
            int repaired = repair();
            if (repaired > 0) {
                LOG.infof("%d re-created partners, places or people republished with a version above their deletion's", repaired);
            }
        } catch (RuntimeException e) {
            // the rows stay: the next start tries again; the service itself works meanwhile
            LOG.errorf(e, "Republishing re-created partners, places or people failed, will retry at next start");
        }
    }

    /** Repairs every listed entity; returns how many were republished. */
    @Transactional
    @SuppressWarnings("unchecked")
    public int repair() {
        if (((Number) em.createNativeQuery("SELECT count(*) FROM version_repair").getSingleResult()).longValue() == 0) {
            return 0;
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('directory-version-repair'))").getSingleResult();
        List<Object[]> rows = em.createNativeQuery("SELECT kind, id, version FROM version_repair ORDER BY kind, id").getResultList();
        int repaired = 0;
        for (Object[] row : rows) {
            VersionSequences.Kind kind = VersionSequences.Kind.of((String) row[0]);
            UUID id = (UUID) row[1];
            long version = ((Number) row[2]).longValue() + 1;
            // the table name comes from the enum, never from input; the version only grows
            int updated = em.createNativeQuery("UPDATE " + kind.column + " SET version = :version, updated_at = now() "
                    + "WHERE id = :id AND version < :version")
                    .setParameter("version", version).setParameter("id", id).executeUpdate();
            if (updated == 1) {
                publish(kind, id, version);
                repaired++;
            }
            em.createNativeQuery("DELETE FROM version_repair WHERE kind = :kind AND id = :id")
                    .setParameter("kind", kind.column).setParameter("id", id).executeUpdate();
        }
        return repaired;
    }

    private void publish(VersionSequences.Kind kind, UUID id, long version) {
        switch (kind) {
            case PARTNER -> {
                Partner partner = Partner.findById(id);
                outbox.record(Snapshots.PARTNERS, "PartnerUpserted", id.toString(), version, PartnerData.of(partner, false));
            }
            case PLACE -> places.record(Place.findById(id), false, version);
            case PERSON -> {
                Person person = Person.findById(id);
                outbox.record(Snapshots.PEOPLE, "PersonUpserted", id.toString(), version, PersonData.of(person, false));
            }
        }
    }
}
