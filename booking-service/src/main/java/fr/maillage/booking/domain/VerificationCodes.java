package fr.maillage.booking.domain;

import java.security.SecureRandom;

/** The 6-digit codes that confirm a booking made with verification "code". */
public final class VerificationCodes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private VerificationCodes() {
    }

    /** Uniform over 000000–999999. */
    public static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }
}
