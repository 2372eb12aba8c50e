package fr.maillage.platform.tracing;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

/**
 * The request id: the gateway's {@code X-Request-Id} (deploy/gateway/http.conf keeps the caller's or mints one), put in
 * the logging context under {@value #MDC_KEY} so every log line of the request shows it ({@code %X{requestId}} in the
 * log formats), stored with the outbox rows the request writes and sent with their Kafka events, so the consumers' log
 * lines of that event show it too.
 */
public final class RequestIds {
    /** HTTP request header and Kafka record header. */
    public static final String HEADER = "X-Request-Id";
    /** Key in the logging context (MDC). */
    public static final String MDC_KEY = "requestId";
    /** What a request id may be: printable, no space, bounded (it goes into every log line of the request). */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    private RequestIds() {
    }

    /** The id received when it is acceptable, otherwise a new one (a request without a gateway in front, or a forged id). */
    public static String acceptOrMint(String received) {
        String accepted = acceptOrNull(received);
        return accepted != null ? accepted : UUID.randomUUID().toString();
    }

    /** An id received with an event, or null when absent or not acceptable (it is then left out of the log lines). */
    public static String acceptOrNull(String received) {
        return received != null && ACCEPTED.matcher(received).matches() ? received : null;
    }

    /** The request id of the current request or event, or null outside one. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
