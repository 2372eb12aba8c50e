package fr.maillage.platform.events;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Purges what the messaging plumbing no longer needs: published outbox rows (their payloads may hold personal data)
 * and old processed_event rows. Run by the relay's thread every maillage.outbox.purge-every.
 */
@ApplicationScoped
public class Housekeeping {
    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final EntityManager em;
    private final ConsumerConfig consumers;

    Housekeeping(EntityManager em, ConsumerConfig consumers) {
        this.em = em;
        this.consumers = consumers;
    }

    public void purge(Duration outboxRetention) {
        try {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            int outbox = QuarkusTransaction.requiringNew().call(() -> em
                    .createNativeQuery("DELETE FROM outbox_event WHERE published_at < :limit")
                    .setParameter("limit", now.minus(outboxRetention)).executeUpdate());
            int processed = QuarkusTransaction.requiringNew().call(() -> em
                    .createNativeQuery("DELETE FROM processed_event WHERE processed_at < :limit")
                    .setParameter("limit", now.minus(consumers.processedRetention())).executeUpdate());
            if (outbox + processed > 0) {
                LOG.debugf("Purged %d published outbox rows and %d processed event ids", outbox, processed);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Purge postponed: %s", e.getClass().getSimpleName());
        }
    }
}
