package fr.maillage.system.desk;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.Tokens;
import io.restassured.path.json.JsonPath;

/**
 * Issue 18 A: the services trust the local Keycloak (deploy/infra/keycloak.sh, realm deploy/keycloak/maillage-realm.json)
 * and read roles and organisation from its tokens as from the minted ones.
 * <ol>
 * <li>the département's portal (client {@code portail-departement-35}, acting for France Services de Fougères) gets a
 * token by <b>client credentials</b>, publishes a permanence at the France Services desk and books it for a citizen
 * through the gateway;</li>
 * <li>the France Services agent {@code agent.fougeres} signs in (password grant of the demo user) and lists its
 * structure's bookings: the booking is there, with the person's phone; the Corbie secretary's Keycloak token (another
 * structure) does not see it; a minted agent token of the same structure sees the same list (both kinds side by side);</li>
 * <li>a token of the same realm for a client without the {@code maillage} audience ({@code autre-application}, with
 * role partner-app and the same organisation) and a token of another realm (Keycloak's {@code master}: another issuer
 * and key) are 401, as problem+json, and book nothing.</li>
 * </ol>
 * Fails on the code before issue 18: no Keycloak ran, and the services trusted the development issuer only.
 */
class KeycloakTokensJourneyTest {
    private static final String FRANCE_SERVICES = Demo.id("PARTNER_FRANCE_SERVICES");

    @Test
    void partnerAppBooksWithClientCredentialsAndTheAgentSeesItWithItsOwnSignIn() {
        // 1. the portal's token: Keycloak's, by client credentials; its claims are what the realm's mappers put in
        String portal = Tokens.fromKeycloak("portail-departement-35", "portail-departement-35-dev-secret");
        JsonPath claims = claims(portal);
        assertEquals(Tokens.issuer(), claims.getString("iss"));
        assertEquals(List.of("partner-app"), claims.getList("groups"));
        assertEquals(FRANCE_SERVICES, claims.getString("org"));
        assertEquals("portail-departement-35", claims.getString("azp"), "a token of Keycloak, not a minted one");

        // a permanence of its own structure, published with that token (offers-service reads the organisation too)
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(12);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_FRANCE_SERVICES"), FRANCE_SERVICES, "permanence_individuelle",
                3, 30, List.of(new AdHocOffers.Session(day, LocalTime.of(14, 0), LocalTime.of(14, 30))));
        String offerId = UUID.randomUUID().toString();
        Gateway.given().auth().oauth2(portal).contentType("application/json").body(offer).when().put("/api/v1/offers/" + offerId)
                .then().statusCode(anyOf(is(201), is(200)));
        Gateway.given().auth().oauth2(portal).when().post("/api/v1/offers/" + offerId + "/publish").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> AdHocOffers.slots(offerId).size() == 1);
        String slotId = (String) AdHocOffers.slots(offerId).get(0).get("id");

        // ... and booked for a citizen through the gateway
        People.Mobile mobile = People.newMobile();
        String bookingId = Gateway.given().auth().oauth2(portal).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", "Odette", "phone", mobile.national(), "smsConsent", true, "emailConsent", false),
                "need", Map.of("theme", "aide_demarches", "text", "Renouveler ma carte grise"),
                "bookedBy", "partner_app",
                "partnerId", FRANCE_SERVICES))
                .when().post("/api/v1/bookings").then().statusCode(201)
                .body("status", equalTo("confirmed")).body("person.phone", equalTo(mobile.e164()))
                .extract().jsonPath().getString("id");

        // 2. the France Services agent signs in (Keycloak) and finds it in its structure's list, phone included
        String agent = Tokens.ofDemoUser("agent.fougeres", "demo");
        JsonPath agentClaims = claims(agent);
        assertEquals(List.of("agent"), agentClaims.getList("groups"));
        assertEquals(FRANCE_SERVICES, agentClaims.getString("org"));
        assertTrue(listedIds(agent, slotId).contains(bookingId), "the booking is in agent.fougeres's list");
        Gateway.given().auth().oauth2(agent).when().get("/api/v1/bookings/" + bookingId)
                .then().statusCode(200).body("person.phone", equalTo(mobile.e164()));
        // the same list for a minted token of the same structure (ad-hoc tokens keep working beside Keycloak's)
        assertEquals(listedIds(agent, slotId), listedIds(Tokens.agent(FRANCE_SERVICES), slotId));
        // another structure's secretary (Keycloak user of the CC Val de Somme) neither lists nor reads it
        String corbie = Tokens.ofDemoUser("secretaire.corbie", "demo");
        assertFalse(listedIds(corbie, slotId).contains(bookingId), "another structure's agent does not see the booking");
        Gateway.given().auth().oauth2(corbie).when().get("/api/v1/bookings/" + bookingId)
                .then().statusCode(anyOf(is(403), is(404))).body(not(containsString(mobile.e164())));

        // 3. a token of the realm without the maillage audience — same role and organisation — is refused
        String otherApp = Tokens.fromKeycloak("autre-application", "autre-application-dev-secret");
        JsonPath otherClaims = claims(otherApp);
        assertEquals(List.of("partner-app"), otherClaims.getList("groups"));
        assertEquals(FRANCE_SERVICES, otherClaims.getString("org"));
        Object audience = otherClaims.get("aud");
        assertFalse(String.valueOf(audience).contains("maillage"), "no maillage audience: " + audience);
        People.Mobile other = People.newMobile();
        Gateway.given().auth().oauth2(otherApp).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", "Odile", "phone", other.national(), "smsConsent", true, "emailConsent", false),
                "need", Map.of("theme", "aide_demarches", "text", "Autre application"),
                "bookedBy", "partner_app",
                "partnerId", FRANCE_SERVICES))
                .when().post("/api/v1/bookings").then().spec(ProblemJson.problem(ProblemJson.Kind.UNAUTHORIZED));
        Gateway.given().auth().oauth2(otherApp).when().get("/api/v1/bookings/" + bookingId)
                .then().spec(ProblemJson.problem(ProblemJson.Kind.UNAUTHORIZED));
        // ... and so is a token of another realm of the same Keycloak (issuer .../realms/master, its own key)
        String masterIssuer = Tokens.issuer().replace("/realms/maillage", "/realms/master");
        String foreign = Tokens.keycloakToken(masterIssuer, Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "admin", "password", "admin"));
        assertEquals(masterIssuer, claims(foreign).getString("iss"));
        Gateway.given().auth().oauth2(foreign).when().get("/api/v1/bookings").then().spec(ProblemJson.problem(ProblemJson.Kind.UNAUTHORIZED));
        // nothing was booked by the refused callers: the slot holds the portal's booking only
        assertEquals(List.of(bookingId), listedIds(agent, slotId));
    }

    /** Every booking id of the agent's list for that slot, page after page. */
    private static List<String> listedIds(String token, String slotId) {
        List<String> ids = new ArrayList<>();
        for (int page = 0; page < 20; page++) {
            List<String> items = Gateway.given().auth().oauth2(token).queryParam("slotId", slotId).queryParam("size", 100)
                    .queryParam("page", page).when().get("/api/v1/bookings").then().statusCode(200).extract().jsonPath()
                    .getList("items.id");
            ids.addAll(items);
            if (items.size() < 100) {
                break;
            }
        }
        return ids;
    }

    /** The claims of a token (read, not verified: the services verify). */
    private static JsonPath claims(String token) {
        String payload = token.split("\\.")[1];
        return new JsonPath(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }
}
