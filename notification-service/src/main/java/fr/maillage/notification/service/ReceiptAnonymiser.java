package fr.maillage.notification.service;

import org.jboss.logging.Logger;

import fr.maillage.notification.config.NotificationConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Receipts keep personal data for {@code maillage.notification.retention} (default 6 months), then lose it. */
@ApplicationScoped
public class ReceiptAnonymiser {
    private static final Logger LOG = Logger.getLogger(ReceiptAnonymiser.class);

    private final NotificationStore store;
    private final NotificationConfig config;
    private final AppClock clock;
    private final BookingContacts contacts;

    ReceiptAnonymiser(NotificationStore store, NotificationConfig config, AppClock clock, BookingContacts contacts) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.contacts = contacts;
    }

    @Scheduled(every = "${maillage.notification.anonymise-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        anonymiseExpired();
    }

    public int anonymiseExpired() {
        int n = QuarkusTransaction.requiringNew()
                .call(() -> store.anonymise(null, null, clock.now().minus(config.retention())));
        if (n > 0) {
            LOG.infof("%d notification receipts anonymised", n);
        }
        int contactsPurged = contacts.purge(clock.now().minus(config.retention()));
        if (contactsPurged > 0) {
            LOG.infof("%d booking contacts without news for %s forgotten", contactsPurged, config.retention());
        }
        return n;
    }
}
