package fr.maillage.notification.service;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import org.jboss.logging.Logger;

import fr.maillage.notification.config.WebhookConfig;
import fr.maillage.notification.domain.SecretCipher;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The subscriptions' signing secrets as stored: encrypted with {@code maillage.webhooks.secret-key}
 * ({@link SecretCipher}, the subscription id as associated data). WebhookStore seals on every write and opens
 * on every read that needs the secret, so everything above the store sees the clear secret, and HMAC
 * signatures are unchanged for receivers. A value still in clear (from before encryption, until
 * {@link WebhookSecretEncryption} rewrites it) is read as it is.
 * <p>
 * Built at start-up, before the scheduler, by {@link WebhookSecretEncryption}: a malformed key stops the service
 * with a message naming the setting, rather than failing the first creation or delivery.
 */
@ApplicationScoped
public class WebhookSecrets {
    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
    static final String SETTING = "maillage.webhooks.secret-key (env WEBHOOK_SECRET_KEY)";
    /** What the development default of application.properties decodes to. */
    static final byte[] DEVELOPMENT_KEY = "maillage-dev-webhook-key-change!".getBytes(StandardCharsets.US_ASCII);

    private final SecretCipher cipher;

    @Inject
    WebhookSecrets(WebhookConfig config) {
        this(config.secretKey(), LaunchMode.current());
    }

    /** @throws IllegalArgumentException if {@code base64Key} is not the base64 of 32 bytes */
    WebhookSecrets(String base64Key, LaunchMode mode) {
        this.cipher = SecretCipher.fromBase64Key(base64Key, SETTING);
        if (mode == LaunchMode.NORMAL && Arrays.equals(DEVELOPMENT_KEY, Base64.getDecoder().decode(base64Key.trim()))) {
            LOG.warn(SETTING + " is the development key: webhook secrets are encrypted with a key everyone knows."
                    + " Set WEBHOOK_SECRET_KEY (openssl rand -base64 32) outside a developer's machine.");
        }
    }

    /** The value to store for {@code secret} of subscription {@code id}. */
    public String seal(UUID id, String secret) {
        return cipher.encrypt(secret, id.toString());
    }

    /**
     * The secret of subscription {@code id} from its stored value.
     *
     * @throws SecretCipher.UndecryptableSecret if the value is encrypted but not with this key (or altered)
     */
    public String open(UUID id, String stored) {
        return SecretCipher.isEncrypted(stored) ? cipher.decrypt(stored, id.toString()) : stored;
    }
}
