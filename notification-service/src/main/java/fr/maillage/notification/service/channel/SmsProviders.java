package fr.maillage.notification.service.channel;

import org.jboss.logging.Logger;

import fr.maillage.notification.config.NotificationConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Chooses the SMS provider: the HTTP API when its URL is configured — Octopush's when {@code SMS_PROVIDER=octopush}, else
 * our generic contract. Without it, the log stand-in, but only in
 * development: quarkus:dev, tests, or a packaged service started with {@code maillage.notification.sms.log-provider=true}
 * (env MAILLAGE_NOTIFICATION_SMS_LOG_PROVIDER). A packaged service (production mode) without SMS_URL and without that
 * switch refuses to start, as it refuses a malformed webhook key: built at start-up ({@link Startup}).
 */
@ApplicationScoped
@Startup
public class SmsProviders {
    private static final Logger LOG = Logger.getLogger(SmsProviders.class);
    static final String MISSING = "maillage.notification.sms.url (env SMS_URL) is empty: in production mode the service needs"
            + " a real SMS provider and does not start without one. For a development run only, set"
            + " MAILLAGE_NOTIFICATION_SMS_LOG_PROVIDER=true (SMS are then written, masked, to the log and recorded skipped).";
    private final SmsProvider active;

    @Inject
    SmsProviders(NotificationConfig config, HttpSmsProvider http, OctopushSmsProvider octopush, LogSmsProvider log) {
        this(config, config.sms().provider() == NotificationConfig.Provider.octopush ? octopush : http, log,
                LaunchMode.current());
    }

    SmsProviders(NotificationConfig config, SmsProvider http, SmsProvider log, LaunchMode mode) {
        boolean configured = config.sms().url().filter(u -> !u.isBlank()).isPresent();
        if (configured) {
            this.active = http;
            return;
        }
        if (mode == LaunchMode.NORMAL && !config.sms().logProvider()) {
            throw new IllegalStateException(MISSING);
        }
        LOG.warn("No SMS provider (SMS_URL empty): development log stand-in, SMS are recorded skipped (no_provider)");
        this.active = log;
    }

    public SmsProvider active() {
        return active;
    }
}
