package fr.maillage.notification.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import fr.maillage.notification.support.WebhookReceiver.Call;

/** How a partner verifies our webhook calls: never with the service's own signing code. */
public final class Signatures {
    private Signatures() {
    }

    /**
     * Standard Webhooks, with the specification's own Java library ({@code com.standardwebhooks:standardwebhooks}):
     * the webhook-id / webhook-timestamp / webhook-signature headers, the raw body, the {@code whsec_} secret; the
     * library also refuses a timestamp more than 5 minutes from now.
     */
    public static boolean standard(String signingSecret, Call call) {
        return standard(signingSecret, call.body(), call.headers());
    }

    public static boolean standard(String signingSecret, String body, Map<String, List<String>> headers) {
        try {
            new Webhook(signingSecret).verify(body, headers);
            return true;
        } catch (WebhookVerificationException e) {
            return false;
        }
    }

    /** {@code headers} with {@code name} (any case) replaced by {@code value}: a forged call. */
    public static Map<String, List<String>> with(Map<String, List<String>> headers, String name, String value) {
        Map<String, List<String>> copy = new java.util.HashMap<>();
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase(name)) {
                copy.put(k, v);
            }
        });
        copy.put(name, List.of(value));
        return copy;
    }

    /**
     * The deprecated X-Maillage-Signature ({@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}, keyed with the
     * secret's text), checked as the README's recipe says, with a tolerance of {@code toleranceSeconds} around
     * {@code nowUnixSeconds}. No library knows this format: it goes away after one release.
     */
    public static boolean legacy(String secret, String header, String body, long nowUnixSeconds, long toleranceSeconds) {
        if (header == null || !header.matches("t=\\d{1,18},v1=[0-9a-f]{64}")) {
            return false;
        }
        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        if (Math.abs(nowUnixSeconds - t) > toleranceSeconds) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    header.substring(header.indexOf("v1=") + 3).getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
