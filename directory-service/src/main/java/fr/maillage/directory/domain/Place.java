package fr.maillage.directory.domain;

import java.time.LocalDate;
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

/**
 * A lieu de médiation numérique of a partner, with the fields of the national standard. The geography
 * point used by searches is a generated column computed by PostgreSQL from latitude/longitude.
 */
@Entity
@Table(name = "place")
public class Place extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "partner_id")
    public UUID partnerId;
    @Column(name = "source_id")
    public String sourceId;
    public String name;
    public String street;
    public String complement;
    @Column(name = "postal_code")
    public String postalCode;
    @Column(name = "insee_code")
    public String inseeCode;
    public Double latitude;
    public Double longitude;
    @Column(name = "opening_hours")
    public String openingHours;
    public String phone;
    public String email;
    public String website;
    public String presentation;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> typologies = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> services = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> publics = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "prise_en_charge")
    public List<String> priseEnCharge = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> frais = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> programmes = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "formations_labels")
    public List<String> formationsLabels = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "modalites_acces")
    public List<String> modalitesAcces = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "modalites_accompagnement")
    public List<String> modalitesAccompagnement = new ArrayList<>();
    public String itinerance;
    @Column(name = "acceslibre_url")
    public String acceslibreUrl;
    @Column(name = "prise_rdv_url")
    public String priseRdvUrl;
    @Column(name = "date_maj")
    public LocalDate dateMaj;
    @Column(name = "served_epci")
    public String servedEpci;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "served_communes")
    public List<String> servedCommunes = new ArrayList<>();
    @Version
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
