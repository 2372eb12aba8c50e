package fr.maillage.notification.service.channel;

import fr.maillage.notification.config.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Chooses the SMS provider: the HTTP API when its URL is configured, the log otherwise. */
@ApplicationScoped
public class SmsProviders {
    private final SmsProvider active;

    SmsProviders(NotificationConfig config, HttpSmsProvider http, LogSmsProvider log) {
        this.active = config.sms().url().filter(u -> !u.isBlank()).isPresent() ? http : log;
    }

    public SmsProvider active() {
        return active;
    }
}
