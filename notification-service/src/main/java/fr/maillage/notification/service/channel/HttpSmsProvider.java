package fr.maillage.notification.service.channel;

import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import fr.maillage.notification.config.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SMS through an HTTP API. Timeout, a couple of quick retries for transient faults, and a circuit
 * breaker so a provider outage does not hold every worker thread; the worker's own backoff takes over
 * after that. A 4xx (except 408/429) is the provider refusing the message: permanent, not retried.
 * (Annotation values can be tuned per deployment with MicroProfile Fault Tolerance config keys.)
 */
@ApplicationScoped
public class HttpSmsProvider implements SmsProvider {
    private static final String PROVIDER = "Fournisseur SMS";
    private final NotificationConfig config;
    private final ProviderCalls.Client<SmsApi> api;

    HttpSmsProvider(NotificationConfig config) {
        this.config = config;
        this.api = new ProviderCalls.Client<>(SmsApi.class, () -> config.sms().url(), "maillage.notification.sms.url");
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    @Timeout(value = 5, unit = java.time.temporal.ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = SendException.Permanent.class)
    @CircuitBreaker(requestVolumeThreshold = 40, failureRatio = 0.75, delay = 5000, skipOn = SendException.Permanent.class)
    public String send(Sms sms) {
        String reference = sms.reference().toString();
        SmsApi.SendResponse response = ProviderCalls.send(PROVIDER, () -> api.get().send(authorization(), reference,
                new SmsApi.SendRequest(config.sms().sender(), sms.to(), sms.text(), reference)));
        return response != null && response.id() != null ? response.id() : reference;
    }

    @Override
    @Timeout(value = 5, unit = java.time.temporal.ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = SendException.Permanent.class)
    public Optional<String> lookup(UUID reference) {
        return ProviderCalls.lookup(PROVIDER, () -> {
            SmsApi.SendResponse response = api.get().byReference(authorization(), reference.toString());
            return response != null && response.id() != null ? response.id() : reference.toString();
        });
    }

    private String authorization() {
        return config.sms().apiKey().map(k -> "Bearer " + k).orElse(null);
    }
}
