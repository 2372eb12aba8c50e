package fr.maillage.platform.events;

/**
 * An event that can never be applied (not JSON, breaks the contract, or keeps failing for a reason that is not
 * transient): thrown out of the {@code @Incoming} method, so the channel's dead-letter-queue strategy parks it on
 * the service's DLQ topic with the reason instead of blocking the partition.
 */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
