package fr.maillage.notification.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The partners' event feed (GET /api/v1/events). */
@ConfigMapping(prefix = "maillage.events")
public interface EventFeedConfig {

    /**
     * Events are kept this long after they were written, then purged; a cursor older than that is refused. Events
     * that occurred longer ago than this when consumed (a topic replayed from the start) are not written.
     */
    @WithDefault("P30D")
    Duration retention();

    /** Pause between purges (read by @Scheduled). */
    @WithDefault("1h")
    String purgeEvery();
}
