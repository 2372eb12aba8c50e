package fr.maillage.booking.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.maillage.booking.events.PeoplePartitions;
import fr.maillage.booking.service.People;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Plays the directory in tests: publishes directory.people.v1 events (the directory's full contract, names and
 * contacts included, which booking must ignore) and waits until booking's read model reflects them.
 */
public final class Directory {
    public static final String TOPIC = "directory.people.v1";

    private Directory() {
    }

    /** A new person of the directory, belonging to {@code partnerId}, known to booking when this returns. */
    public static UUID person(UUID partnerId) {
        UUID id = UUID.randomUUID();
        publish(id, partnerId, "PersonUpserted", 1);
        return id;
    }

    /** Publishes one event about person {@code id} and waits until booking reflects it. */
    public static void publish(UUID id, UUID partnerId, String type, long version) {
        send(envelope(id, partnerId, type, version), id);
        boolean active = !"PersonDeleted".equals(type);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> find(id)
                .filter(p -> p.active() == active && java.util.Objects.equals(p.partnerId(), partnerId)).isPresent());
    }

    public static String envelope(UUID id, UUID partnerId, String type, long version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("role", "benevole");
        data.put("firstName", "Alix");
        data.put("lastName", "Bénévole (fictif)");
        data.put("phone", "+33611223344");
        data.put("email", "alix.fictif@example.org");
        data.put("notifySms", true);
        data.put("notifyEmail", false);
        data.put("placeIds", List.of());
        data.put("partnerId", partnerId);
        data.put("deleted", "PersonDeleted".equals(type));
        return Sessions.envelope(UUID.randomUUID(), type, version, data);
    }

    public static void send(String payload, UUID key) {
        int partitions = Sessions.partitions(TOPIC);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> PeoplePartitions.assigned() == partitions);
        Sessions.produce(TOPIC, key, payload);
    }

    public static final String PARTNERS_TOPIC = "directory.partners.v1";

    /** A new partner (structure) of the directory, known to booking when this returns (issue 18: referral targets). */
    public static UUID partner() {
        UUID id = UUID.randomUUID();
        publishPartner(id, "PartnerUpserted", 1);
        return id;
    }

    /** Publishes one event about partner {@code id} (the directory's full contract) and waits until booking reflects it. */
    public static void publishPartner(UUID id, String type, long version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("name", "Structure d'essai (fictive)");
        data.put("typologies", List.of("FS"));
        data.put("siret", null);
        data.put("rna", null);
        data.put("email", "structure.fictive@example.org");
        data.put("phone", "+33299001122");
        data.put("deleted", "PartnerDeleted".equals(type));
        int partitions = Sessions.partitions(PARTNERS_TOPIC);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> fr.maillage.booking.events.PartnersPartitions.assigned() == partitions);
        Sessions.produce(PARTNERS_TOPIC, id, Sessions.envelope(UUID.randomUUID(), type, version, data));
        boolean active = !"PartnerDeleted".equals(type);
        fr.maillage.booking.service.Partners partners = Arc.container().instance(fr.maillage.booking.service.Partners.class).get();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> partners.known(id)) == active);
    }

    public static java.util.Optional<People.Person> find(UUID id) {
        People people = Arc.container().instance(People.class).get();
        return QuarkusTransaction.requiringNew().call(() -> people.find(id));
    }
}
