package fr.maillage.booking.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Issue 18: a referral (orientation) — a structure ({@code fromPartnerId}) sends a person to another one
 * ({@code targetPartnerId}, optionally one of its offers) for a need, with or without a booking; the receiving
 * structure records what came of it ({@link ReferralOutcome}), the last outcome being the status. The person's data
 * (names, contact, commune, notes) is erased on the bookings' RGPD schedule; the row stays for the statistics.
 */
@Entity
@Table(name = "referral")
public class Referral extends PanacheEntityBase {
    public static final String SENT = "sent";

    @Id
    public UUID id;
    public String status;
    public String need;
    @Column(name = "from_partner_id")
    public UUID fromPartnerId;
    @Column(name = "target_partner_id")
    public UUID targetPartnerId;
    @Column(name = "target_offer_id")
    public UUID targetOfferId;
    @Column(name = "booking_id")
    public UUID bookingId;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String phone;
    public String email;
    @Column(name = "residence_insee")
    public String residenceInsee;
    public String note;
    /** Version of the booking.referrals.v1 stream of this referral: +1 per event. */
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "anonymised_at")
    public OffsetDateTime anonymisedAt;

    /** Clears who the referral was for (names, contact, commune, note); the row stays for the counts. */
    public void erasePersonalData() {
        firstName = null;
        lastName = null;
        phone = null;
        email = null;
        residenceInsee = null;
        note = null;
        updatedAt = Times.now();
        anonymisedAt = updatedAt;
    }
}
