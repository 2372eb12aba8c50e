package fr.maillage.offers.events;

import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Keeps the partners read model from directory.partners.v1 (idempotent, last version wins). */
@ApplicationScoped
public class DirectoryPartnersConsumer {
    private static final Logger LOG = Logger.getLogger(DirectoryPartnersConsumer.class);
    static final String TOPIC = "directory.partners.v1";

    private final ObjectMapper mapper;
    private final EntityManager em;
    private final ProcessedEvents processed;

    DirectoryPartnersConsumer(ObjectMapper mapper, EntityManager em, ProcessedEvents processed) {
        this.mapper = mapper;
        this.em = em;
        this.processed = processed;
    }

    @Incoming("directory-partners")
    @Blocking
    @Transactional
    public void consume(String payload) throws Exception {
        JsonNode event = mapper.readTree(payload);
        UUID eventId = UUID.fromString(required(event, "eventId").asText());
        if (!processed.firstTime(eventId, TOPIC)) {
            LOG.debugf("Event %s already applied, skipped", eventId);
            return;
        }
        JsonNode data = required(event, "data");
        em.createNativeQuery("""
                INSERT INTO partner_ref (id, name, version, updated_at) VALUES (:id, :name, :version, now())
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, version = excluded.version, updated_at = now()
                WHERE partner_ref.version <= excluded.version""")
                .setParameter("id", UUID.fromString(required(data, "id").asText()))
                .setParameter("name", required(data, "name").asText())
                .setParameter("version", required(event, "version").asLong())
                .executeUpdate();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Event field '" + field + "' is missing");
        }
        return value;
    }
}
