package fr.maillage.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * A change made through the directory's API travels through its outbox and the real Kafka broker
 * to the offers service, which keeps its own read model (checked in the offers database: the
 * services never read each other's databases, but a test may look).
 */
class EventFlowTest {

    @Test
    void aPartnerCreatedInTheDirectoryReachesTheOffersReadModel() throws Exception {
        String name = "Association de test " + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        Gateway.asAdmin().contentType("application/json")
                .body("{\"name\":\"" + name + "\",\"typologies\":[\"ASSO\"]}")
                .when().put("/api/v1/partners/" + id)
                .then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> partnerNameInOffers(UUID.fromString(id)) != null);
        assertEquals(name, partnerNameInOffers(UUID.fromString(id)));
    }

    private static String partnerNameInOffers(UUID id) throws Exception {
        try (Connection db = Infra.connect("offers");
                PreparedStatement query = db.prepareStatement("SELECT name FROM partner_ref WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
