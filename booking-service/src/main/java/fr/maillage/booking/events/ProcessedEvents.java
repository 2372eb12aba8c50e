package fr.maillage.booking.events;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Remembers consumed event ids so a redelivered event has no second effect. */
@ApplicationScoped
public class ProcessedEvents {
    private final EntityManager em;

    ProcessedEvents(EntityManager em) {
        this.em = em;
    }

    /** @return true the first time this event id is seen (recorded in the caller's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(UUID eventId, String topic) {
        return em.createNativeQuery(
                "INSERT INTO processed_event (event_id, topic) VALUES (:id, :topic) ON CONFLICT DO NOTHING")
                .setParameter("id", eventId).setParameter("topic", topic).executeUpdate() == 1;
    }
}
