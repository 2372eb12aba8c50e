package fr.maillage.notification.service.channel;

import fr.maillage.notification.domain.Redaction;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** How the HTTP providers' (SMS, voice) failures become {@link SendException}s, masked the same way. */
final class ProviderErrors {
    private ProviderErrors() {
    }

    /** A 4xx other than 408/429 is the provider refusing the message: permanent. Anything else is worth a retry. */
    static SendException classify(WebApplicationException e) {
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

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return Redaction.describe(t);
    }

    private static String truncate(String s) {
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
