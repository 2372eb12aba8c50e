package fr.maillage.notification.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures of a webhook call, both keyed with the subscription's secret (its ASCII text, as shown to the owner):
 * <ul>
 * <li><b>Standard Webhooks</b> (https://www.standardwebhooks.com, spec 1.0.0, symmetric scheme): headers
 * {@code webhook-id} (the delivery id, the same on every retry), {@code webhook-timestamp} (unix seconds of the
 * attempt) and {@code webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<raw body>">}. The spec's
 * verifiers take the key as {@code whsec_<base64 of the key bytes>}: {@link #signingSecret(String)}, shown next to
 * the secret. The spec allows reusing a legacy secret ("Migrating to Standard Webhooks"), which is what lets every
 * existing subscription verify the new headers without a new secret.</li>
 * <li><b>Deprecated</b>, kept one release: {@code X-Maillage-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">}.</li>
 * </ul>
 */
public final class WebhookSignature {
    /** Deprecated (one release): Standard Webhooks' headers below replace it. */
    public static final String HEADER = "X-Maillage-Signature";
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** Standard Webhooks' prefix of a symmetric signing secret. */
    public static final String SECRET_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: 32 random bytes, base64url without padding (43 characters). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The deprecated X-Maillage-Signature value. */
    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds + "." + body));
    }

    /**
     * The secret as Standard Webhooks verifiers take it: {@code whsec_} + the base64 of the key bytes, here the
     * secret's ASCII text (so one HMAC key serves both headers, and a subscription created before keeps its secret).
     */
    public static String signingSecret(String secret) {
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The webhook-signature value for message {@code messageId} sent at {@code unixSeconds}. */
    public static String standardSignature(String secret, String messageId, long unixSeconds, String body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(secret, messageId + "." + unixSeconds + "." + body));
    }

    private static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
