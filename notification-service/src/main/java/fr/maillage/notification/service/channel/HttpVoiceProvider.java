package fr.maillage.notification.service.channel;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import fr.maillage.notification.config.NotificationConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

/**
 * Voice calls through the provider's HTTP API ({@link VoiceApi}), with the SMS provider's protections: timeout, two quick
 * retries, a circuit breaker; a 4xx (but 408/429) is permanent. The provider queues the call and answers at once; whether
 * the person picked up comes later on the receipts callback ({@code /api/v1/notifications/callbacks/voice}).
 */
@ApplicationScoped
public class HttpVoiceProvider implements VoiceProvider {
    private final NotificationConfig config;
    private volatile VoiceApi api;

    HttpVoiceProvider(NotificationConfig config) {
        this.config = config;
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
        try {
            VoiceApi.CallResponse response = api().call(authorization(), call.reference().toString(),
                    new VoiceApi.CallRequest(call.to(), call.text(), config.voice().language(), 1,
                            call.reference().toString(), config.voice().callbackUrl().filter(u -> !u.isBlank()).orElse(null)));
            return response != null && response.id() != null ? response.id() : call.reference().toString();
        } catch (WebApplicationException e) {
            throw ProviderErrors.classify(e);
        } catch (ProcessingException e) {
            throw new SendException("Fournisseur d'appels vocaux injoignable : " + ProviderErrors.rootMessage(e), false);
        }
    }

    @Override
    @Timeout(value = 5, unit = java.time.temporal.ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = SendException.Permanent.class)
    public Optional<String> lookup(UUID reference) {
        try {
            VoiceApi.CallResponse response = api().byReference(authorization(), reference.toString());
            return Optional.of(response != null && response.id() != null ? response.id() : reference.toString());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw ProviderErrors.classify(e);
        } catch (ProcessingException e) {
            throw new SendException("Fournisseur d'appels vocaux injoignable : " + ProviderErrors.rootMessage(e), false);
        }
    }

    private String authorization() {
        return config.voice().apiKey().filter(k -> !k.isBlank()).map(k -> "Bearer " + k).orElse(null);
    }

    private VoiceApi api() {
        VoiceApi current = api;
        if (current == null) {
            synchronized (this) {
                if (api == null) {
                    String url = config.voice().url().orElseThrow(
                            () -> new SendException("maillage.notification.voice.url absent", true));
                    api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(url))
                            .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS)
                            .build(VoiceApi.class);
                }
                current = api;
            }
        }
        return current;
    }
}
