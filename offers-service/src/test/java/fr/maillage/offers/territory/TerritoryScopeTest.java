package fr.maillage.offers.territory;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The scope rules of issue 20 on real communes (commune_ref loaded from shared/data/communes.csv): département 80 has
 * 771 communes, EPCI 248000531 (Amiens Métropole) 39, all in the Somme; EPCI 200070985 (CC de l'Est de la Somme) has
 * communes in the Somme and the Aisne; EPCI 200069193 (CC de la Dombes) lies in the Ain.
 */
@QuarkusTest
class TerritoryScopeTest {
    private static final String PATH = "/test/territory-scope";

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @Test
    void adminSeesEveryTerritoryWithItsName() {
        as(Tokens.admin()).queryParam("departement", "80").get(PATH).then().statusCode(200)
                .body("territory.type", equalTo("departement")).body("territory.code", equalTo("80"))
                .body("territory.name", equalTo("Somme")).body("territory.departement", equalTo("80"))
                .body("territory.communeCodes", nullValue()).body("communes", equalTo(771));
        as(Tokens.admin()).queryParam("epci", "200069193").get(PATH).then().statusCode(200)
                .body("territory.name", equalTo("CC de la Dombes")).body("territory.departement", equalTo("01"));
        as(Tokens.admin()).queryParam("departement", "2a").get(PATH).then().statusCode(200)
                .body("territory.code", equalTo("2A")).body("territory.name", equalTo("Corse-du-Sud"));
        as(Tokens.admin()).queryParam("commune", "80021").queryParam("communeAllowed", true).get(PATH).then().statusCode(200)
                .body("territory.type", equalTo("commune")).body("territory.name", equalTo("Amiens")).body("communes", equalTo(1));
    }

    @Test
    void aSpreadEpciTakesTheDepartementOfMostOfItsCommunes() {
        as(Tokens.admin()).queryParam("epci", "200070985").get(PATH).then().statusCode(200)
                .body("territory.departement", equalTo("80")).body("communes", equalTo(41));
    }

    @Test
    void coordinatorOfAnEpciSeesItAndItsCommunesOnly() {
        String token = Tokens.coordinator("epci:248000531");
        as(token).queryParam("epci", "248000531").get(PATH).then().statusCode(200).body("communes", equalTo(39));
        as(token).queryParam("commune", "80021").queryParam("communeAllowed", true).get(PATH).then().statusCode(200);
        as(token).queryParam("departement", "80").get(PATH).then().spec(problem(403, "departement"))
                .body("detail", containsString("Ce territoire ne fait pas partie de ceux que vous coordonnez"));
        as(token).queryParam("epci", "200069193").get(PATH).then().spec(problem(403, "epci"));
        as(token).queryParam("commune", "80001").queryParam("communeAllowed", true).get(PATH).then().spec(problem(403, "commune"));
    }

    @Test
    void coordinatorOfADepartementMayAskAnEpciInsideItNotOneStraddlingTwo() {
        String token = Tokens.coordinator("dep:80");
        as(token).queryParam("departement", "80").get(PATH).then().statusCode(200);
        as(token).queryParam("epci", "248000531").get(PATH).then().statusCode(200);
        as(token).queryParam("epci", "200070985").get(PATH).then().spec(problem(403, "epci"));
        as(token).queryParam("departement", "02").get(PATH).then().spec(problem(403, "departement"));
        // the union of its territories covers the straddling EPCI
        as(Tokens.coordinator("dep:80", "dep:02")).queryParam("epci", "200070985").get(PATH).then().statusCode(200);
    }

    @Test
    void coordinatorWithoutTerritoryIsRefused() {
        as(Tokens.coordinator()).queryParam("epci", "248000531").get(PATH).then().spec(problem(403, "epci"));
    }

    @Test
    void otherRolesAndAnonymousAreRefused() {
        given().queryParam("epci", "248000531").get(PATH).then().spec(problem(401));
        as(Tokens.agent(UUID.randomUUID())).queryParam("epci", "248000531").get(PATH).then().spec(problem(403));
        as(Tokens.partnerApp(UUID.randomUUID())).queryParam("epci", "248000531").get(PATH).then().spec(problem(403));
        as(Tokens.volunteer(UUID.randomUUID())).queryParam("epci", "248000531").get(PATH).then().spec(problem(403));
    }

    @Test
    void malformedOrMissingSelectionsNameTheField() {
        String admin = Tokens.admin();
        as(admin).get(PATH).then().spec(problem(400, "departement"));
        as(admin).queryParam("departement", "80").queryParam("epci", "248000531").get(PATH).then().spec(problem(400, "departement"));
        as(admin).queryParam("departement", "8").get(PATH).then().spec(problem(400, "departement"));
        as(admin).queryParam("epci", "24800053").get(PATH).then().spec(problem(400, "epci"));
        as(admin).queryParam("commune", "8002").queryParam("communeAllowed", true).get(PATH).then().spec(problem(400, "commune"));
        as(admin).queryParam("commune", "80021").get(PATH).then().spec(problem(400, "commune"));
        as(admin).queryParam("departement", "99").get(PATH).then().spec(problem(404, "departement"));
        as(admin).queryParam("epci", "123456789").get(PATH).then().spec(problem(404, "epci"));
        as(admin).queryParam("commune", "80999").queryParam("communeAllowed", true).get(PATH).then().spec(problem(404, "commune"));
    }
}
