package fr.maillage.notification.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of notification-service; every value has a default fit for a small commune. */
@ConfigMapping(prefix = "maillage.notification")
public interface NotificationConfig {

    Worker worker();

    QuietHours quietHours();

    Sms sms();

    Email email();

    /** How long before a volunteer's shift the reminder goes ("the day before"). */
    @WithDefault("PT24H")
    Duration shiftReminderOffset();

    /** Receipts keep personal data (recipient, message data) this long, then are anonymised. */
    @WithDefault("P183D")
    Duration retention();

    /** Region used to read national numbers ("06 12 34 56 78"). */
    @WithDefault("FR")
    String defaultRegion();

    interface Worker {
        @WithDefault("true")
        boolean enabled();

        /**
         * Pause between polls (read by @Scheduled). Messages due at once wake the worker on commit (LISTEN/NOTIFY);
         * the poll sends what comes due later (reminders, retries) at most this late, and covers a lost notification.
         */
        @WithDefault("5s")
        String interval();

        /** Wake on commit for messages due now (PostgreSQL LISTEN/NOTIFY); false: the poll alone. */
        @WithDefault("true")
        boolean wakeOnCommit();

        /** Pause after start before the first round (read by @Scheduled). */
        @WithDefault("2s")
        String delay();

        /** Rows claimed per transaction. */
        @WithDefault("500")
        int batchSize();

        /** Claim-send-record rounds run side by side in one instance. */
        @WithDefault("2")
        int rounds();

        /** Messages handed to providers in parallel. */
        @WithDefault("32")
        int concurrency();

        /** A claimed row is owned this long; after that a crashed worker's row is reconciled. */
        @WithDefault("PT2M")
        Duration lease();

        @WithDefault("5")
        int maxAttempts();

        @WithDefault("PT30S")
        Duration backoffInitial();

        @WithDefault("PT1H")
        Duration backoffMax();
    }

    interface QuietHours {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("20:00")
        LocalTime start();

        @WithDefault("08:00")
        LocalTime end();

        @WithDefault("Europe/Paris")
        ZoneId zone();
    }

    interface Sms {
        /** Base URL of the HTTP SMS API; when absent, SMS are only logged (masked) by LogSmsProvider. */
        Optional<String> url();

        /** Bearer token of the SMS API. */
        Optional<String> apiKey();

        /** Sender name shown on the phone (11 alphanumeric characters at most). */
        @WithDefault("Maillage")
        String sender();
    }

    interface Email {
        @WithDefault("Maillage <ne-pas-repondre@maillage.local>")
        String from();
    }
}
