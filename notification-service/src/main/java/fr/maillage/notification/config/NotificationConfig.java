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

    /** Voice calls (text-to-speech) for landline-only bookings (issue 18). */
    Voice voice();

    Email email();

    /** How long before a volunteer's shift the reminder goes ("the day before"). */
    @WithDefault("PT24H")
    Duration shiftReminderOffset();

    /** Receipts keep personal data (recipient, message data) this long, then are anonymised. */
    @WithDefault("P183D")
    Duration retention();

    /**
     * Read booking events of the version before issue 16 (contact in clear in {@code person} / {@code selfServiceUrl})
     * as before. Switch off once they are past the topic's retention: clear contacts are then dead-lettered.
     */
    @WithDefault("true")
    boolean acceptClearContacts();

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
        /**
         * Which provider's API {@link #url()} speaks (SMS_PROVIDER): {@code http}, our generic contract (POST /messages, the
         * local stub's), or {@code octopush}, Octopush's public API v1 ({@code url} = https://api.octopush.com/v1/public,
         * credentials {@link #apiLogin()} and {@link #apiKey()}; see the README, « Fournisseur SMS réel »).
         */
        @WithDefault("http")
        Provider provider();

        /**
         * Base URL of the HTTP SMS API (SMS_URL). Required by the packaged service (production mode), which refuses to
         * start without it unless {@link #logProvider()} says this is a development run.
         */
        Optional<String> url();

        /**
         * Development only: without {@link #url()}, write SMS (links and numbers masked) to the log and record them
         * {@code skipped / no_provider}. Implied in quarkus:dev and tests; a packaged service needs it explicitly
         * (MAILLAGE_NOTIFICATION_SMS_LOG_PROVIDER=true), so a production deployment that forgot SMS_URL fails at start-up
         * instead of silently sending nothing.
         */
        @WithDefault("false")
        boolean logProvider();

        /** Bearer token of the generic SMS API; Octopush: the {@code api-key} header (SMS_API_KEY, from a secret). */
        Optional<String> apiKey();

        /** Octopush: the account's {@code api-login} header, its e-mail address (SMS_API_LOGIN). */
        Optional<String> apiLogin();

        /** Octopush: the campaign type, {@code sms_premium} (delivery receipts, sender name) or {@code sms_low_cost}. */
        @WithDefault("sms_premium")
        String octopushType();

        /**
         * Issue 19, item 5: treat ARCEP's fiction mobile range (06 39 98 xx xx, the demo volunteers' numbers) as mobiles
         * that get SMS. For the local stack only, whose SMS provider is the stub (deploy/services.sh sets
         * MAILLAGE_NOTIFICATION_SMS_FICTION_RANGE_DELIVERABLE=true there); never in production (default false: such a
         * number is recorded skipped / not_a_french_mobile as before).
         */
        @WithDefault("false")
        boolean fictionRangeDeliverable();

        /** Sender name shown on the phone (11 alphanumeric characters at most). */
        @WithDefault("Maillage")
        String sender();
    }

    interface Voice {
        /**
         * Which provider's API {@link #url()} speaks (VOICE_PROVIDER): {@code http} (our generic contract, POST /calls) or
         * {@code octopush} (Octopush's « SMS vocal », the same account as the SMS: {@code url} =
         * https://api.octopush.com/v1/public, credentials {@link #apiLogin()}/{@link #apiKey()}, else the SMS ones).
         */
        @WithDefault("http")
        Provider provider();

        /**
         * Base URL of the voice provider's HTTP API (VOICE_URL): {@code POST {url}/calls}. Unset: the log stand-in (text
         * masked in the log, calls recorded {@code skipped / no_provider}) in every mode — a territory may run without
         * voice calls, and SMS and e-mail must not stop for it (a warning at start-up names the setting).
         */
        Optional<String> url();

        /** Bearer token of the voice API (VOICE_API_KEY); Octopush: its {@code api-key} (unset: the SMS one). */
        Optional<String> apiKey();

        /** Octopush: the {@code api-login} (VOICE_API_LOGIN; unset: the SMS one). */
        Optional<String> apiLogin();

        /** Octopush: the synthesised voice, {@code female} or {@code male}. */
        @WithDefault("female")
        String gender();

        /**
         * Our receipts endpoint as the provider must call it, sent with each call as {@code callbackUrl} (VOICE_CALLBACK_URL,
         * e.g. https://api.maillage.example/api/v1/notifications/callbacks/voice). Unset: the provider's account setting.
         */
        Optional<String> callbackUrl();

        /** Language of the synthesised voice. */
        @WithDefault("fr-FR")
        String language();
    }

    /** The API an SMS or voice provider speaks. */
    enum Provider {
        /** Our generic provider contract (SmsApi, VoiceApi): the local stub, or a gateway speaking it. */
        http,
        /** Octopush's public API v1 (SMS and « SMS vocal »). */
        octopush
    }

    interface Email {
        @WithDefault("Maillage <ne-pas-repondre@maillage.local>")
        String from();
    }
}
