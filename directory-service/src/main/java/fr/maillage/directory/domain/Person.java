package fr.maillage.directory.domain;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Someone who staffs places: their contact data feeds shift reminders, so it is validated on write. */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {
    @Id
    public UUID id;
    public String role;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String phone;
    public String email;
    @Column(name = "notify_sms")
    public boolean notifySms;
    @Column(name = "notify_email")
    public boolean notifyEmail;
    @Column(name = "partner_id")
    public UUID partnerId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "place_ids")
    public List<UUID> placeIds = new ArrayList<>();
    @Version
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
