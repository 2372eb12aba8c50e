package fr.maillage.booking.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The structures of the directory as booking needs them (issue 18, read model of directory.partners.v1, table
 * {@code directory_partner}): id and whether the partner is still in the directory. A referral may only be sent to a
 * partner known here. Nothing else is kept (no name, no contact).
 */
@ApplicationScoped
public class Partners {
    private static final Logger LOG = Logger.getLogger(Partners.class);
    private static final String UPSERT = """
            INSERT INTO directory_partner (id, active, source_version) VALUES (?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET active = excluded.active, source_version = excluded.source_version,
                updated_at = now()
            WHERE directory_partner.source_version < excluded.source_version""";

    private final EntityManager em;

    Partners(EntityManager em) {
        this.em = em;
    }

    /** Applies one event of directory.partners.v1; an older or equal version than the stored one changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String type, long version, JsonNode data) {
        UUID id = UUID.fromString(data.get("id").asText());
        boolean active = !"PartnerDeleted".equals(type) && !data.path("deleted").asBoolean(false);
        int changed = em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setObject(1, id);
                upsert.setBoolean(2, active);
                upsert.setLong(3, version);
                return upsert.executeUpdate();
            }
        });
        LOG.debugf("Directory partner %s version %d %s", id, version, changed == 1 ? "applied" : "already reflected");
    }

    /** Whether {@code id} is a partner of the directory (and was not removed from it). */
    public boolean known(UUID id) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT active FROM directory_partner WHERE id = ?")) {
                select.setObject(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        });
    }
}
