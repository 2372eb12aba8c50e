package fr.maillage.notification.service.channel;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import fr.maillage.notification.config.NotificationConfig;
import fr.maillage.notification.domain.Redaction;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

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
            throw classify(e);
        } catch (ProcessingException e) {
            throw new SendException("Fournisseur SMS injoignable : " + rootMessage(e), false);
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
            throw classify(e);
        } catch (ProcessingException e) {
            throw new SendException("Fournisseur SMS injoignable : " + rootMessage(e), false);
        }
    }

    private static SendException classify(WebApplicationException e) {
        Response r = e.getResponse();
        int status = r.getStatus();
        String body = "";
        try {
            body = r.hasEntity() ? r.readEntity(String.class) : "";
        } catch (RuntimeException ignored) {
            // the status alone is enough to classify
        }
        // the provider may echo the number or the text: masked before it is logged or shown on a receipt
        String message = "HTTP " + status + (body.isBlank() ? "" : " : " + truncate(Redaction.redact(body)));
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new SendException.Permanent(message);
        }
        return new SendException(message, false);
    }

    private static String truncate(String s) {
        return s.length() > 300 ? s.substring(0, 300) : s;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return Redaction.describe(t);
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
