package fr.maillage.booking.service;

import java.util.UUID;

/** The command of a referral, as validated by the API (lengths, formats, required members). */
public record NewReferral(Person person, String need, UUID targetPartnerId, UUID targetOfferId, UUID bookingId,
        String note, UUID fromPartnerId) {
    public record Person(String firstName, String lastName, String phone, String email, String residenceInsee) {
    }
}
