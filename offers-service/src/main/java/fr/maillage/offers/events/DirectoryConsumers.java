package fr.maillage.offers.events;

import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;

import fr.maillage.offers.service.OfferService;
import fr.maillage.platform.events.ConsumedEvent;
import fr.maillage.platform.events.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Read models of the directory: places (name, address, coordinates, services, served communes...) and
 * partners, last version wins. A place deleted suspends its published offers; a place changed refreshes
 * the place facts carried by future sessions. Dedup, version guard, retries and dead-lettering are the platform's
 * {@link IdempotentConsumer}; the upserts keep their own version guard too (a replayed topic never rewinds a row).
 */
@ApplicationScoped
public class DirectoryConsumers {
    private final IdempotentConsumer incoming;
    private final EntityManager em;
    private final OfferService offers;

    DirectoryConsumers(IdempotentConsumer incoming, EntityManager em, OfferService offers) {
        this.incoming = incoming;
        this.em = em;
        this.offers = offers;
    }

    @Incoming("directory-places")
    @Blocking
    public void place(String payload, IncomingKafkaRecordMetadata<?, ?> record) {
        incoming.consume(Topics.DIRECTORY_PLACES, payload, record, this::place);
    }

    private void place(ConsumedEvent event) {
        JsonNode data = event.data();
        boolean deleted = "PlaceDeleted".equals(event.type()) || data.path("deleted").asBoolean(false);
        UUID id = UUID.fromString(data.get("id").asText());
        JsonNode address = data.get("address");
        String partner = text(data, "partnerId");
        int applied = em.createNativeQuery("""
                INSERT INTO place_ref (id, partner_id, name, street, complement, postal_code, insee_code, commune,
                    latitude, longitude, coordinates_source, opening_hours, phone, services, itinerance, served_communes,
                    deleted, version, updated_at)
                SELECT :id, :partner, :name, :street, :complement, :postal, :insee, :commune,
                    CASE WHEN p.lat IS NOT NULL AND p.lon IS NOT NULL THEN p.lat ELSE c.latitude END,
                    CASE WHEN p.lat IS NOT NULL AND p.lon IS NOT NULL THEN p.lon ELSE c.longitude END,
                    CASE WHEN p.lat IS NOT NULL AND p.lon IS NOT NULL THEN 'place' WHEN c.latitude IS NOT NULL THEN 'commune' ELSE 'none' END,
                    :hours, :phone, :services, :itinerance, :served, :deleted, :version, now()
                FROM (SELECT CAST(:lat AS double precision) AS lat, CAST(:lon AS double precision) AS lon) p
                LEFT JOIN commune_ref c ON c.insee_code = :insee AND (p.lat IS NULL OR p.lon IS NULL)
                ON CONFLICT (id) DO UPDATE SET
                    partner_id = coalesce(excluded.partner_id, place_ref.partner_id),
                    name = CASE WHEN excluded.deleted AND excluded.name = '' THEN place_ref.name ELSE excluded.name END,
                    street = CASE WHEN excluded.deleted THEN place_ref.street ELSE excluded.street END,
                    complement = CASE WHEN excluded.deleted THEN place_ref.complement ELSE excluded.complement END,
                    postal_code = CASE WHEN excluded.deleted THEN place_ref.postal_code ELSE excluded.postal_code END,
                    insee_code = CASE WHEN excluded.deleted THEN place_ref.insee_code ELSE excluded.insee_code END,
                    commune = CASE WHEN excluded.deleted THEN place_ref.commune ELSE excluded.commune END,
                    latitude = CASE WHEN excluded.deleted THEN place_ref.latitude ELSE excluded.latitude END,
                    longitude = CASE WHEN excluded.deleted THEN place_ref.longitude ELSE excluded.longitude END,
                    coordinates_source = CASE WHEN excluded.deleted THEN place_ref.coordinates_source ELSE excluded.coordinates_source END,
                    opening_hours = excluded.opening_hours, phone = excluded.phone, services = excluded.services,
                    itinerance = excluded.itinerance, served_communes = excluded.served_communes,
                    deleted = excluded.deleted, version = excluded.version, updated_at = now()
                WHERE place_ref.version <= excluded.version""")
                .setParameter("id", id)
                .setParameter("partner", partner == null ? null : UUID.fromString(partner))
                .setParameter("name", text(data, "name") == null ? "" : text(data, "name"))
                .setParameter("street", text(address, "street"))
                .setParameter("complement", text(address, "complement"))
                .setParameter("postal", text(address, "postalCode"))
                .setParameter("insee", text(address, "inseeCode"))
                .setParameter("commune", text(address, "commune"))
                .setParameter("lat", number(data, "latitude"))
                .setParameter("lon", number(data, "longitude"))
                .setParameter("hours", text(data, "openingHours"))
                .setParameter("phone", text(data, "phone"))
                .setParameter("services", strings(data, "services"))
                .setParameter("itinerance", text(data, "itinerance"))
                .setParameter("served", strings(data, "servedCommunes"))
                .setParameter("deleted", deleted)
                .setParameter("version", event.version())
                .executeUpdate();
        if (applied == 0) {
            return; // an older version than what we hold: already superseded
        }
        em.flush();
        if (deleted) {
            offers.placeDeleted(id);
        } else {
            offers.placeChanged(id);
        }
    }

    @Incoming("directory-partners")
    @Blocking
    public void partner(String payload, IncomingKafkaRecordMetadata<?, ?> record) {
        incoming.consume(Topics.DIRECTORY_PARTNERS, payload, record, this::partner);
    }

    private void partner(ConsumedEvent event) {
        JsonNode data = event.data();
        boolean deleted = "PartnerDeleted".equals(event.type()) || data.path("deleted").asBoolean(false);
        em.createNativeQuery("""
                INSERT INTO partner_ref (id, name, typologies, deleted, version, updated_at)
                VALUES (:id, :name, :typologies, :deleted, :version, now())
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, typologies = excluded.typologies,
                    deleted = excluded.deleted, version = excluded.version, updated_at = now()
                WHERE partner_ref.version <= excluded.version""")
                .setParameter("id", UUID.fromString(data.get("id").asText()))
                .setParameter("name", data.get("name").asText())
                .setParameter("typologies", strings(data, "typologies"))
                .setParameter("deleted", deleted)
                .setParameter("version", event.version())
                .executeUpdate();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static String[] strings(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isArray()) {
            return new String[0];
        }
        String[] result = new String[v.size()];
        for (int i = 0; i < v.size(); i++) {
            result[i] = v.get(i).asText();
        }
        return result;
    }
}
