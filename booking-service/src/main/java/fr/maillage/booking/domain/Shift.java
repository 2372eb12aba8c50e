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
    @Column(name = "slot_id")
    public UUID slotId;
    public String status;
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
