package fr.maillage.notification.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Partner webhooks: validation of subscriptions, sender, retries and pausing. */
@ConfigMapping(prefix = "maillage.webhooks")
public interface WebhookConfig {

    /**
     * Lets a subscription use http:// to localhost / 127.0.0.1 / [::1] (a developer's receiver). Only the
     * dev and test profiles switch it on; in production every URL must be https://.
     */
    @WithDefault("false")
    boolean allowInsecureLocalhost();

    /** Subscriptions one partner may hold. */
    @WithDefault("20")
    int maxPerPartner();

    /**
     * Events older than this when consumed are not fanned out (a replay of a whole topic must not flood
     * partners with last year's bookings); keep it below {@link #logRetention()} so a replayed event is
     * never delivered twice.
     */
    @WithDefault("P7D")
    Duration maxEventAge();

    /** Delivered / given-up deliveries are kept this long in the log, then purged. */
    @WithDefault("P30D")
    Duration logRetention();

    /**
     * AES-256 key encrypting the subscriptions' signing secrets in the database: the base64 of 32 random bytes
     * ({@code openssl rand -base64 32}), env WEBHOOK_SECRET_KEY. A malformed value stops the start-up; the
     * development default (application.properties) is logged as such outside dev and test. See WebhookSecrets.
     */
    String secretKey();

    Sender sender();

    interface Sender {
        @WithDefault("true")
        boolean enabled();

        /** Pause between rounds (read by @Scheduled). */
        @WithDefault("1s")
        String interval();

        /** Pause after start before the first round (read by @Scheduled). */
        @WithDefault("3s")
        String delay();

        /** Deliveries claimed per round. */
        @WithDefault("200")
        int batchSize();

        /** Subscriptions served in parallel (one subscription's deliveries go one after the other). */
        @WithDefault("8")
        int concurrency();

        /** A claimed delivery is owned this long; after that a crashed sender's delivery is sent again. */
        @WithDefault("PT2M")
        Duration lease();

        /** Connection + answer timeout of one call to a partner. */
        @WithDefault("PT5S")
        Duration timeout();

        /**
         * Waits before the 2nd, 3rd... attempt of one delivery; after the last one the delivery is given up
         * ('failed'), so a delivery gets (size + 1) attempts.
         */
        @WithDefault("PT30S,PT2M,PT10M,PT1H,PT6H")
        List<Duration> backoff();

        /** Failed attempts in a row (any delivery of the subscription) after which it is paused. */
        @WithDefault("10")
        int pauseAfterFailures();

        /** ...or failing without a single success for this long. */
        @WithDefault("PT24H")
        Duration pauseAfterFailingFor();
    }
}
