package fr.maillage.directory.security;

import static fr.maillage.platform.testing.Tokens.as;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.maillage.directory.TestData;
import fr.maillage.directory.domain.Person;
import fr.maillage.platform.testing.ProblemAssert;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * People are personal data: every endpoint, for every kind of caller, and above all across two partners
 * (the CCAS of Boigny, A, and the one of Marigny, B, neighbours who must not see each other's volunteers).
 */
@QuarkusTest
class PeopleAccessTest {
    UUID partnerA;
    UUID partnerB;
    UUID placeA;
    UUID placeB;
    UUID personA;
    UUID personB;
    String appA;
    String agentA;
    String appB;

    @BeforeEach
    void twoPartnersWithOnePersonEach() {
        partnerA = TestData.createPartner("CCAS de Boigny-sur-Bionne " + UUID.randomUUID());
        partnerB = TestData.createPartner("CCAS de Marigny-les-Usages " + UUID.randomUUID());
        placeA = TestData.createPlace(TestData.place(partnerA, "Permanence A"));
        placeB = TestData.createPlace(TestData.place(partnerB, "Permanence B"));
        personA = TestData.createPerson(TestData.person(partnerA, placeA));
        personB = TestData.createPerson(TestData.person(partnerB, placeB));
        appA = Tokens.partnerApp(partnerA);
        agentA = Tokens.agent(partnerA);
        appB = Tokens.partnerApp(partnerB);
    }

    static void problem(ValidatableResponse response, int status) {
        response.spec(ProblemAssert.problem(status))
                .body("title", equalTo(status == 401 ? "Authentification requise" : "Accès refusé")).body("instance", startsWith("/api/v1/"));
    }

    @Test
    void anonymousCallersGetNothingAndChangeNothing() {
        for (ValidatableResponse r : List.of(given().get("/api/v1/people").then(), given().get("/api/v1/people/" + personA).then(),
                given().contentType("application/json").body(TestData.person(partnerA, placeA)).post("/api/v1/people").then(),
                given().contentType("application/json").body(TestData.person(partnerA, placeA)).put("/api/v1/people/" + personA).then(),
                given().delete("/api/v1/people/" + personA).then())) {
            problem(r, 401);
            r.header("WWW-Authenticate", startsWith("Bearer")).body("detail", containsString("Authorization: Bearer"));
        }
        assertEquals(0, version(personA));
    }

    @Test
    void aVolunteerSeesOnlyTheirOwnRecordAndWritesNothing() {
        String volunteer = Tokens.volunteer(personA);
        as(volunteer).get("/api/v1/people/" + personA).then().statusCode(200).body("phone", equalTo("+33639980001"));
        as(volunteer).get("/api/v1/people").then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(personA.toString()));
        UUID colleague = TestData.createPerson(TestData.person(partnerA, placeA));
        as(volunteer).get("/api/v1/people/" + colleague).then().statusCode(404).contentType("application/problem+json");
        as(volunteer).queryParam("placeId", placeA.toString()).get("/api/v1/people").then().body("items.id", not(hasItem(colleague.toString())));
        problem(as(volunteer).contentType("application/json").body(TestData.person(partnerA, placeA)).put("/api/v1/people/" + personA).then(), 403);
        problem(as(volunteer).contentType("application/json").body(TestData.person(partnerA, placeA)).post("/api/v1/people").then(), 403);
        problem(as(volunteer).delete("/api/v1/people/" + personA).then(), 403);
        as(volunteer).delete("/api/v1/people/" + personA).then().body("detail", containsString("volunteer"))
                .body("detail", containsString("admin"));
        // a volunteer token without its person claim sees nobody
        as(Tokens.of("volunteer", null, null)).get("/api/v1/people").then().statusCode(200).body("total", equalTo(0));
        assertEquals(0, version(personA));
    }

    @Test
    void aPartnerAppSeesAndWritesItsOwnPeopleOnly() {
        // its own: read, list, create (owner defaults to its organisation), replace, delete
        as(appA).get("/api/v1/people/" + personA).then().statusCode(200).body("lastName", equalTo("Exemple"));
        as(appA).get("/api/v1/people").then().statusCode(200).body("items.id", hasItem(personA.toString()))
                .body("items.id", not(hasItem(personB.toString()))).body("items.partnerId", everyItem(equalTo(partnerA.toString())));
        String created = as(appA).contentType("application/json").body(TestData.person(null, placeA)).post("/api/v1/people").then()
                .statusCode(201).body("partnerId", equalTo(partnerA.toString())).extract().path("id");
        Map<String, Object> changed = TestData.person(null, placeA);
        changed.put("firstName", "Camille-Rose");
        as(appA).contentType("application/json").body(changed).put("/api/v1/people/" + created).then().statusCode(200)
                .body("firstName", equalTo("Camille-Rose")).body("partnerId", equalTo(partnerA.toString()));
        as(appA).delete("/api/v1/people/" + created).then().statusCode(204);

        // the other partner's: invisible, untouchable
        as(appA).get("/api/v1/people/" + personB).then().statusCode(404).body("detail", containsString("Aucune personne"));
        as(appA).queryParam("partnerId", partnerB.toString()).get("/api/v1/people").then().statusCode(200).body("total", equalTo(0));
        as(appA).queryParam("placeId", placeB.toString()).get("/api/v1/people").then().statusCode(200).body("total", equalTo(0));
        Map<String, Object> takeover = TestData.person(partnerA, placeA);
        problem(as(appA).contentType("application/json").body(takeover).put("/api/v1/people/" + personB).then(), 403);
        problem(as(appA).delete("/api/v1/people/" + personB).then(), 403);
        as(appA).delete("/api/v1/people/" + personB).then().body("detail", containsString(partnerB.toString()));
        assertEquals(0, version(personB));
        asAdmin().get("/api/v1/people/" + personB).then().statusCode(200).body("partnerId", equalTo(partnerB.toString()));

        // nor can it create people for B, put its own people at B's places, or give its person away to B
        long before = Person.count();
        problem(as(appA).contentType("application/json").body(TestData.person(partnerB, placeB)).post("/api/v1/people").then(), 403);
        problem(as(appA).contentType("application/json").body(TestData.person(partnerA, placeB)).post("/api/v1/people").then(), 403);
        problem(as(appA).contentType("application/json").body(TestData.person(partnerB, placeA)).put("/api/v1/people/" + personA).then(), 403);
        problem(as(appA).contentType("application/json").body(TestData.person(partnerA, placeB)).put("/api/v1/people/" + personA).then(), 403);
        problem(as(appA).contentType("application/json").body(TestData.person(partnerB, placeB)).put("/api/v1/people/" + UUID.randomUUID()).then(), 403);
        assertEquals(before, Person.count());
        assertEquals(0, version(personA));
    }

    @Test
    void anAgentManagesTheStaffOfItsOwnPartnerOnly() {
        String created = as(agentA).contentType("application/json").body(TestData.person(null, placeA)).post("/api/v1/people").then()
                .statusCode(201).body("partnerId", equalTo(partnerA.toString())).extract().path("id");
        as(agentA).get("/api/v1/people/" + created).then().statusCode(200);
        as(agentA).delete("/api/v1/people/" + created).then().statusCode(204);
        as(agentA).get("/api/v1/people/" + personB).then().statusCode(404);
        problem(as(agentA).contentType("application/json").body(TestData.person(partnerB, placeB)).put("/api/v1/people/" + personB).then(), 403);
        problem(as(agentA).delete("/api/v1/people/" + personB).then(), 403);
        assertEquals(0, version(personB));
    }

    @Test
    void someoneStaffingAnotherPartnersPlaceIsSeenThereButChangedOnlyByTheirOwner() {
        // the administrator lends B's volunteer to A's place
        Map<String, Object> lent = TestData.person(partnerB, placeB);
        lent.put("placeIds", List.of(placeB.toString(), placeA.toString()));
        asAdmin().contentType("application/json").body(lent).put("/api/v1/people/" + personB).then().statusCode(200);
        as(appA).get("/api/v1/people/" + personB).then().statusCode(200);
        as(appA).queryParam("placeId", placeA.toString()).get("/api/v1/people").then().body("items.id", hasItem(personB.toString()));
        problem(as(appA).contentType("application/json").body(lent).put("/api/v1/people/" + personB).then(), 403);
        problem(as(appA).delete("/api/v1/people/" + personB).then(), 403);
        // B keeps the assignment the administrator made when it changes its own volunteer
        lent.put("firstName", "Claude");
        as(appB).contentType("application/json").body(lent).put("/api/v1/people/" + personB).then().statusCode(200)
                .body("placeIds", hasItem(placeA.toString()));
    }

    @Test
    void theAdministratorSeesEveryoneAndOwnersAreDeducedFromPlaces() {
        asAdmin().get("/api/v1/people/" + personA).then().statusCode(200);
        asAdmin().get("/api/v1/people/" + personB).then().statusCode(200);
        asAdmin().queryParam("size", 100).get("/api/v1/people").then().statusCode(200);
        // no partnerId: the owner is the partner of the places when they agree, else it must be given
        asAdmin().contentType("application/json").body(TestData.person(null, placeB)).post("/api/v1/people").then()
                .statusCode(201).body("partnerId", equalTo(partnerB.toString()));
        Map<String, Object> twoPartners = TestData.person(null, placeA);
        twoPartners.put("placeIds", List.of(placeA.toString(), placeB.toString()));
        asAdmin().contentType("application/json").body(twoPartners).post("/api/v1/people").then().statusCode(422)
                .body("violations.field", hasItem("partnerId"));
        asAdmin().contentType("application/json").body(TestData.person(null, null)).post("/api/v1/people").then().statusCode(422)
                .body("violations.field", hasItem("partnerId"));
        asAdmin().delete("/api/v1/people/" + personB).then().statusCode(204);
    }

    @Test
    void aTokenWithoutItsOrganisationIsRefusedNamingTheClaim() {
        String noOrg = Tokens.of("partner-app", null, null);
        as(noOrg).get("/api/v1/people").then().statusCode(200).body("total", equalTo(0));
        problem(as(noOrg).contentType("application/json").body(TestData.person(partnerA, placeA)).post("/api/v1/people").then(), 403);
        as(noOrg).contentType("application/json").body(TestData.person(partnerA, placeA)).post("/api/v1/people").then()
                .body("detail", containsString("org"));
    }

    @Test
    void idempotencyKeysAreScopedToTheClient() {
        String key = "meme-cle-" + UUID.randomUUID();
        String first = as(appA).contentType("application/json").header("Idempotency-Key", key).body(TestData.person(null, placeA))
                .post("/api/v1/people").then().statusCode(201).extract().path("id");
        as(appA).contentType("application/json").header("Idempotency-Key", key).body(TestData.person(null, placeA))
                .post("/api/v1/people").then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        // the same key from B creates B's own person; it never receives A's
        String other = as(appB).contentType("application/json").header("Idempotency-Key", key).body(TestData.person(null, placeB))
                .post("/api/v1/people").then().statusCode(201).body("partnerId", equalTo(partnerB.toString())).extract().path("id");
        assertNotEquals(first, other);
    }

    static long version(UUID person) {
        return asAdmin().get("/api/v1/people/" + person).then().statusCode(200).extract().jsonPath().getLong("version");
    }
}
