package fr.maillage.directory.domain;

import java.math.BigDecimal;
import java.util.List;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A current French commune (reference data, read-only for the application: loaded by CommuneLoader). */
@Entity
@Table(name = "commune")
public class Commune extends PanacheEntityBase {
    @Id
    @Column(name = "code_insee")
    public String codeInsee;
    public String nom;
    @Column(name = "code_departement")
    public String codeDepartement;
    @Column(name = "code_region")
    public String codeRegion;
    @Column(name = "code_epci")
    public String codeEpci;
    @Column(name = "nom_epci")
    public String nomEpci;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "codes_postaux")
    public List<String> codesPostaux;
    public int population;
    @Column(name = "superficie_km2")
    public BigDecimal superficieKm2;
    public Double latitude;
    public Double longitude;
    @Column(name = "grille_densite")
    public Short grilleDensite;
    public boolean rural;
    /** For an arrondissement municipal (75101-75120, 69381-69389, 13201-13216): its commune; null otherwise. */
    @Column(name = "parent_insee")
    public String parentInsee;
}
