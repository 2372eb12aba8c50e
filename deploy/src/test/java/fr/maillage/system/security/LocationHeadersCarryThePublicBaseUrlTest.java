package fr.maillage.system.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import fr.maillage.system.Gateway;

/**
 * Issue 16, item 14: behind the gateway, the Location of a created resource is the public URL the client used, host and
 * port included. The gateway sends X-Forwarded-Host (host:port as the client sent it), X-Forwarded-Port and
 * X-Forwarded-Proto, which the services honour from their trusted proxy (quarkus.http.proxy.*). Before, Location read
 * http://127.0.0.1/api/v1/partners/... (no :8080): a client following it reached nothing.
 */
class LocationHeadersCarryThePublicBaseUrlTest {

    @Test
    void aPartnerCreatedThroughTheGatewayIsLocatedOnTheGateway() {
        String location = Gateway.asAdmin().contentType("application/json")
                .body(Map.of("name", "Structure de test Location " + UUID.randomUUID().toString().substring(0, 8),
                        "typologies", List.of("MUNI")))
                .when().post("/api/v1/partners")
                .then().statusCode(201)
                .header("Location", matchesPattern(Pattern.quote(Gateway.URL) + "/api/v1/partners/[0-9a-f-]{36}"))
                .extract().header("Location");
        // and it leads to the partner, through the gateway
        String id = location.substring(location.lastIndexOf('/') + 1);
        Gateway.given().when().get(location.substring(Gateway.URL.length()))
                .then().statusCode(200).body("id", equalTo(id));
        assertTrue(location.startsWith(Gateway.URL + "/"), location);
    }

    @Test
    void aClientsOwnForwardedHeadersDoNotChooseTheLocation() {
        // the gateway sets X-Forwarded-* itself: what a client sends is not passed on
        String location = Gateway.asAdmin().contentType("application/json")
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "443")
                .header("Forwarded", "host=evil.example;proto=https")
                .body(Map.of("name", "Structure de test Forwarded " + UUID.randomUUID().toString().substring(0, 8),
                        "typologies", List.of("MUNI")))
                .when().post("/api/v1/partners")
                .then().statusCode(201).extract().header("Location");
        assertTrue(location.startsWith(Gateway.URL + "/api/v1/partners/"), location);
    }
}
