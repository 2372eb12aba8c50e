package fr.maillage.offers;

import java.time.Duration;
import fr.maillage.platform.testing.Tokens;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Test data: directory places produced on directory.places.v1 as the directory would, and offer bodies. */
public final class Fixtures {
    private Fixtures() {
    }

    public record Place(UUID id, UUID partnerId, String name, String insee, String commune, String postalCode, double lat,
            double lon, List<String> servedCommunes) {
        public static Place near(String name, String insee, String commune, String postalCode, double lat, double lon) {
            return new Place(UUID.randomUUID(), UUID.randomUUID(), name, insee, commune, postalCode, lat, lon, List.of());
        }

        public Place serving(List<String> communes) {
            return new Place(id, partnerId, name, insee, commune, postalCode, lat, lon, communes);
        }

        public Map<String, Object> data(boolean deleted) {
            Map<String, Object> address = new HashMap<>();
            address.put("street", "1 place de la Mairie");
            address.put("complement", null);
            address.put("postalCode", postalCode);
            address.put("inseeCode", insee);
            address.put("commune", commune);
            Map<String, Object> d = new HashMap<>();
            d.put("id", id.toString());
            d.put("partnerId", partnerId.toString());
            d.put("name", name);
            d.put("address", address);
            // issue 21: the directory publishes the zone of the place's territory
            d.put("timeZone", fr.maillage.platform.territory.Territories.zoneOf(insee).getId());
            d.put("latitude", lat);
            d.put("longitude", lon);
            d.put("openingHours", "Tu 09:00-12:00");
            d.put("phone", "+33299000000");
            d.put("services", List.of("Aide aux démarches administratives"));
            d.put("itinerance", "Fixe");
            d.put("servedCommunes", servedCommunes);
            d.put("deleted", deleted);
            return d;
        }
    }

    /** Partner of each place these tests published: offers there are written with a token of that partner's app. */
    private static final Map<UUID, UUID> PARTNER_OF_PLACE = new java.util.concurrent.ConcurrentHashMap<>();

    public static void publishPlace(Place place, long version) {
        PARTNER_OF_PLACE.put(place.id(), place.partnerId());
        KafkaTestSupport.send("directory.places.v1", place.id().toString(), KafkaTestSupport.envelope(UUID.randomUUID(),
                "PlaceUpserted", place.id(), version, place.data(false)));
    }

    public static void deletePlace(Place place, long version) {
        KafkaTestSupport.send("directory.places.v1", place.id().toString(), KafkaTestSupport.envelope(UUID.randomUUID(),
                "PlaceDeleted", place.id(), version, place.data(true)));
    }

    /** Publishes the place and waits (bounded) until offers accepts an offer there, as the demo script does. */
    public static void publishPlaceAndWait(Place place) {
        publishPlace(place, 1);
        awaitPlace(place.id());
    }

    public static void awaitPlace(UUID placeId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Integer n = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) io.quarkus.hibernate.orm.panache.Panache
                    .getEntityManager().createNativeQuery("SELECT count(*) FROM place_ref WHERE id = :id AND NOT deleted")
                    .setParameter("id", placeId).getSingleResult()).intValue());
            if (n == 1) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("Place " + placeId + " never reached the offers read model");
    }

    /** A directory partner on directory.partners.v1, as the directory publishes it (deleted: PartnerDeleted). */
    public static void publishPartner(UUID id, String name, long version, boolean deleted) {
        Map<String, Object> data = new HashMap<>();
        data.put("id", id.toString());
        data.put("name", name);
        data.put("typologies", List.of("ASSO"));
        data.put("deleted", deleted);
        KafkaTestSupport.send("directory.partners.v1", id.toString(), KafkaTestSupport.envelope(UUID.randomUUID(),
                deleted ? "PartnerDeleted" : "PartnerUpserted", id, version, data));
    }

    /** Waits (bounded) until the partner read model holds this partner at this version. */
    public static void awaitPartner(UUID partnerId, long version) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Integer n = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) io.quarkus.hibernate.orm.panache.Panache
                    .getEntityManager().createNativeQuery("SELECT count(*) FROM partner_ref WHERE id = :id AND version = :v")
                    .setParameter("id", partnerId).setParameter("v", version).getSingleResult()).intValue());
            if (n == 1) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("Partner " + partnerId + " v" + version + " never reached the offers read model");
    }

    /** Waits until the outbox relay has published everything committed so far. */
    public static void awaitOutboxDrained() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            long pending = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) io.quarkus.hibernate.orm.panache.Panache
                    .getEntityManager().createNativeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")
                    .getSingleResult()).longValue());
            if (pending == 0) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("The outbox was not drained within 30 s");
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A weekly permanence (Tuesday 9:00-12:00, 30-min slots) starting today. */
    public static Map<String, Object> permanence(UUID placeId) {
        Map<String, Object> body = new HashMap<>();
        body.put("placeId", placeId.toString());
        body.put("title", "Permanence conseiller numérique");
        body.put("type", "permanence_individuelle");
        body.put("themes", List.of("aide_demarches", "impots"));
        body.put("publics", List.of("tout_public"));
        body.put("capacity", 1);
        body.put("sessionDurationMinutes", 30);
        body.put("staffIds", List.of(UUID.randomUUID().toString()));
        body.put("schedule", Map.of("rules", List.of(Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU",
                "startDate", java.time.LocalDate.now().toString(), "startTime", "09:00", "endTime", "12:00"))));
        return body;
    }

    /** A monthly atelier (first Saturday, 10:00-12:00, 8 seats). */
    public static Map<String, Object> atelier(UUID placeId) {
        Map<String, Object> body = new HashMap<>();
        body.put("placeId", placeId.toString());
        body.put("title", "Atelier smartphone");
        body.put("type", "atelier_collectif");
        body.put("themes", List.of("smartphone"));
        body.put("capacity", 8);
        body.put("sessionDurationMinutes", 120);
        body.put("schedule", Map.of("rules", List.of(Map.of("rrule", "FREQ=MONTHLY;BYDAY=1SA",
                "startDate", java.time.LocalDate.now().toString(), "startTime", "10:00", "endTime", "12:00"))));
        return body;
    }

    /** The partner app owning offers held at this place (the place's partner), as a ready request. */
    public static RequestSpecification asOwnerOf(Map<String, Object> body) {
        UUID place = UUID.fromString((String) body.get("placeId"));
        UUID partner = PARTNER_OF_PLACE.get(place);
        if (partner == null) {
            throw new IllegalStateException("Place " + place + " was not published by these tests");
        }
        return Tokens.as(Tokens.partnerApp(partner));
    }

    /** Created (PUT) and published by the partner app of the place's partner. */
    public static UUID createPublished(Map<String, Object> body) {
        UUID id = UUID.randomUUID();
        asOwnerOf(body).contentType(ContentType.JSON).body(body).put("/api/v1/offers/" + id).then().statusCode(201);
        asOwnerOf(body).post("/api/v1/offers/" + id + "/publish").then().statusCode(200);
        return id;
    }
}
