package fr.maillage.platform.events;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The idempotent consumers (maillage.consumer.*). */
@ConfigMapping(prefix = "maillage.consumer")
public interface ConsumerConfig {
    /** Tries of an event whose effect fails for a reason not known to be transient, before it is parked. */
    @WithDefault("3")
    int attempts();

    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("5s")
    Duration maxBackoff();

    /** How long a transient failure (database down or restarting, deadlock) is retried before the event is parked. */
    @WithDefault("10m")
    Duration transientRetryFor();

    /** Skip an event whose version is lower than the last one applied for its aggregate on that topic. */
    @WithDefault("true")
    boolean versionGuard();

    /** processed_event rows older than this are purged (the version guard still refuses older versions after). */
    @WithDefault("30d")
    Duration processedRetention();
}
