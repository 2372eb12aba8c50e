package fr.maillage.booking.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One outcome of a referral, recorded by the receiving structure (the history; the last one is the status). */
@Entity
@Table(name = "referral_outcome")
public class ReferralOutcome extends PanacheEntityBase {
    public static final List<String> ALL = List.of("received", "attended", "no_show", "redirected", "no_longer_needed");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "referral_id")
    public UUID referralId;
    public String outcome;
    public String note;
    public OffsetDateTime at;

    public static List<ReferralOutcome> of(UUID referralId) {
        return list("referralId = ?1 ORDER BY id", referralId);
    }
}
