package fr.maillage.platform.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Idempotency-Key (maillage.idempotency.*). */
@ConfigMapping(prefix = "maillage.idempotency")
public interface IdempotencyConfig {
    /** How long a key and its answer are kept: a retry after that is a new request. */
    @WithDefault("24h")
    Duration retention();

    /** How often expired keys are deleted (their stored answers may hold personal data). */
    @WithDefault("1h")
    Duration purgeEvery();

    /** false: this process never purges (another replica does). */
    @WithDefault("true")
    boolean purgeEnabled();
}
