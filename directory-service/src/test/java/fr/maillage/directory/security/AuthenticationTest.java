package fr.maillage.directory.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.directory.TestData;
import fr.maillage.directory.domain.Partner;
import fr.maillage.platform.testing.ProblemAssert;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Bad tokens are 401 problem+json with a Bearer challenge, never a 500, on every kind of protected call. */
@QuarkusTest
class AuthenticationTest {

    static Map<String, String> badTokens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("garbage", "pas-un-jeton");
        tokens.put("three garbage segments", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        tokens.put("expired", Tokens.expired(null));
        tokens.put("another key", Tokens.signedByAnotherKey(null));
        tokens.put("another issuer", Tokens.otherIssuer(null));
        tokens.put("another audience", Tokens.otherAudience(null));
        String valid = Tokens.admin();
        tokens.put("tampered payload", valid.substring(0, valid.indexOf('.') + 1) + "eyJzdWIiOiJhZG1pbiIsImdyb3VwcyI6WyJhZG1pbiJdfQ"
                + valid.substring(valid.lastIndexOf('.')));
        return tokens;
    }

    static void refused(ValidatableResponse response, String why) {
        response.spec(ProblemAssert.problem(401)).header("WWW-Authenticate", startsWith("Bearer"))
                .body("title", equalTo("Authentification requise")).body("detail", containsString("Jeton refusé"))
                .body("instance", startsWith("/api/v1/"));
    }

    @Test
    void everyBadTokenIsRefusedOnReadsAndWrites() {
        UUID partner = TestData.createPartner("Jetons " + UUID.randomUUID());
        long partners = Partner.count();
        badTokens().forEach((why, token) -> {
            refused(given().auth().oauth2(token).get("/api/v1/people").then(), why);
            refused(given().auth().oauth2(token).contentType("application/json").body(TestData.partner("Intrus"))
                    .post("/api/v1/partners").then(), why);
            refused(given().auth().oauth2(token).contentType("application/json").body(TestData.place(partner, "Intrus"))
                    .put("/api/v1/places/" + UUID.randomUUID()).then(), why);
            refused(given().auth().oauth2(token).delete("/api/v1/partners/" + partner).then(), why);
        });
        org.junit.jupiter.api.Assertions.assertEquals(partners, Partner.count());
    }

    @Test
    void anotherSchemeThanBearerIsAnonymous() {
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/people").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void publicReadsIgnoreTheToken() {
        // authentication is not proactive: a public read never depends on the token, good or bad
        given().auth().oauth2("pas-un-jeton").get("/api/v1/communes/80212").then().statusCode(200);
        given().auth().oauth2(Tokens.expired(null)).queryParam("insee", "80212").get("/api/v1/places").then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/partners").then().statusCode(200);
    }

    @Test
    void aValidTokenWithAnUnknownRoleIsForbiddenNotUnauthorized() {
        given().auth().oauth2(Tokens.of("citoyen", null, null)).get("/api/v1/people").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("admin"));
    }
}
