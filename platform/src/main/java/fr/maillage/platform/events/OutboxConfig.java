package fr.maillage.platform.events;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay (maillage.outbox.*). */
@ConfigMapping(prefix = "maillage.outbox")
public interface OutboxConfig {
    /** false: this process never publishes (another replica or a test does). */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("${kafka.bootstrap.servers:127.0.0.1:9092}")
    String bootstrapServers();

    /** The relay wakes on each commit (LISTEN/NOTIFY); this slow poll only covers a lost notification. */
    @WithDefault("10s")
    Duration interval();

    /** LISTEN/NOTIFY wake-up on commit; false leaves the poll alone (e.g. behind a pooler without LISTEN). */
    @WithDefault("true")
    boolean wakeOnCommit();

    @WithDefault("200")
    int batchSize();

    /** How long a batch may wait for the broker's acknowledgements before the relay pauses and retries. */
    @WithDefault("10s")
    Duration ackTimeout();

    /** Published rows are deleted after this: personal data never stays in an outbox longer. */
    @WithDefault("24h")
    Duration retention();

    /** How often published outbox rows and old processed_event rows are purged. */
    @WithDefault("1h")
    Duration purgeEvery();
}
