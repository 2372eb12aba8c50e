package fr.maillage.offers.domain;

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
 * What offers knows of a directory place, rebuilt from directory.places.v1 (read-only here: written by
 * the consumer with native upserts; the geography column is generated from latitude/longitude).
 */
@Entity
@Table(name = "place_ref")
public class PlaceRef extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "partner_id")
    public UUID partnerId;
    public String name;
    public String street;
    public String complement;
    @Column(name = "postal_code")
    public String postalCode;
    @Column(name = "insee_code")
    public String inseeCode;
    public String commune;
    public Double latitude;
    public Double longitude;
    @Column(name = "opening_hours")
    public String openingHours;
    public String phone;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> services;
    public String itinerance;
    @Column(name = "served_communes")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> servedCommunes;
    public boolean deleted;
    public long version;
}
