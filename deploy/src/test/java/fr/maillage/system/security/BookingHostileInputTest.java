package fr.maillage.system.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
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

/**
 * Issue 16, item 8 on booking's own paths: {@code GET /api/v1/slots?from=%2B1000000-01-01T00:00:00Z} answered 500
 * (anonymous), and {@code need.theme} was not checked against the offer's themes. Now: 400 naming {@code from}, 422
 * naming {@code need.theme}, nothing stored.
 */
class BookingHostileInputTest {

    @Test
    void aTimeBeyondYear9999IsA400NamingTheParameter() {
        for (String param : List.of("from", "to")) {
            Gateway.given().urlEncodingEnabled(false).when().get("/api/v1/slots?" + param + "=%2B1000000-01-01T00:00:00Z")
                    .then().spec(ProblemJson.problem(ProblemJson.Kind.BAD_REQUEST)).body("field", equalTo(param));
        }
        Gateway.given().auth().oauth2(Tokens.admin()).urlEncodingEnabled(false).when()
                .get("/api/v1/bookings?from=%2B1000000-01-01T00:00:00Z").then()
                .spec(ProblemJson.problem(ProblemJson.Kind.BAD_REQUEST)).body("field", equalTo("from"));
    }

    @Test
    void theNeedsThemeIsOneOfTheOffersThemes() {
        String partner = Demo.id("PARTNER_CCAS_MARIGNY");
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(8);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_CCAS_MARIGNY"), partner, "permanence_individuelle", 2, 30,
                List.of(new AdHocOffers.Session(day, LocalTime.of(9, 0), LocalTime.of(9, 30))));
        offer.put("themes", List.of("aide_demarches"));
        String slotId = (String) AdHocOffers.publish(UUID.randomUUID().toString(), offer, 1).get(0).get("id");
        String agent = Tokens.agent(partner);
        for (String theme : List.of("parentalite", "pas-un-theme")) {
            Gateway.given().auth().oauth2(agent).contentType("application/json").body(Map.of(
                    "slotId", slotId,
                    "person", Map.of("firstName", "Théo", "phone", People.newMobile().national(), "smsConsent", false,
                            "emailConsent", false),
                    "need", Map.of("theme", theme, "text", "Un thème que l'offre n'a pas"),
                    "bookedBy", "agent"))
                    .when().post("/api/v1/bookings").then().statusCode(422)
                    .header("Content-Type", startsWith("application/problem+json"))
                    .body("type", equalTo(ProblemJson.TYPE_BASE + "regle-non-respectee")).body("field", equalTo("need.theme"));
        }
        Gateway.given().auth().oauth2(agent).queryParam("slotId", slotId).when().get("/api/v1/bookings").then()
                .statusCode(200).body("total", equalTo(0));
        Gateway.given().when().get("/api/v1/slots/" + slotId).then().statusCode(200).body("confirmed", equalTo(0));
    }
}
