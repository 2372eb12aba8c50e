package fr.maillage.system;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import fr.maillage.deploy.DevToken;
import io.restassured.RestAssured;

/**
 * Tokens for the system tests. Minted ones, like {@code deploy/maillage token}, for any ad-hoc organisation: signed with
 * the development key of the running stack ($MAILLAGE_RUN/jwt/private.pem), which deploy/infra/keycloak.sh imports as
 * the realm's active key, under the realm's issuer and Keycloak's key id — the services trust that realm only. And real
 * ones, asked of the local Keycloak ({@link #fromKeycloak}, {@link #ofDemoUser}) for the realm's demo clients and users
 * (deploy/keycloak/maillage-realm.json).
 */
public final class Tokens {
    private Tokens() {
    }

    public static String admin() {
        return admin("system-test-admin");
    }

    /** An administrator's token with its own subject (the gateway counts each token as one client). */
    public static String admin(String subject) {
        return mint(Map.of("role", "admin", "sub", subject));
    }

    public static String agent(String org) {
        return mint(Map.of("role", "agent", "org", org, "sub", "system-test-agent@" + org));
    }

    public static String partnerApp(String org) {
        return mint(Map.of("role", "partner-app", "org", org, "sub", "system-test-app@" + org));
    }

    public static String volunteer(String person) {
        return mint(Map.of("role", "volunteer", "person", person, "sub", "system-test-volunteer@" + person));
    }

    /**
     * A coordinator of {@code territories} ({@code epci:<SIREN>}, {@code dep:<code>}): the claim {@code territory} is an
     * array, as in the realm's tokens (multivalued user attribute); none at all → no claim.
     */
    public static String coordinator(String... territories) {
        Map<String, String> options = new HashMap<>(Map.of("role", "coordinator",
                "sub", "system-test-coordinator@" + String.join(",", territories)));
        if (territories.length > 0) {
            options.put("territory", String.join(",", territories));
        }
        return mint(options);
    }

    /** A token of {@code role} for {@code org} (may be null) with its own subject: a caller of its own for the rate limits. */
    public static String withSubject(String role, String org, String subject) {
        Map<String, String> options = new HashMap<>(Map.of("role", role, "sub", subject));
        if (org != null) {
            options.put("org", org);
        }
        return mint(options);
    }

    /** A token of {@code role} for {@code org} under its own subject, issued now for {@code ttl} (ISO-8601, e.g. P30D). */
    public static String withLifetime(String role, String org, String subject, String ttl) {
        return mint(Map.of("role", role, "org", org, "sub", subject, "ttl", ttl));
    }

    /** The realm the services trust (deploy/infra/keycloak.sh): {@code $MAILLAGE_ISSUER}, else the local Keycloak's. */
    public static String issuer() {
        return DevToken.issuer();
    }

    /** A client's access token from the local Keycloak by client credentials (a partner app's service account). */
    public static String fromKeycloak(String clientId, String secret) {
        return keycloakToken(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /**
     * A demo user's access token from the local Keycloak by the password grant of the public development client
     * {@code maillage-dev-cli} (the only client of the realm allowing it: API tests and curl, never a page).
     */
    public static String ofDemoUser(String username, String password) {
        return keycloakToken(Map.of("grant_type", "password", "client_id", "maillage-dev-cli", "username", username,
                "password", password));
    }

    /** A token of the token endpoint of {@code issuer} (a Keycloak realm's URL) for these form parameters. */
    public static String keycloakToken(String issuer, Map<String, String> form) {
        return RestAssured.given().baseUri(issuer).formParams(form)
                .when().post("/protocol/openid-connect/token")
                .then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    private static String keycloakToken(Map<String, String> form) {
        return keycloakToken(issuer(), form);
    }

    static String mint(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.put("key", Path.of(System.getenv().getOrDefault("MAILLAGE_RUN", "./.run"), "jwt", "private.pem").toString());
        try {
            return DevToken.mint(all);
        } catch (Exception e) {
            throw new IllegalStateException("could not mint a test token: " + e.getMessage(), e);
        }
    }
}
