package fr.maillage.system.desk;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.Tokens;
import io.restassured.response.Response;

/**
 * Issue 18, B.3, through the gateway: the mairie of Romagné orients a person to the France Services of Fougères
 * (known to booking from the directory's events); France Services sees it among its incoming referrals and records the
 * outcome; Romagné sees the outcome come back. Another structure reads 404, the sender cannot record the outcome (403),
 * an unknown structure is refused (422 targetPartnerId). booking.referrals.v1 carries neither name, phone, e-mail nor
 * note.
 */
class ReferralLoopTest {
    private static final String ROMAGNE = Demo.id("PARTNER_ROMAGNE");
    private static final String FS = Demo.id("PARTNER_FRANCE_SERVICES");
    private static final String TOPIC = "booking.referrals.v1";

    private static Response outcome(String token, String id, String outcome) {
        return Gateway.given().auth().oauth2(token).contentType("application/json").body(Map.of("outcome", outcome))
                .when().post("/api/v1/referrals/" + id + "/outcome");
    }

    @Test
    void aSecretaryOrientsSomeoneToFranceServicesAndSeesWhatCameOfIt() {
        String secretary = Tokens.agent(ROMAGNE);
        String fsAgent = Tokens.agent(FS);
        String lastName = "Fictive-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> body = Map.of(
                "person", Map.of("firstName", "Yvonne", "lastName", lastName, "phone", "02 99 98 76 54",
                        "residenceInsee", "35243"),
                "need", "impots", "targetPartnerId", FS, "note", "Première déclaration en ligne depuis le veuvage");
        try (KafkaConsumer<String, String> events = fr.maillage.system.KafkaTail.tail(TOPIC)) {
            var created = Gateway.given().auth().oauth2(secretary).contentType("application/json").body(body)
                    .when().post("/api/v1/referrals").then().statusCode(201)
                    .header("Location", startsWith(Gateway.URL + "/api/v1/referrals/"))
                    .body("status", equalTo("sent")).body("fromPartnerId", equalTo(ROMAGNE))
                    .body("targetPartnerId", equalTo(FS)).body("person.lastName", equalTo(lastName)).extract();
            String id = created.path("id");

            // France Services sees it among its incoming referrals, with the person and the note
            Gateway.given().auth().oauth2(fsAgent).queryParam("direction", "incoming").queryParam("size", 200)
                    .when().get("/api/v1/referrals").then().statusCode(200).body("items.id", hasItem(id));
            Gateway.given().auth().oauth2(fsAgent).when().get("/api/v1/referrals/" + id).then().statusCode(200)
                    .body("person.firstName", equalTo("Yvonne")).body("need", equalTo("impots"));

            // only France Services records the outcome; a third structure does not even see it
            outcome(secretary, id, "attended").then().spec(ProblemJson.problem(ProblemJson.Kind.FORBIDDEN))
                    .body("field", equalTo("outcome"));
            String corbie = Tokens.agent(Demo.id("PARTNER_VAL_DE_SOMME"));
            Gateway.given().auth().oauth2(corbie).when().get("/api/v1/referrals/" + id).then()
                    .spec(ProblemJson.problem(ProblemJson.Kind.NOT_FOUND));
            outcome(fsAgent, id, "received").then().statusCode(200).body("status", equalTo("received"));
            outcome(fsAgent, id, "attended").then().statusCode(200).body("status", equalTo("attended"));

            // the loop closes: the secretary sees the outcome among her outgoing referrals
            var mine = Gateway.given().auth().oauth2(secretary).queryParam("direction", "outgoing").queryParam("size", 200)
                    .when().get("/api/v1/referrals").then().statusCode(200).extract().jsonPath();
            int i = mine.getList("items.id").indexOf(id);
            assertTrue(i >= 0, "the secretary's outgoing referrals hold it");
            assertTrue(mine.getString("items[" + i + "].status").equals("attended"));
            assertTrue(mine.getList("items[" + i + "].outcomes.outcome").equals(List.of("received", "attended")));

            // the events: ids, need, structures, outcome; no name, phone, e-mail nor note
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                for (ConsumerRecord<String, String> r : events.poll(Duration.ofMillis(200))) {
                    if (id.equals(r.key())) {
                        values.add(r.value());
                    }
                }
                return values.size() >= 3;
            });
            assertTrue(values.get(0).contains("\"ReferralCreated\""), values.get(0));
            assertTrue(values.get(2).contains("\"outcome\":\"attended\""), values.get(2));
            for (String value : values) {
                for (String personal : List.of("Yvonne", lastName, "+33299987654", "veuvage")) {
                    assertFalse(value.contains(personal), "personal data on " + TOPIC + ": " + personal);
                }
            }
        }

        // a structure the directory does not know
        Map<String, Object> unknown = Map.of("person", Map.of("firstName", "Yvonne"), "need", "impots",
                "targetPartnerId", UUID.randomUUID().toString());
        Gateway.given().auth().oauth2(secretary).contentType("application/json").body(unknown)
                .when().post("/api/v1/referrals").then().statusCode(422)
                .contentType(startsWith("application/problem+json")).body("field", equalTo("targetPartnerId"));
    }
}
