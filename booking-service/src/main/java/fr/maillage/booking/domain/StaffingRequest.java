package fr.maillage.booking.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A request to one person to staff one permanence (issue 19): pending until the person accepts (a shift is created,
 * the other pending requests of the permanence become covered) or declines. The answer link's token is stored only as
 * its SHA-256 ({@link SelfServiceTokens#hash}); the link stops working at the permanence's start.
 */
@Entity
@Table(name = "staffing_request")
public class StaffingRequest extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String DECLINED = "declined";
    public static final String COVERED = "covered";
    public static final String CANCELLED = "cancelled";

    @Id
    public UUID id;
    @Column(name = "permanence_id")
    public UUID permanenceId;
    @Column(name = "partner_id")
    public UUID partnerId;
    @Column(name = "person_id")
    public UUID personId;
    public String status;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "shift_id")
    public UUID shiftId;
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "answered_at")
    public OffsetDateTime answeredAt;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    public boolean isPending() {
        return PENDING.equals(status);
    }
}
