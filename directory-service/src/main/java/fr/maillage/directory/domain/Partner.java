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

/** A structure porteuse: the organisation behind one or more places. */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> typologies = new ArrayList<>();
    public String siret;
    public String rna;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> programmes = new ArrayList<>();
    public String email;
    public String phone;
    public String website;
    @Version
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
