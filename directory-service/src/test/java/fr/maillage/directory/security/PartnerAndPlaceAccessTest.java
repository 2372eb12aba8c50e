package fr.maillage.directory.security;

import static fr.maillage.directory.security.PeopleAccessTest.problem;
import static fr.maillage.platform.testing.Tokens.as;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.maillage.directory.TestData;
import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.domain.Place;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Partners and places: published information anyone may read, written by the administrator or by the
 * partner's own application, never by another partner's.
 */
@QuarkusTest
class PartnerAndPlaceAccessTest {
    UUID partnerA;
    UUID partnerB;
    UUID placeA;
    UUID placeB;
    String appA;

    @BeforeEach
    void twoPartners() {
        partnerA = TestData.createPartner("Commune de Romagné " + UUID.randomUUID());
        partnerB = TestData.createPartner("Médiathèque de Fougères " + UUID.randomUUID());
        placeA = TestData.createPlace(TestData.place(partnerA, "Mairie de Romagné"));
        placeB = TestData.createPlace(TestData.place(partnerB, "Médiathèque"));
        appA = Tokens.partnerApp(partnerA);
    }

    @Test
    void anonymousCallersReadPublishedDataButWriteNothing() {
        given().get("/api/v1/partners").then().statusCode(200);
        given().get("/api/v1/partners/" + partnerA).then().statusCode(200);
        given().get("/api/v1/places/" + placeA).then().statusCode(200);
        given().queryParam("partnerId", partnerA.toString()).get("/api/v1/places").then().statusCode(200).body("total", equalTo(1));
        given().queryParam("lat", 49.9085).queryParam("lon", 2.5090).queryParam("radiusKm", 5).get("/api/v1/places").then().statusCode(200);
        given().get("/api/v1/places/export").then().statusCode(200);
        given().get("/api/v1/places/export/data-inclusion").then().statusCode(200);
        given().get("/api/v1/communes/80212").then().statusCode(200);
        given().queryParam("q", "corbie").get("/api/v1/communes").then().statusCode(200);
        given().queryParam("departement", "80").queryParam("size", 1).get("/api/v1/coverage").then().statusCode(200);

        long partners = Partner.count();
        long places = Place.count();
        for (var r : List.of(
                given().contentType("application/json").body(TestData.partner("Anonyme")).post("/api/v1/partners").then(),
                given().contentType("application/json").body(TestData.partner("Anonyme")).put("/api/v1/partners/" + partnerA).then(),
                given().delete("/api/v1/partners/" + partnerB).then(),
                given().contentType("application/json").body(TestData.place(partnerA, "Anonyme")).post("/api/v1/places").then(),
                given().contentType("application/json").body(TestData.place(partnerA, "Anonyme")).put("/api/v1/places/" + placeA).then(),
                given().delete("/api/v1/places/" + placeA).then(),
                given().contentType("text/csv").body("id,nom\nx,y\n").post("/api/v1/places/import").then())) {
            problem(r, 401);
        }
        assertEquals(partners, Partner.count());
        assertEquals(places, Place.count());
        given().get("/api/v1/places/" + placeA).then().body("name", equalTo("Mairie de Romagné")).body("version", equalTo(0));
    }

    @Test
    void onlyTheAdministratorCreatesAndDeletesPartners() {
        for (String token : List.of(appA, Tokens.agent(partnerA), Tokens.volunteer(UUID.randomUUID()))) {
            problem(as(token).contentType("application/json").body(TestData.partner("Nouvelle structure")).post("/api/v1/partners").then(), 403);
            problem(as(token).delete("/api/v1/partners/" + partnerA).then(), 403);
        }
        as(appA).contentType("application/json").body(TestData.partner("x")).post("/api/v1/partners").then()
                .body("detail", containsString("partner-app")).body("detail", containsString("admin"));
        // a partner application cannot create its own partner either, even under its own id
        UUID future = UUID.randomUUID();
        problem(as(Tokens.partnerApp(future)).contentType("application/json").body(TestData.partner("Moi")).put("/api/v1/partners/" + future).then(), 403);
        given().get("/api/v1/partners/" + future).then().statusCode(404);
        UUID created = UUID.randomUUID();
        asAdmin().contentType("application/json").body(TestData.partner("Créée par l'administrateur")).put("/api/v1/partners/" + created)
                .then().statusCode(201);
        asAdmin().delete("/api/v1/partners/" + created).then().statusCode(204);
    }

