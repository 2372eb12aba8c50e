package fr.maillage.booking.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person of the directory (volunteer, conseiller numérique…) staffing a slot. */
@Entity
@Table(name = "shift")
public class Shift extends PanacheEntityBase {
    public static final String ASSIGNED = "assigned";
    public static final String CANCELLED = "cancelled";

    @Id
    public UUID id;
    @Column(name = "person_id")
    public UUID personId;
    /** The permanence's first slot (a shift covers the whole permanence, issue 19). */
    @Column(name = "slot_id")
    public UUID slotId;
    /** The permanence: a run of contiguous slots of one offer at one place; its id is its first slot's. */
    @Column(name = "permanence_id")
    public UUID permanenceId;
    @Column(name = "start_at")
    public OffsetDateTime start;
    @Column(name = "end_at")
    public OffsetDateTime end;
    /** Why the shift was removed, when the structure or an absence removed it (shown to the person). */
    @Column(name = "cancel_reason")
    public String cancelReason;
    /** The absence or closure that removed it, if any. */
    @Column(name = "absence_id")
    public UUID absenceId;
    public String status;
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
