package fr.maillage.web.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the public API answers through the gateway (web has nothing to show without it). */
@Readiness
@ApplicationScoped
public class ApiReadiness implements HealthCheck {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @ConfigProperty(name = "maillage.web.api-url")
    String apiUrl;

    @Override
    public HealthCheckResponse call() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl.replaceAll("/+$", "") + "/api/v1/offers/themes"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return HealthCheckResponse.named("public API").status(r.statusCode() == 200).withData("status", r.statusCode()).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return HealthCheckResponse.named("public API").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
