package fr.maillage.notification.service.channel;

import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import fr.maillage.notification.config.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Voice calls through the provider's HTTP API ({@link VoiceApi}), with the SMS provider's protections: timeout, two quick
 * retries, a circuit breaker; a 4xx (but 408/429) is permanent. The provider queues the call and answers at once; whether
 * the person picked up comes later on the receipts callback ({@code /api/v1/notifications/callbacks/voice}).
 */
@ApplicationScoped
public class HttpVoiceProvider implements VoiceProvider {
    private static final String PROVIDER = "Fournisseur d'appels vocaux";
    private final NotificationConfig config;
    private final ProviderCalls.Client<VoiceApi> api;

    HttpVoiceProvider(NotificationConfig config) {
        this.config = config;
        this.api = new ProviderCalls.Client<>(VoiceApi.class, () -> config.voice().url(), "maillage.notification.voice.url");
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    @Timeout(value = 5, unit = java.time.temporal.ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = SendException.Permanent.class)
    @CircuitBreaker(requestVolumeThreshold = 40, failureRatio = 0.75, delay = 5000, skipOn = SendException.Permanent.class)
    public String send(Call call) {
        String reference = call.reference().toString();
        VoiceApi.CallResponse response = ProviderCalls.send(PROVIDER, () -> api.get().call(authorization(), reference,
                new VoiceApi.CallRequest(call.to(), call.text(), config.voice().language(), 1, reference,
                        config.voice().callbackUrl().filter(u -> !u.isBlank()).orElse(null))));
        return response != null && response.id() != null ? response.id() : reference;
    }

    @Override
    @Timeout(value = 5, unit = java.time.temporal.ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = SendException.Permanent.class)
    public Optional<String> lookup(UUID reference) {
        return ProviderCalls.lookup(PROVIDER, () -> {
            VoiceApi.CallResponse response = api.get().byReference(authorization(), reference.toString());
            return response != null && response.id() != null ? response.id() : reference.toString();
        });
    }

    private String authorization() {
        return config.voice().apiKey().filter(k -> !k.isBlank()).map(k -> "Bearer " + k).orElse(null);
    }
}
