package fr.maillage.notification.events;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The last version applied per booking, shift or person (aggregate_version), in the transaction of the effect: a
 * stale event (older version) changes no message. Kept here rather than in the platform's consumed_version because
 * booking events still reach the partners' webhooks when stale, and the versions applied so far are in this table.
 */
@ApplicationScoped
public class AggregateVersions {
    private final EntityManager em;

    AggregateVersions(EntityManager em) {
        this.em = em;
    }

    /**
     * Records {@code version} as the latest applied for the aggregate.
     * @return false when a newer version was already applied. The same version again (a producer re-publishing) is
     *         applied: every effect is idempotent through dedupe keys.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean newer(String aggregateType, UUID aggregateId, long version) {
        return em.createNativeQuery("""
                INSERT INTO aggregate_version (aggregate_type, aggregate_id, version) VALUES (:t, :id, :v)
                ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET version = excluded.version
                WHERE aggregate_version.version <= excluded.version""")
                .setParameter("t", aggregateType).setParameter("id", aggregateId).setParameter("v", version)
                .executeUpdate() == 1;
    }
}
