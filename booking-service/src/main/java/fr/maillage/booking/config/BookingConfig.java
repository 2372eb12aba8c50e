package fr.maillage.booking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "maillage")
public interface BookingConfig {
    /** Base of the links sent to citizens (self-service page, calendar file), i.e. the gateway. */
    @WithDefault("http://127.0.0.1:8080")
    String publicUrl();

    /**
     * Secret key of the HMAC that turns a phone number or an e-mail address into the hash backing the
     * "one booking per person and slot" constraint; a plain hash of a phone number is reversible by brute force.
     */
    @WithDefault("maillage-dev-contact-key-change-me")
    String contactHashKey();

    Waitlist waitlist();

    Booking booking();

    interface Booking {
        SelfService selfService();

        Verification verification();
    }

    /** Bookings confirmed by a code sent to the person (verification "code", the public site). */
    interface Verification {
        /** How long a pending booking holds its seat (or place in the queue) waiting for its code; a new code restarts it. */
        @WithDefault("PT10M")
        java.time.Duration hold();

        /** Wrong codes allowed per booking: the last one expires it. */
        @WithDefault("3")
        int attempts();

        /** Codes sent to one phone number or e-mail address within {@link #codesWindow()} (creation and resends). */
        @WithDefault("3")
        int codesPerContact();

        @WithDefault("PT1H")
        java.time.Duration codesWindow();

        /**
         * Share of a slot's seats that bookings still waiting for their code may hold at once (at least one seat): a
         * client inventing phone numbers cannot hold a whole slot; the others stay bookable by people who confirm.
         */
        @WithDefault("0.5")
        double maxPendingShare();

        /** How often expired holds are released. */
        @WithDefault("30s")
        String sweepEvery();
    }

    interface SelfService {
        /**
         * How long after the end of the appointment the citizen's self-service link still opens (ISO-8601 duration);
         * after that it answers 404 like an unknown link.
         */
        @WithDefault("P30D")
        java.time.Duration expiry();
    }

    Rgpd rgpd();

    interface Waitlist {
        /** A person is promoted (hence alerted) from a waiting list at most this many times per offer. */
        @WithDefault("3")
        int maxAlerts();
    }

    interface Rgpd {
        /** Personal data of a booking is anonymised this many months after its slot ended. */
        @WithDefault("24")
        int retentionMonths();

        /** How often the anonymisation job runs. */
        @WithDefault("1h")
        String every();
    }
}
