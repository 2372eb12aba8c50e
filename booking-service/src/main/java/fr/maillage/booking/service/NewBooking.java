package fr.maillage.booking.service;

import java.util.UUID;

/**
 * The command of a booking, as validated by the API (lengths, formats, required members). Its members have the names
 * and the order of the request body: the request hash of an Idempotency-Key is taken over its JSON form.
 */
public record NewBooking(UUID slotId, Person person, Need need, String bookedBy, UUID agentId, UUID partnerId,
        String verification) {
    /** The default: the booking is confirmed (or waitlisted) at once. */
    public static final String VERIFICATION_NONE = "none";
    /** The booking is pending until the person types the code sent to their phone or e-mail. */
    public static final String VERIFICATION_CODE = "code";

    public boolean byCode() {
        return VERIFICATION_CODE.equals(verification);
    }

    public record Person(String firstName, String lastName, String phone, String email, boolean smsConsent,
            boolean emailConsent, String residenceInsee) {
    }

    public record Need(String theme, String text) {
    }
}
