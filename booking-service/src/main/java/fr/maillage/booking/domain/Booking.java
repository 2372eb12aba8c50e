package fr.maillage.booking.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import fr.maillage.platform.phone.PhoneNumbers;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

@Entity
@Table(name = "booking")
public class Booking extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "slot_id")
    public UUID slotId;
    @Column(name = "offer_id")
    public UUID offerId;
    @Column(name = "place_id")
    public UUID placeId;
    public String status;
    @Column(name = "queue_seq", insertable = false, updatable = false)
    public Long queueSeq;
    /** SHA-256 of the secret of the citizen's self-service link (see SelfServiceTokens); null once anonymised. */
    @Column(name = "token_hash")
    public String tokenHash;
    /**
     * The self-service token itself: known only in the request that created the booking (never stored, never read
     * back), so only that answer and the events of that moment can carry the link.
     */
    @Transient
    public String token;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String phone;
    public String email;
    @Column(name = "sms_consent")
    public boolean smsConsent;
    @Column(name = "email_consent")
    public boolean emailConsent;
    @Column(name = "phone_hash")
    public String phoneHash;
    @Column(name = "email_hash")
    public String emailHash;
    @Column(name = "need_theme")
    public String needTheme;
    @Column(name = "need_text")
    public String needText;
    @Column(name = "booked_by")
    public String bookedBy;
    @Column(name = "agent_id")
    public UUID agentId;
    @Column(name = "partner_id")
    public UUID partnerId;
    /** Organisation (partner id from the booker's token) the booking was made for; with the slot's partner, its owners. */
    @Column(name = "booker_org")
    public UUID bookerOrg;
    @Column(name = "cancel_reason")
    public String cancelReason;
    @Column(name = "previous_start")
    public OffsetDateTime previousStart;
    /** The person's commune of residence (INSEE code), optional: territory statistics. */
    @Column(name = "residence_insee")
    public String residenceInsee;
    /** While pending: what the booking becomes once verified (the counter it holds: confirmed or waitlisted). */
    @Column(name = "pending_outcome")
    public String pendingOutcome;
    /** While pending: when the held seat is given back if the code was not typed. */
    @Column(name = "hold_expires_at")
    public OffsetDateTime holdExpiresAt;
    /** Keyed hash of the current code (see ContactHasher#code); null once verified or expired. */
    @Column(name = "code_hash")
    public String codeHash;
    @Column(name = "code_attempts_left")
    public Integer codeAttemptsLeft;
    /** The verified caller (token subject) that created a pending booking: the only one that may verify it. */
    @Column(name = "creator_subject")
    public String creatorSubject;
    /** The code itself: known only in the request that generated it (sealed into BookingCodeRequested), never stored. */
    @Transient
    public String code;
    /** Version of the booking.bookings.v1 stream of this booking: +1 per event. */
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "anonymised_at")
    public OffsetDateTime anonymisedAt;

    public boolean isActive() {
        return BookingStatus.ACTIVE.contains(status);
    }

    public boolean isPending() {
        return BookingStatus.PENDING.equals(status);
    }

    /**
     * Where a verification code goes: "sms" to a mobile, else "email" (notification-service's choice, the same rule),
     * null when neither (refused at booking time).
     */
    public String codeChannel() {
        if (PhoneNumbers.isMobile(phone)) {
            return "sms";
        }
        return email != null ? "email" : null;
    }

    /**
     * Issue 18: how the person is reminded, the first that applies — {@code sms} (a French mobile, SMS consent),
     * {@code email} (an e-mail, e-mail consent), {@code voice} (a landline given by an agent at the desk: a voice call
     * the day before), else {@code none} (nothing is sent; the slip printed at the desk is the confirmation).
     * Notification-service sends SMS and e-mail both when both are consented; this names the first one.
     */
    public String reminderChannel() {
        if (anonymisedAt == null) {
            if (smsConsent && PhoneNumbers.isMobile(phone)) {
                return REMINDER_SMS;
            }
            if (emailConsent && email != null) {
                return REMINDER_EMAIL;
            }
            if (phone != null && !PhoneNumbers.isMobile(phone) && AGENT.equals(bookedBy)) {
                return REMINDER_VOICE;
            }
        }
        return REMINDER_NONE;
    }

    public static final String REMINDER_SMS = "sms";
    public static final String REMINDER_EMAIL = "email";
    public static final String REMINDER_VOICE = "voice";
    public static final String REMINDER_NONE = "none";
    private static final String AGENT = "agent";

    /**
     * Issue 18: whether a new self-service link can be sent now (POST /api/v1/bookings/{id}/self-service-link): the
     * booking is confirmed, waitlisted or pending, its link would still open, and there is somewhere to send it
     * ({@link #codeChannel()}: a mobile, else an e-mail).
     */
    public boolean selfServiceLinkResendable(Slot slot, java.time.Duration linkExpiry) {
        return BookingStatus.ACTIVE.contains(status) && anonymisedAt == null && codeChannel() != null
                && Times.now().isBefore(slot.end.plus(linkExpiry));
    }

    /** The contact the waiting-list alert counter is kept for (null for a booking without contact). */
    public String contactHash() {
        return phoneHash != null ? phoneHash : emailHash;
    }

    /** Clears who the booking was for (name, contact and their hashes, need text, commune, code); the row stays for the counts. */
    public void erasePersonalData() {
        firstName = null;
        lastName = null;
        phone = null;
        email = null;
        phoneHash = null;
        emailHash = null;
        needText = null;
        residenceInsee = null;
        codeHash = null;
        updatedAt = Times.now();
        anonymisedAt = updatedAt;
    }
}
