package fr.maillage.booking.config;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Says so at start-up when the packaged service runs with the development key of the contact hashes (the default of
 * application.properties, public in git): anyone could then link a phone number or an e-mail address to its hash.
 * Kubernetes reads CONTACT_HASH_KEY from the maillage-booking Secret (deploy/README.md).
 */
@ApplicationScoped
class DevelopmentSecrets {
    static final String DEVELOPMENT_CONTACT_HASH_KEY = "maillage-dev-contact-key-change-me";
    private static final Logger LOG = Logger.getLogger(DevelopmentSecrets.class);

    void check(@Observes StartupEvent started, BookingConfig config) {
        if (LaunchMode.current() == LaunchMode.NORMAL && DEVELOPMENT_CONTACT_HASH_KEY.equals(config.contactHashKey())) {
            LOG.warn("CONTACT_HASH_KEY (maillage.contact-hash-key) is the development key, known to everyone: set a secret"
                    + " of your own before storing real bookings (and keep it: changing it breaks the one-booking-per-person"
                    + " check of the bookings already stored).");
        }
    }
}
