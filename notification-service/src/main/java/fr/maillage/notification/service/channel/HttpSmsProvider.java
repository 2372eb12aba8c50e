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
 * SMS through an HTTP API. Timeout, a couple of quick retries for transient faults, and a circuit
 * breaker so a provider outage does not hold every worker thread; the worker's own backoff takes over
 * after that. A 4xx (except 408/429) is the provider refusing the message: permanent, not retried.
 * (Annotation values can be tuned per deployment with MicroProfile Fault Tolerance config keys.)
 */
@ApplicationScoped
public class HttpSmsProvider implements SmsProvider {
    private final NotificationConfig config;
    private volatile SmsApi api;

    HttpSmsProvider(NotificationConfig config) {
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
    public String send(Sms sms) {
        try {
            SmsApi.SendResponse response = api().send(authorization(), sms.reference().toString(),
                    new SmsApi.SendRequest(config.sms().sender(), sms.to(), sms.text(), sms.reference().toString()));
            return response != null && response.id() != null ? response.id() : sms.reference().toString();
        } catch (WebApplicationException e) {
            throw ProviderErrors.classify(e);
        } catch (ProcessingException e) {
            throw new SendException("Fournisseur SMS injoignable : " + ProviderErrors.rootMessage(e), false);
        }
    }

    @Override
    @Timeout(value = 5, unit = java.time.temporal.ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = SendException.Permanent.class)
    public Optional<String> lookup(UUID reference) {
        try {
            SmsApi.SendResponse response = api().byReference(authorization(), reference.toString());
            return Optional.of(response != null && response.id() != null ? response.id() : reference.toString());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw ProviderErrors.classify(e);
        } catch (ProcessingException e) {
            throw new SendException("Fournisseur SMS injoignable : " + ProviderErrors.rootMessage(e), false);
        }
    }

    private String authorization() {
        return config.sms().apiKey().map(k -> "Bearer " + k).orElse(null);
    }

    private SmsApi api() {
        SmsApi current = api;
        if (current == null) {
            synchronized (this) {
                if (api == null) {
                    String url = config.sms().url().orElseThrow(() -> new SendException("maillage.notification.sms.url absent", true));
                    api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(url))
                            .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS)
                            .build(SmsApi.class);
                }
                current = api;
            }
        }
        return current;
    }
}
