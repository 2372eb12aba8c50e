package fr.maillage.booking.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import fr.maillage.booking.domain.Referral;
import fr.maillage.booking.domain.Times;
import fr.maillage.platform.events.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * booking.referrals.v1 (issue 18; shape in META-INF/events/booking.referrals.v1.schema.json): ReferralCreated,
 * ReferralOutcomeRecorded, ReferralAnonymised. Ids, the need, the two organisations, the outcome and the person's
 * commune (INSEE, for the territory's statistics; null once anonymised) — never a name, a phone, an e-mail or a note:
 * nobody has to be written to about a referral, so nothing personal travels.
 */
@ApplicationScoped
public class ReferralEvents {
    public static final String CREATED = "ReferralCreated";
    public static final String OUTCOME_RECORDED = "ReferralOutcomeRecorded";
    public static final String ANONYMISED = "ReferralAnonymised";

    public record ReferralData(UUID id, String status, String need, UUID fromPartnerId, UUID targetPartnerId,
            UUID targetOfferId, UUID bookingId, String residenceInsee, OffsetDateTime createdAt, String outcome,
            OffsetDateTime outcomeAt) {
    }

    private final Outbox outbox;

    ReferralEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** {@code outcome} / {@code at}: the outcome just recorded (ReferralOutcomeRecorded), else null. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String type, Referral r, String outcome, OffsetDateTime at) {
        outbox.record(Topics.REFERRALS, type, r.id, r.version, new ReferralData(r.id, r.status, r.need, r.fromPartnerId,
                r.targetPartnerId, r.targetOfferId, r.bookingId, r.residenceInsee, Times.paris(r.createdAt), outcome,
                Times.paris(at)));
    }
}
