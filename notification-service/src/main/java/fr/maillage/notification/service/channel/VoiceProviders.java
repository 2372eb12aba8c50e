package fr.maillage.notification.service.channel;

import org.jboss.logging.Logger;

import fr.maillage.notification.config.NotificationConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Chooses the voice provider: the HTTP API when VOICE_URL is set (Octopush's « SMS vocal » when
 * {@code VOICE_PROVIDER=octopush}, else our generic contract), else the log stand-in. Unlike SMS (issue 16, item 15)
 * a missing VOICE_URL does not stop the start-up: voice calls are an extra channel a territory may not have contracted,
 * and SMS and e-mail must go on; the warning names the setting and every call is then recorded
 * {@code skipped / no_provider} on its receipt (never {@code sent}), which the desk sees.
 */
@ApplicationScoped
@Startup
public class VoiceProviders {
    private static final Logger LOG = Logger.getLogger(VoiceProviders.class);
    private final VoiceProvider active;

    @Inject
    VoiceProviders(NotificationConfig config, HttpVoiceProvider http, OctopushVoiceProvider octopush, LogVoiceProvider log) {
        this(config, config.voice().provider() == NotificationConfig.Provider.octopush ? octopush : http, log);
    }

    VoiceProviders(NotificationConfig config, VoiceProvider http, VoiceProvider log) {
        if (config.voice().url().filter(u -> !u.isBlank()).isPresent()) {
            this.active = http;
        } else {
            LOG.warn("No voice provider (maillage.notification.voice.url, env VOICE_URL, is empty): voice reminders of"
                    + " landline bookings are written, masked, to the log and recorded skipped (no_provider)");
            this.active = log;
        }
    }

    public VoiceProvider active() {
        return active;
    }
}
