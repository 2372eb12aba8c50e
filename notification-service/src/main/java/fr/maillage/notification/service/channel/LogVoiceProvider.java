package fr.maillage.notification.service.channel;

import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import fr.maillage.platform.phone.PhoneNumbers;
import fr.maillage.notification.domain.Redaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stand-in when no voice provider is configured (VOICE_URL empty): the call's text goes to the log with the number and
 * any number, address or link in it masked; nobody is called, so the worker records it {@code skipped / no_provider}.
 */
@ApplicationScoped
public class LogVoiceProvider implements VoiceProvider {
    private static final Logger LOG = Logger.getLogger("fr.maillage.notification.voice");

    @Override
    public String send(Call call) {
        LOG.infof("Voice call not placed (no voice provider, VOICE_URL empty) to %s (ref %s): %s",
                PhoneNumbers.mask(call.to()), call.reference(), Redaction.redact(call.text()));
        return "log-" + call.reference();
    }

    @Override
    public Optional<String> lookup(UUID reference) {
        return Optional.empty();
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public boolean delivers() {
        return false;
    }
}
