package fr.maillage.notification.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Since issue 18 the voice provider's receipts ({@code /callbacks/voice}) are authenticated the same way with their own
 * secret, {@code maillage.voice.callback-secret} in the {@value #VOICE_HEADER} header (a leaked SMS secret does not
 * open the voice receipts, and the reverse).
 * <p>
 * The SMS provider's webhooks (delivery reports, inbound STOP) are called by the provider, not by a
 * user holding a token: they carry the shared secret {@code maillage.sms.callback-secret} in the
 * {@value #HEADER} header (set it in the provider's webhook settings). Without a configured secret the
 * callbacks are refused (fail closed), so a forgotten setting cannot open them to anyone.
 */
@ApplicationScoped
public class SmsCallbackAuth {
    public static final String HEADER = "X-Sms-Callback-Secret";
    public static final String VOICE_HEADER = "X-Voice-Callback-Secret";
    private static final Logger LOG = Logger.getLogger(SmsCallbackAuth.class);

    private final Optional<String> secret;
    private final Optional<String> voiceSecret;

    SmsCallbackAuth(@ConfigProperty(name = "maillage.sms.callback-secret") Optional<String> secret,
            @ConfigProperty(name = "maillage.voice.callback-secret") Optional<String> voiceSecret) {
        this.secret = secret.map(String::trim).filter(s -> !s.isEmpty());
        this.voiceSecret = voiceSecret.map(String::trim).filter(s -> !s.isEmpty());
    }

    void warnIfClosed(@Observes StartupEvent start) {
        if (secret.isEmpty()) {
            LOG.warn("maillage.sms.callback-secret (SMS_CALLBACK_SECRET) is not set: the SMS provider's callbacks"
                    + " (delivery reports, STOP) are refused with 401");
        }
        if (voiceSecret.isEmpty()) {
            LOG.warn("maillage.voice.callback-secret (VOICE_CALLBACK_SECRET) is not set: the voice provider's receipts"
                    + " are refused with 401");
        }
    }

    /** @throws ProviderNotAuthenticated unless {@code presented} is the voice provider's configured secret. */
    public void checkVoice(String presented) {
        check(voiceSecret, presented, VOICE_HEADER, "fournisseur d'appels vocaux", "maillage.voice.callback-secret");
    }

    /** @throws ProviderNotAuthenticated unless {@code presented} is the configured secret. */
    public void check(String presented) {
        check(secret, presented, HEADER, "fournisseur SMS", "maillage.sms.callback-secret");
    }

    private static void check(Optional<String> secret, String presented, String header, String provider, String key) {
        if (secret.isEmpty()) {
            throw new ProviderNotAuthenticated("Les rappels du " + provider + " sont fermés : aucun secret n'est configuré"
                    + " côté service (" + key + ").");
        }
        // constant time: the comparison must not tell an attacker how many leading characters are right
        if (presented == null || !MessageDigest.isEqual(secret.get().getBytes(StandardCharsets.UTF_8),
                presented.trim().getBytes(StandardCharsets.UTF_8))) {
            throw new ProviderNotAuthenticated("En-tête " + header + " absent ou incorrect : seul le " + provider
                    + " peut appeler ce point d'entrée.");
        }
    }

    public static class ProviderNotAuthenticated extends RuntimeException {
        public ProviderNotAuthenticated(String message) {
            super(message, null, false, false);
        }
    }
}
