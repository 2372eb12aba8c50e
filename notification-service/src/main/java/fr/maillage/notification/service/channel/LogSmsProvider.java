package fr.maillage.notification.service.channel;

import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import fr.maillage.platform.phone.PhoneNumbers;
import fr.maillage.notification.domain.Redaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Development stand-in without an SMS account (never in production: see {@link SmsProviders}): the message is written
 * to the log so a newcomer can read it, with the number, links (self-service link and its token) and any other number
 * or address in the text masked — logs are kept and shared. Nobody receives it, so the worker records it
 * {@code skipped / no_provider}, not {@code sent}.
 */
@ApplicationScoped
public class LogSmsProvider implements SmsProvider {
    private static final Logger LOG = Logger.getLogger("fr.maillage.notification.sms");

    @Override
    public String send(Sms sms) {
        LOG.infof("SMS not sent (no SMS provider, development log) to %s (%d segment%s, ref %s): %s",
                PhoneNumbers.mask(sms.to()), sms.segments(), sms.segments() > 1 ? "s" : "", sms.reference(),
                Redaction.redact(sms.text()));
        return "log-" + sms.reference();
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
