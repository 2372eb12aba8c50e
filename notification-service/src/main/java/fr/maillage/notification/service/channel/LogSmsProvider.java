package fr.maillage.notification.service.channel;

import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import fr.maillage.notification.domain.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Local run without an SMS account: the message is written to the log so a newcomer can read it.
 * The number is masked: logs are kept and shared, phone numbers are personal data.
 */
@ApplicationScoped
public class LogSmsProvider implements SmsProvider {
    private static final Logger LOG = Logger.getLogger("fr.maillage.notification.sms");

    @Override
    public String send(Sms sms) {
        LOG.infof("SMS to %s (%d segment%s, ref %s): %s", PhoneNumbers.mask(sms.to()), sms.segments(),
                sms.segments() > 1 ? "s" : "", sms.reference(), sms.text());
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
}
