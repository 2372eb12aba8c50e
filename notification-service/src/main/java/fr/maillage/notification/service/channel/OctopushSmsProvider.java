package fr.maillage.notification.service.channel;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import fr.maillage.notification.config.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SMS through Octopush ({@link OctopushApi}, {@code SMS_PROVIDER=octopush}), with the protections of
 * {@link HttpSmsProvider}. Each SMS is a one-recipient campaign of type {@code sms_premium} (the type with delivery
 * receipts and a sender name) and purpose {@code alert}: transactional messages (reminders, confirmations) may go at any
 * hour without the « STOP au XXXXX » mention, as Octopush's « SMS transactionnel » page says — our own quiet hours still
 * apply. {@code request_id} is the notification id. Refusals are classified by {@link OctopushErrors}.
 * <p>
 * Octopush documents no look-up by request id, so {@link #lookup} knows nothing: after a crash the worker sends again
 * with the same request id, and Octopush's code 120 tells that it had already accepted it (recorded sent, not sent
 * twice; its ticket is then unknown, so its delivery receipt cannot be matched and the receipt stays « sent »).
 */
@ApplicationScoped
public class OctopushSmsProvider implements SmsProvider {
    static final String PROVIDER = "Fournisseur SMS (Octopush)";
    private final NotificationConfig config;
    private final ProviderCalls.Client<OctopushApi> api;

    OctopushSmsProvider(NotificationConfig config) {
        this.config = config;
        this.api = new ProviderCalls.Client<>(OctopushApi.class, () -> config.sms().url(), "maillage.notification.sms.url");
    }

    @Override
    public String name() {
        return "octopush";
    }

    @Override
    @Timeout(value = 5, unit = java.time.temporal.ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = SendException.Permanent.class)
    @CircuitBreaker(requestVolumeThreshold = 40, failureRatio = 0.75, delay = 5000, skipOn = SendException.Permanent.class)
    public String send(Sms sms) {
        String reference = sms.reference().toString();
        NotificationConfig.Sms settings = config.sms();
        OctopushApi.Sent sent = OctopushErrors.call(PROVIDER, () -> api.get().sendSms(login(settings), key(settings),
                new OctopushApi.SmsCampaign(sms.text(), List.of(new OctopushApi.Recipient(sms.to())),
                        settings.octopushType(), settings.sender(), "alert", null, reference)),
                () -> null);
        return sent != null && sent.ticket() != null ? sent.ticket() : reference;
    }

    @Override
    public Optional<String> lookup(UUID reference) {
        return Optional.empty();
    }

    static String login(NotificationConfig.Sms settings) {
        return settings.apiLogin().filter(s -> !s.isBlank()).orElse(null);
    }

    static String key(NotificationConfig.Sms settings) {
        return settings.apiKey().filter(s -> !s.isBlank()).orElse(null);
    }
}
