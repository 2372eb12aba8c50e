package fr.maillage.notification.service.channel;

import java.util.Optional;
import java.util.UUID;

/**
 * Places voice calls that read a text aloud (issue 18). Implementations: {@link HttpVoiceProvider} (the provider's HTTP
 * API), {@link LogVoiceProvider} (no provider configured).
 */
public interface VoiceProvider {

    /**
     * A call to place; {@code reference} (the notification id) is the provider's idempotency key. {@code text} already
     * says the message twice (« … Je répète : … »): the provider reads it once.
     */
    record Call(UUID reference, String to, String text) {
    }

    /** @return the provider's call id. @throws SendException when the provider refuses or fails. */
    String send(Call call);

    /** Whether the provider already accepted the call with this reference (after a crash). Empty when unknown. */
    Optional<String> lookup(UUID reference);

    String name();

    /** False for a stand-in that reaches nobody: its calls are recorded skipped, not sent. */
    default boolean delivers() {
        return true;
    }
}
