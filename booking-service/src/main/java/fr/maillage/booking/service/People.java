package fr.maillage.booking.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import fr.maillage.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The people of the directory as booking needs them (read model of directory.people.v1, table {@code directory_person}):
 * id, organisation, still in the directory or not. Nothing else is kept: no name, no contact. A person named by a
 * write of booking (the staff of a shift, the agent of a booking) must be known here and belong to the organisation
 * the write is for; otherwise 422 (unknown) or 403 (another organisation), before anything is stored.
 */
@ApplicationScoped
public class People {
    private static final Logger LOG = Logger.getLogger(People.class);
    private static final String SELECT = "SELECT partner_id, active FROM directory_person WHERE id = ?";
    private static final String UPSERT = """
            INSERT INTO directory_person (id, partner_id, active, source_version) VALUES (?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET partner_id = excluded.partner_id, active = excluded.active,
                source_version = excluded.source_version, updated_at = now()
            WHERE directory_person.source_version < excluded.source_version""";

    /** What booking knows of a person of the directory. */
    public record Person(UUID id, UUID partnerId, boolean active) {
        /** Whether this person belongs to one of {@code organisations}. */
        public boolean belongsTo(List<UUID> organisations) {
            return partnerId != null && organisations.contains(partnerId);
        }
    }

    private final EntityManager em;

    People(EntityManager em) {
        this.em = em;
    }

    /**
     * Applies one event of directory.people.v1 (the platform's consumer already skipped duplicates and older versions
     * of the same person); an older or equal version than the stored one changes nothing either.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String type, long version, JsonNode data) {
        UUID id = UUID.fromString(data.get("id").asText());
        JsonNode partner = data.path("partnerId");
        UUID partnerId = partner.isTextual() ? UUID.fromString(partner.asText()) : null;
        boolean active = !"PersonDeleted".equals(type) && !data.path("deleted").asBoolean(false);
        int changed = em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setObject(1, id);
                upsert.setObject(2, partnerId);
                upsert.setBoolean(3, active);
                upsert.setLong(4, version);
                return upsert.executeUpdate();
            }
        });
        LOG.debugf("Directory person %s version %d %s", id, version, changed == 1 ? "applied" : "already reflected");
    }

    public Optional<Person> find(UUID id) {
        return em.unwrap(Session.class).doReturningWork(connection -> find(connection, id));
    }

    /** As {@link #find(UUID)}, on the booking path's own connection. */
    public Optional<Person> find(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Person(id, row.getObject(1, UUID.class), row.getBoolean(2)))
                        : Optional.empty();
            }
        }
    }

    /**
     * The person named in {@code field}, who must be in the directory (422) and belong to one of {@code organisations}
     * (403, saying whose people may be named); {@code organisations} null: any organisation.
     */
    public static Person require(Optional<Person> found, String field, List<UUID> organisations, String whose) {
        Person person = found.filter(Person::active).orElseThrow(() -> Problem.ruleBroken(field,
                "Cette personne est inconnue de l'annuaire (ou en a été retirée) : indiquez l'identifiant d'une personne "
                        + "enregistrée dans l'annuaire. Une personne tout juste enregistrée est connue quelques secondes après."));
        if (organisations != null && !person.belongsTo(organisations)) {
            throw Problem.forbidden(field, "Cette personne n'appartient pas " + whose + " : seules ses propres personnes "
                    + "peuvent être nommées ici.");
        }
        return person;
    }
}