    @Test
    void aPartnerAppUpdatesItsOwnPartnerOnly() {
        Map<String, Object> mine = TestData.partner("Commune de Romagné (mise à jour)");
        as(appA).contentType("application/json").body(mine).put("/api/v1/partners/" + partnerA).then().statusCode(200)
                .body("name", equalTo("Commune de Romagné (mise à jour)"));
        Map<String, Object> theirs = TestData.partner("Détournée");
        problem(as(appA).contentType("application/json").body(theirs).put("/api/v1/partners/" + partnerB).then(), 403);
        // an agent of the partner does not edit the structure itself
        problem(as(Tokens.agent(partnerA)).contentType("application/json").body(mine).put("/api/v1/partners/" + partnerA).then(), 403);
        given().get("/api/v1/partners/" + partnerB).then().body("version", equalTo(0));
    }

    @Test
    void aPartnerAppWritesThePlacesOfItsOwnPartnerOnly() {
        // its own places: create, replace, delete
        UUID created = UUID.fromString(as(appA).contentType("application/json").body(TestData.place(partnerA, "Nouveau lieu"))
                .post("/api/v1/places").then().statusCode(201).extract().path("id"));
        as(appA).contentType("application/json").body(TestData.place(partnerA, "Mairie de Romagné, salle du conseil"))
                .put("/api/v1/places/" + placeA).then().statusCode(200).body("version", equalTo(1));
        as(appA).delete("/api/v1/places/" + created).then().statusCode(204);

        long places = Place.count();
        // not for another partner, not another partner's, and never moving one over
        problem(as(appA).contentType("application/json").body(TestData.place(partnerB, "Pour B")).post("/api/v1/places").then(), 403);
        problem(as(appA).contentType("application/json").body(TestData.place(partnerB, "Pour B")).put("/api/v1/places/" + UUID.randomUUID()).then(), 403);
        problem(as(appA).contentType("application/json").body(TestData.place(partnerA, "Pris à B")).put("/api/v1/places/" + placeB).then(), 403);
        problem(as(appA).contentType("application/json").body(TestData.place(partnerB, "Donné à B")).put("/api/v1/places/" + placeA).then(), 403);
        problem(as(appA).delete("/api/v1/places/" + placeB).then(), 403);
        as(appA).delete("/api/v1/places/" + placeB).then().body("detail", containsString(partnerB.toString()));
        assertEquals(places, Place.count());
        given().get("/api/v1/places/" + placeB).then().body("partnerId", equalTo(partnerB.toString())).body("version", equalTo(0));
        given().get("/api/v1/places/" + placeA).then().body("partnerId", equalTo(partnerA.toString())).body("version", equalTo(1));

        // agents and volunteers do not edit places; the national import is the administrator's
        problem(as(Tokens.agent(partnerA)).contentType("application/json").body(TestData.place(partnerA, "Lieu d'agent")).post("/api/v1/places").then(), 403);
        problem(as(Tokens.volunteer(UUID.randomUUID())).delete("/api/v1/places/" + placeA).then(), 403);
        problem(as(appA).contentType("text/csv").body("id,nom\nx,y\n").post("/api/v1/places/import").then(), 403);
        // the administrator may move a place from one partner to another
        asAdmin().contentType("application/json").body(TestData.place(partnerB, "Transférée")).put("/api/v1/places/" + placeA).then()
                .statusCode(200).body("partnerId", equalTo(partnerB.toString()));
    }

    @Test
    void publicAnswersCarryNoPersonalDataOfPeople() {
        Map<String, Object> staff = TestData.person(partnerA, placeA);
        staff.put("firstName", "Gwenaëlle");
        staff.put("lastName", "Confidentielle");
        staff.put("phone", "06 39 98 07 77");
        staff.put("email", "gwenaelle.confidentielle@example.org");
        TestData.createPerson(staff);
        List<String> answers = List.of(
                given().get("/api/v1/places/" + placeA).asString(),
                given().queryParam("partnerId", partnerA.toString()).get("/api/v1/places").asString(),
                given().get("/api/v1/partners/" + partnerA).asString(),
                given().queryParam("size", 100).get("/api/v1/partners").asString(),
                given().queryParam("format", "csv").get("/api/v1/places/export").asString(),
                given().queryParam("format", "json").get("/api/v1/places/export").asString(),
                given().get("/api/v1/places/export/data-inclusion").asString());
        for (String answer : answers) {
            for (String personal : List.of("Gwenaëlle", "Confidentielle", "639980777", "98 07 77", "gwenaelle.confidentielle")) {
                assertFalse(answer.contains(personal), "personal data « " + personal + " » in a public answer");
            }
        }
        // while the place's own contact, published in the standard, is there
        given().get("/api/v1/places/" + placeA).then().body("phone", equalTo("+33322960000"));
        given().get("/api/v1/partners/" + partnerA).then().body("email", equalTo("mairie@example.org"));
        asAdmin().queryParam("placeId", placeA.toString()).get("/api/v1/people").then().body("items.lastName", hasItem("Confidentielle"));
    }
}
