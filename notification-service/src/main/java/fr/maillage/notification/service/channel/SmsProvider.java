package fr.maillage.notification.service.channel;

import java.util.Optional;
import java.util.UUID;

/** Sends SMS. Implementations: {@link HttpSmsProvider} (HTTP SMS API), {@link LogSmsProvider} (local run). */
public interface SmsProvider {

    /** A message to send; {@code reference} (the notification id) is the provider's idempotency key. */
    record Sms(UUID reference, String to, String text, int segments) {
    }

    /** @return the provider's message id. @throws SendException when the provider refuses or fails. */
    String send(Sms sms);

    /**
     * Asks whether the provider already accepted the message with this reference (a crash may have
     * happened between its acceptance and our record of it). Empty when unknown to the provider.
     */
    Optional<String> lookup(UUID reference);

    String name();

    /** False for a stand-in that reaches nobody (the development log): its messages are recorded skipped, not sent. */
    default boolean delivers() {
        return true;
    }
}
