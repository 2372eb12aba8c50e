package fr.maillage.notification.events;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Remembers consumed event ids, in the transaction of their effect, so a redelivery has no second effect. */
@ApplicationScoped
public class ProcessedEvents {
    private final EntityManager em;

    ProcessedEvents(EntityManager em) {
        this.em = em;
    }

    /** @return true the first time this event id is seen. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(UUID eventId, String topic) {
        return em.createNativeQuery(
                "INSERT INTO processed_event (event_id, topic) VALUES (:id, :topic) ON CONFLICT DO NOTHING")
                .setParameter("id", eventId).setParameter("topic", topic).executeUpdate() == 1;
    }

    /**
     * Records {@code version} as the latest applied for the aggregate.
     * @return false when a newer version was already applied: the event is stale. The same version again
     *         (a producer re-publishing) is applied: every effect is idempotent through dedupe keys.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean newerVersion(String aggregateType, UUID aggregateId, long version) {
        return em.createNativeQuery("""
                INSERT INTO aggregate_version (aggregate_type, aggregate_id, version) VALUES (:t, :id, :v)
                ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET version = excluded.version
                WHERE aggregate_version.version <= excluded.version""")
                .setParameter("t", aggregateType).setParameter("id", aggregateId).setParameter("v", version)
                .executeUpdate() == 1;
    }
}
