package fr.maillage.booking.domain;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.Immutable;

import fr.maillage.platform.territory.Territories;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A bookable session copied from offers.sessions.v1, with this service's seat counters.
 * Read-only for Hibernate: every write is a conditional SQL UPDATE (see service.SlotStore) so that
 * seat counters are never overwritten by a stale in-memory copy.
 */
@Entity
@Immutable
@Table(name = "slot")
public class Slot extends PanacheEntityBase {
    public static final String PLANNED = "planned";
    public static final String CANCELLED = "cancelled";
    /** Reminders a booking may have (the offers service's limit too): more offsets in a session event are dropped. */
    public static final int MAX_REMINDER_OFFSETS = 5;

    @Id
    public UUID id;
    @Column(name = "offer_id")
    public UUID offerId;
    @Column(name = "partner_id")
    public UUID partnerId;
    @Column(name = "place_id")
    public UUID placeId;
    @Column(name = "start_at")
    public OffsetDateTime start;
    @Column(name = "end_at")
    public OffsetDateTime end;
    public int capacity;
    public int confirmed;
    public int waitlisted;
    public String status;
    @Column(name = "cancel_reason")
    public String cancelReason;
    @Column(name = "offer_title")
    public String offerTitle;
    @Column(name = "offer_type")
    public String offerType;
    @Column(name = "offer_themes")
    public String offerThemes;
    @Column(name = "place_name")
    public String placeName;
    @Column(name = "place_street")
    public String placeStreet;
    @Column(name = "place_postal_code")
    public String placePostalCode;
    @Column(name = "place_commune")
    public String placeCommune;
    @Column(name = "place_insee_code")
    public String placeInseeCode;
    @Column(name = "place_phone")
    public String placePhone;
    @Column(name = "staff_ids")
    public String staffIds;
    @Column(name = "allowed_bookers")
    public String allowedBookers;
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
    @Column(name = "reminder_offsets")
    public String reminderOffsets;
    @Column(name = "source_version")
    public long sourceVersion;
    @Column(name = "event_version")
    public long eventVersion;
    /** The absence or closure that closed this slot (issue 19): not bookable while set. */
    @Column(name = "closure_id")
    public UUID closureId;
    @Column(name = "closure_reason")
    public String closureReason;

    /**
     * The time zone of the slot's place (issue 21): its territory's, from the place's INSEE code copied from the session
     * event (Europe/Paris without one — events before the change carry the same code, so they get the same zone).
     */
    public ZoneId zone() {
        return Territories.zoneOf(placeInseeCode);
    }

    /** {@link #zone()}'s IANA id, as the API and the events carry it. */
    public String timeZone() {
        return zone().getId();
    }

    /** An instant of this slot (its start, its end...) at the offset of its place's zone. */
    public OffsetDateTime local(OffsetDateTime instant) {
        return Times.local(instant, zone());
    }

    public int remaining() {
        return Math.max(0, capacity - confirmed);
    }

    public boolean isCancelled() {
        return CANCELLED.equals(status);
    }

    public boolean isClosed() {
        return closureId != null;
    }

    public List<String> themes() {
        return split(offerThemes);
    }

    public List<String> allowedBookerList() {
        return split(allowedBookers);
    }

    public List<Integer> reminderOffsetList() {
        return split(reminderOffsets).stream().map(Integer::valueOf).toList();
    }

    public List<UUID> staffIdList() {
        return split(staffIds).stream().map(UUID::fromString).toList();
    }

    /** Lists are stored comma-separated: their items (enumerations, ids, integers) never contain commas. */
    public static String join(List<?> items) {
        return String.join(",", items.stream().map(String::valueOf).toList());
    }

    private static List<String> split(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
