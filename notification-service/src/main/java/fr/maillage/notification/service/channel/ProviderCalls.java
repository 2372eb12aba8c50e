package fr.maillage.notification.service.channel;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

/**
 * What the HTTP providers (SMS, voice) do alike: the REST client built on first use from the configured URL, a call whose
 * refusal or outage becomes a {@link SendException} (classified and masked by {@link ProviderErrors}), and the lookup by
 * reference after a crash, empty when the provider answers 404 (it never accepted the message).
 */
final class ProviderCalls {
    private ProviderCalls() {
    }

    /** @param provider « Fournisseur SMS », « Fournisseur d'appels vocaux » (in the error a receipt shows) */
    static <R> R send(String provider, Supplier<R> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            throw ProviderErrors.classify(e);
        } catch (ProcessingException e) {
            throw new SendException(provider + " injoignable : " + ProviderErrors.rootMessage(e), false);
        }
    }

    /** @return the provider's id of the message accepted under that reference; empty on a 404. */
    static Optional<String> lookup(String provider, Supplier<String> call) {
        try {
            return Optional.of(call.get());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw ProviderErrors.classify(e);
        } catch (ProcessingException e) {
            throw new SendException(provider + " injoignable : " + ProviderErrors.rootMessage(e), false);
        }
    }

    /** A REST client of {@code type} at the URL {@code url} gives, built once on first use. */
    static final class Client<T> {
        private final Class<T> type;
        private final Supplier<Optional<String>> url;
        private final String key;
        private volatile T client;

        Client(Class<T> type, Supplier<Optional<String>> url, String key) {
            this.type = type;
            this.url = url;
            this.key = key;
        }

        T get() {
            T current = client;
            if (current == null) {
                synchronized (this) {
                    if (client == null) {
                        String base = url.get().filter(u -> !u.isBlank())
                                .orElseThrow(() -> new SendException(key + " absent", true));
                        client = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(base))
                                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).build(type);
                    }
                    current = client;
                }
            }
            return current;
        }
    }
}
