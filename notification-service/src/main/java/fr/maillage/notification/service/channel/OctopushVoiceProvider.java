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
 * Voice reminders through Octopush's « SMS vocal » ({@code VOICE_PROVIDER=octopush}): the same account, family and
 * receipts as {@link OctopushSmsProvider} (a receipt of channel {@code voice_sms} on the same callback). One recipient
 * per campaign, type {@code voice_sms}, purpose {@code alert}, the configured language ({@code fr-FR}) and voice;
 * {@code request_id} is the notification id (code 120 after a crash: already accepted). The text already says the
 * message twice. Credentials: VOICE_API_LOGIN/VOICE_API_KEY, else the SMS account's.
 */
@ApplicationScoped
public class OctopushVoiceProvider implements VoiceProvider {
    static final String PROVIDER = "Fournisseur d'appels vocaux (Octopush)";
    private final NotificationConfig config;
    private final ProviderCalls.Client<OctopushApi> api;

    OctopushVoiceProvider(NotificationConfig config) {
        this.config = config;
        this.api = new ProviderCalls.Client<>(OctopushApi.class, () -> config.voice().url(), "maillage.notification.voice.url");
    }

    @Override
    public String name() {
        return "octopush";
    }

    @Override
    @Timeout(value = 5, unit = java.time.temporal.ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = SendException.Permanent.class)
    @CircuitBreaker(requestVolumeThreshold = 40, failureRatio = 0.75, delay = 5000, skipOn = SendException.Permanent.class)
    public String send(Call call) {
        String reference = call.reference().toString();
        NotificationConfig.Voice voice = config.voice();
        String login = voice.apiLogin().filter(s -> !s.isBlank()).orElseGet(() -> OctopushSmsProvider.login(config.sms()));
        String key = voice.apiKey().filter(s -> !s.isBlank()).orElseGet(() -> OctopushSmsProvider.key(config.sms()));
        OctopushApi.Sent sent = OctopushErrors.call(PROVIDER, () -> api.get().sendVoice(login, key,
                new OctopushApi.VoiceCampaign(call.text(), List.of(new OctopushApi.Recipient(call.to())), "voice_sms",
                        config.sms().sender(), "alert", voice.gender(), voice.language(), reference)),
                () -> null);
        return sent != null && sent.ticket() != null ? sent.ticket() : reference;
    }

    @Override
    public Optional<String> lookup(UUID reference) {
        return Optional.empty();
    }
}
