package fr.maillage.offers.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A planned session (a bookable slot) of an offer; id stable across re-plans. */
@Entity
@Table(name = "session")
public class Session extends PanacheEntityBase {
    public static final String PLANNED = "planned";
    public static final String CANCELLED = "cancelled";

    @Id
    public UUID id;
    @Column(name = "offer_id")
    public UUID offerId;
    @Column(name = "place_id")
    public UUID placeId;
    @Column(name = "start_at")
    public OffsetDateTime startAt;
    @Column(name = "end_at")
    public OffsetDateTime endAt;
    public int capacity;
    public String status;
    @Column(name = "cancel_reason")
    public String cancelReason;
    public int confirmed;
    public int waitlisted;
    @Column(insertable = false, updatable = false)
    public Integer remaining;
    /**
     * Issue 19: why booking-service closed this session (an absence, a closure of the place), null when open; written
     * only by BookingSlotsConsumer (never by the planner: a re-plan cannot reopen it).
     */
    @Column(name = "closed_reason", insertable = false, updatable = false)
    public String closedReason;
    @Column(name = "availability_version")
    public long availabilityVersion = -1;
    public String fingerprint;
    public long version;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** What people see: a session booking closed shows as cancelled, with the closure's reason. */
    public String shownStatus() {
        return closedReason != null && PLANNED.equals(status) ? CANCELLED : status;
    }

    public String shownCancelReason() {
        return closedReason != null && PLANNED.equals(status) ? closedReason : cancelReason;
    }
}
