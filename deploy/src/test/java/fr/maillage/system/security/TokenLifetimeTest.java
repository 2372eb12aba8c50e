package fr.maillage.system.security;

import static fr.maillage.system.ProblemJson.problem;

import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.ProblemJson.Kind;
import fr.maillage.system.Tokens;

/**
 * Issue 16, item 13: a token lives at most 24 hours from its issue (maillage.security.max-token-lifetime). A token
 * signed with the right key but issued for 30 days is refused by every service, through the gateway, like an invalid
 * one; the same caller with a 23-hour token is served. Before the fix, any lifetime was accepted.
 */
class TokenLifetimeTest {
    private static String token(String role, String ttl) {
        return Tokens.withLifetime(role, Demo.id("PARTNER_FRANCE_SERVICES"), "lifetime-" + ttl, ttl);
    }

    @Test
    void aTokenIssuedForThirtyDaysIsRefusedEverywhere() {
        String longLived = token("agent", "P30D");
        for (String path : new String[] { "/api/v1/people", "/api/v1/bookings", "/api/v1/notifications" }) {
            Gateway.given().auth().oauth2(longLived).when().get(path).then().spec(problem(Kind.UNAUTHORIZED));
        }
        Gateway.given().auth().oauth2(longLived).contentType("application/json").body(Map.of("name", "Jeton trop long"))
                .when().post("/api/v1/partners").then().spec(problem(Kind.UNAUTHORIZED));
    }

    @Test
    void aTokenWithinTheMaximumIsServed() {
        String shortLived = token("agent", "PT23H");
        Gateway.given().auth().oauth2(shortLived).when().get("/api/v1/people").then().statusCode(200);
        Gateway.given().auth().oauth2(shortLived).when().get("/api/v1/bookings").then().statusCode(200);
    }
}
