package fr.maillage.system.security;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

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

/**
 * Issue 16, item 11, through the gateway: any agent or partner app could opt any number out of SMS, or learn whether a
 * number had opted out. Now only a number of a booking booked or hosted by the caller's organisation (or of a person
 * of the directory attached to it): another organisation gets 404, exactly as for a number nobody knows (whether the
 * number exists elsewhere is not revealed), and nothing changes. The administrator acts on any number.
 */
class OptOutsOfOwnOrganisationOnlyTest {
    private static final String OPT_OUTS = "/api/v1/notifications/opt-outs";

    @Test
    void onlyTheBookingsOrganisationsMayOptOutOrLookUpItsNumber() {
        String host = Demo.id("PARTNER_MISSION_LOCALE");
        String other = Demo.id("PARTNER_CCAS_BOIGNY");
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(8);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_MISSION_LOCALE"), host, "permanence_individuelle", 1, 30,
                List.of(new AdHocOffers.Session(day, LocalTime.of(14, 0), LocalTime.of(14, 30))));
        String slotId = (String) AdHocOffers.publish(UUID.randomUUID().toString(), offer, 1).get(0).get("id");
        People.Mobile mobile = People.newMobile();
        People.Mobile nobodys = People.newMobile();
        Gateway.given().auth().oauth2(Tokens.agent(host)).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", "Optout", "phone", mobile.national(), "smsConsent", true, "emailConsent", false),
                "need", Map.of("theme", "aide_demarches", "text", "Désinscription SMS"),
                "bookedBy", "agent"))
                .when().post("/api/v1/bookings").then().statusCode(201);

        // the host's agent, once notification has the booking
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> Gateway.given().auth()
                .oauth2(Tokens.agent(host)).when().get(OPT_OUTS + "/" + mobile.e164()).then().extract().statusCode() == 200);

        // another organisation: 404 for this number as for a number nobody has, and nothing is recorded
        for (String number : List.of(mobile.e164(), mobile.national(), nobodys.e164())) {
            for (String token : List.of(Tokens.agent(other), Tokens.partnerApp(other))) {
                Gateway.given().auth().oauth2(token).contentType("application/json").body(Map.of("phone", number)).when()
                        .post(OPT_OUTS).then().spec(ProblemJson.problem(ProblemJson.Kind.NOT_FOUND)).body("field", equalTo("phone"));
            }
            Gateway.given().auth().oauth2(Tokens.agent(other)).when().get(OPT_OUTS + "/" + number.replace(" ", "")).then()
                    .spec(ProblemJson.problem(ProblemJson.Kind.NOT_FOUND)).body("field", equalTo("phone"));
        }
        Gateway.given().auth().oauth2(Tokens.agent(host)).when().get(OPT_OUTS + "/" + nobodys.e164()).then()
                .spec(ProblemJson.problem(ProblemJson.Kind.NOT_FOUND));
        Gateway.given().auth().oauth2(Tokens.admin()).when().get(OPT_OUTS + "/" + mobile.e164()).then().statusCode(200)
                .body("optedOut", equalTo(false));

        // the booking's organisation records the person's refusal; the administrator sees it and may lift it
        Gateway.given().auth().oauth2(Tokens.partnerApp(host)).contentType("application/json").body(Map.of("phone", mobile.national()))
                .when().post(OPT_OUTS).then().statusCode(201).body("phone", equalTo(mobile.e164()));
        Gateway.given().auth().oauth2(Tokens.admin()).when().get(OPT_OUTS + "/" + mobile.e164()).then().statusCode(200)
                .body("optedOut", equalTo(true));
        Gateway.given().auth().oauth2(Tokens.admin()).when().delete(OPT_OUTS + "/" + mobile.e164()).then().statusCode(204);
    }
}
