package fr.maillage.notification.service.channel;

/**
 * A provider refused or failed a message. {@code permanent}: retrying cannot help (invalid number,
 * rejected address: the provider's message is kept); otherwise the worker retries with backoff.
 */
public class SendException extends RuntimeException {
    private final boolean permanent;

    public SendException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }

    /** Kept apart so fault tolerance can abort retries (and spare the circuit breaker) on it. */
    public static class Permanent extends SendException {
        public Permanent(String message) {
            super(message, true);
        }
    }
}
