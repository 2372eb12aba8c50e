package fr.maillage.offers.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import fr.maillage.offers.domain.Offer;
import fr.maillage.offers.domain.OfferStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * Moves the planned window forward: published offers whose sessions are planned less than a day short of
 * their window get re-planned, one offer per transaction (a failing offer does not stop the others).
 */
@ApplicationScoped
public class RollingPlanner {
    private static final Logger LOG = Logger.getLogger(RollingPlanner.class);

    private final EntityManager em;
    private final PlanningService planning;

    RollingPlanner(EntityManager em, PlanningService planning) {
        this.em = em;
        this.planning = planning;
    }

    @Scheduled(cron = "${maillage.planning.rolling-cron:0 15 3 * * ?}", timeZone = "Europe/Paris",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int n = extend();
        LOG.infof("Rolling planner extended %d offers", n);
    }

    /** @return the number of offers re-planned */
    public int extend() {
        Instant now = Instant.now();
        // The window depends on the offer's max delay; anything planned less than window - 1 day is due.
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "SELECT o.id FROM Offer o WHERE o.status = :s AND (o.plannedUntil IS NULL OR o.plannedUntil < :limit)", UUID.class)
                .setParameter("s", OfferStatus.PUBLISHED.code())
                .setParameter("limit", planning.windowEnd(now, 0).minus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))
                .getResultList());
        int done = 0;
        for (UUID id : due) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    Offer offer = em.find(Offer.class, id, LockModeType.PESSIMISTIC_WRITE);
                    if (offer != null && offer.statusEnum() == OfferStatus.PUBLISHED) {
                        planning.replan(offer, OfferService.REASON_SCHEDULE);
                    }
                });
                done++;
            } catch (RuntimeException e) {
                // the class only: a message may quote request or database values
                LOG.warnf("Rolling planning of offer %s failed, retried next run: %s", id, e.getClass().getName());
            }
        }
        return done;
    }

}
