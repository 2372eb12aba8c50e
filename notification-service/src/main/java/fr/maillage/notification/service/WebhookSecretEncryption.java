package fr.maillage.notification.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import fr.maillage.notification.domain.SecretCipher;
import fr.maillage.notification.service.WebhookStore.StoredSecret;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * At every start (after Flyway): encrypts the subscription secrets still stored in clear, and checks that the
 * configured key opens the encrypted ones — a wrong key stops the start-up instead of signing every delivery
 * with garbage.
 * <p>
 * A start-up task rather than a Flyway Java migration, because:
 * <ul>
 * <li>a versioned migration runs once, but clear values can still appear after it: during a rolling upgrade the
 * replicas of the previous version keep creating and rotating secrets in clear until they are replaced. This
 * task runs at each start and catches them (reads accept clear values meanwhile, see WebhookSecrets);</li>
 * <li>the key is runtime configuration from a Secret, read through the service's config mapping and checked
 * by the same code that encrypts and decrypts; a migration class would run outside CDI with its own copy;</li>
 * <li>a later key rotation ({@code v2}) is the same pass again (re-encrypt what is not current), which a
 * run-once migration cannot repeat.</li>
 * </ul>
 * Idempotent and safe with replicas starting together: values already in the {@code v1} form are only
 * decrypted (checked), never rewritten; a clear value is replaced only if it is still the one read
 * (compare-and-set), so nothing is encrypted twice and a secret rotated meanwhile is not overwritten.
 */
@ApplicationScoped
public class WebhookSecretEncryption {
    private static final Logger LOG = Logger.getLogger(WebhookSecretEncryption.class);

    /** What one pass did: secrets encrypted now, and those that already were (all opened by the key). */
    public record Result(int encrypted, int alreadyEncrypted) {
    }

    private final WebhookStore store;
    private final WebhookSecrets secrets;

    WebhookSecretEncryption(WebhookStore store, WebhookSecrets secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    /**
     * Before the scheduler starts (it observes the start-up at priority 0): no delivery is claimed before the key
     * is known to be well-formed (WebhookSecrets is built here) and to open the stored secrets.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 1) StartupEvent start) {
        Result result = run();
        if (result.encrypted() > 0) {
            LOG.infof("Webhook subscriptions: %d secret(s) stored in clear are now encrypted (%s)", result.encrypted(),
                    SecretCipher.VERSION);
        }
    }

    /**
     * @throws IllegalStateException if a stored secret is encrypted but the configured key does not open it
     */
    public Result run() {
        return QuarkusTransaction.requiringNew().call(() -> {
            int encrypted = 0;
            int already = 0;
            List<UUID> undecryptable = new ArrayList<>();
            for (StoredSecret row : store.storedSecrets()) {
                if (SecretCipher.isEncrypted(row.stored())) {
                    try {
                        secrets.open(row.id(), row.stored());
                        already++;
                    } catch (SecretCipher.UndecryptableSecret e) {
                        undecryptable.add(row.id());
                    }
                } else if (store.replaceStoredSecret(row.id(), row.stored(), secrets.seal(row.id(), row.stored()))) {
                    encrypted++;
                }
            }
            if (!undecryptable.isEmpty()) {
                throw new IllegalStateException(undecryptable.size() + " webhook subscription secret(s) cannot be decrypted"
                        + " with " + WebhookSecrets.SETTING + ": it is not the key they were encrypted with (subscriptions "
                        + (undecryptable.size() > 5 ? undecryptable.subList(0, 5) + "..." : undecryptable)
                        + "). Configure the key in use so far; nothing was changed.");
            }
            return new Result(encrypted, already);
        });
    }
}
