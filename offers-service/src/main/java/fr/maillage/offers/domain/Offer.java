package fr.maillage.offers.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A digital-inclusion offer. Enumerated values are stored as their stable codes; the schedule is
 * stored as JSON text (see {@link Schedule}). {@code version} is the optimistic version exposed as
 * ETag and carried by the events; writers take a row lock, compare it with If-Match and increment it.
 */
@Entity
@Table(name = "offer")
public class Offer extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "partner_id")
    public UUID partnerId;
    @Column(name = "place_id")
    public UUID placeId;
    public String title;
    public String description;
    public String type;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> themes;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> publics;
    public String level;
    public String modality;
    @Column(name = "fee_kind")
    public String feeKind;
    @Column(name = "price_cents")
    public Integer priceCents;
    @Column(name = "pass_numerique")
    public boolean passNumerique;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> languages;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> accessibility;
    public int capacity;
    @Column(name = "session_duration_minutes")
    public int sessionDurationMinutes;
    @Column(name = "staff_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<UUID> staffIds;
    @Column(name = "served_communes")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> servedCommunes;
    public String status;
    @Column(name = "allowed_bookers")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> allowedBookers;
    @Column(name = "min_delay_minutes")
    public int minDelayMinutes;
    @Column(name = "max_delay_days")
    public int maxDelayDays;
    @Column(name = "cancel_until_minutes")
    public int cancelUntilMinutes;
    @Column(name = "reschedule_until_minutes")
    public int rescheduleUntilMinutes;
    @Column(name = "waiting_list")
    public boolean waitingList;
    @Column(name = "reminder_offsets_minutes")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<Integer> reminderOffsetsMinutes;
    public String schedule;
    @Column(name = "planned_until")
    public OffsetDateTime plannedUntil;
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public OfferStatus statusEnum() {
        return Coded.parse(OfferStatus.class, status).orElseThrow();
    }

    public OfferType typeEnum() {
        return Coded.parse(OfferType.class, type).orElseThrow();
    }

    public BookingRules bookingRules() {
        return new BookingRules(allowedBookers, minDelayMinutes, maxDelayDays, cancelUntilMinutes,
                rescheduleUntilMinutes, waitingList, reminderOffsetsMinutes);
    }

    public void bookingRules(BookingRules rules) {
        allowedBookers = rules.allowedBookers();
        minDelayMinutes = rules.minDelayMinutes();
        maxDelayDays = rules.maxDelayDays();
        cancelUntilMinutes = rules.cancelUntilMinutes();
        rescheduleUntilMinutes = rules.rescheduleUntilMinutes();
        waitingList = rules.waitingList();
        reminderOffsetsMinutes = rules.reminderOffsetsMinutes();
    }
}
