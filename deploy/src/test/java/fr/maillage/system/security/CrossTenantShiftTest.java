package fr.maillage.system.security;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
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
import io.restassured.response.Response;

/**
 * Issue 16, item 1: a partner's application assigned a person of another organisation to one of its shifts (201, and
 * that person got an e-mail « Nouvelle permanence »), and an unknown personId was accepted too. Now a shift names only
 * a person known to the directory (booking's read model of directory.people.v1) who belongs to the slot's host
 * structure: 403 for another organisation's person, 422 for an unknown one, nothing stored either way.
 */
class CrossTenantShiftTest {
    private static final String HOST = Demo.id("PARTNER_CCAS_BOIGNY");

    private static Response assign(String token, String slotId, String personId) {
        return Gateway.given().auth().oauth2(token).contentType("application/json").body(Map.of("personId", personId))
                .when().post("/api/v1/slots/" + slotId + "/shifts");
    }

    /** A new volunteer of {@code partner}, recorded in the directory by that partner's application. */
    private static String volunteerOf(String partner, String place) {
        String id = UUID.randomUUID().toString();
        Gateway.given().auth().oauth2(Tokens.partnerApp(partner)).contentType("application/json").body(Map.of(
                "role", "benevole", "firstName", "Alix", "lastName", "Bénévole (fictif)",
                "phone", People.newMobile().national(), "notifySms", false, "notifyEmail", false,
                "placeIds", List.of(place)))
                .when().put("/api/v1/people/" + id).then().statusCode(201);
        return id;
    }

    @Test
    void aShiftNamesOnlyAPersonOfTheHostStructureKnownToTheDirectory() {
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(6);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_CCAS_BOIGNY"), HOST, "permanence_individuelle", 2, 60,
                List.of(new AdHocOffers.Session(day, LocalTime.of(14, 0), LocalTime.of(15, 0))));
        String slotId = (String) AdHocOffers.publish(UUID.randomUUID().toString(), offer, 1).get(0).get("id");
        String ours = volunteerOf(HOST, Demo.id("PLACE_CCAS_BOIGNY"));
        String otherOrgsVolunteer = volunteerOf(Demo.id("PARTNER_CCAS_MARIGNY"), Demo.id("PLACE_CCAS_MARIGNY"));
        String unknown = UUID.randomUUID().toString();
        // booking learns people from directory.people.v1, a moment after the directory recorded them
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> assign(Tokens.admin(), slotId, otherOrgsVolunteer).statusCode() != 422);

        for (String token : List.of(Tokens.partnerApp(HOST), Tokens.agent(HOST), Tokens.admin())) {
            assign(token, slotId, otherOrgsVolunteer).then().spec(ProblemJson.problem(ProblemJson.Kind.FORBIDDEN))
                    .body("field", equalTo("personId"));
            assign(token, slotId, unknown).then().statusCode(422)
                    .header("Content-Type", org.hamcrest.Matchers.startsWith("application/problem+json"))
                    .body("type", equalTo(ProblemJson.TYPE_BASE + "regle-non-respectee")).body("field", equalTo("personId"));
        }
        // nothing stored: no shift for either (hence no ShiftAssigned event, no « Nouvelle permanence » to anyone)
        Gateway.given().auth().oauth2(Tokens.agent(HOST)).when().get("/api/v1/slots/" + slotId + "/shifts").then()
                .statusCode(200).body("personId", not(hasItem(otherOrgsVolunteer))).body("personId", not(hasItem(unknown)));
        Gateway.given().auth().oauth2(Tokens.admin()).queryParam("personId", otherOrgsVolunteer).when()
                .get("/api/v1/bookings/shifts").then().statusCode(200).body("items.slotId", not(hasItem(slotId)));

        // the host's own volunteer is assigned as before
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> assign(Tokens.partnerApp(HOST), slotId, ours).statusCode() != 422);
        Gateway.given().auth().oauth2(Tokens.agent(HOST)).when().get("/api/v1/slots/" + slotId + "/shifts").then()
                .statusCode(200).body("personId", hasItem(ours));
    }
}
