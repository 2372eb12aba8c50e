package fr.maillage.system.desk;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.SmsStub;
import fr.maillage.system.Tokens;

/**
 * Issue 18, B.2, through the gateway: the desk resends a person's self-service link — 202 {sentTo: sms}, a new link
 * reaches the person's mobile by SMS (SMS stub), it opens while the old one no longer does; a booking without mobile
 * nor e-mail answers 422 (person), a cancelled one 409, another structure 403.
 */
class SelfServiceLinkResendTest {
    private static final String FS = Demo.id("PARTNER_FRANCE_SERVICES");
    private static final Pattern LINK = Pattern.compile("/rdv/([A-Za-z0-9_-]{20,})");

    private static String token(String text) {
        Matcher m = LINK.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static io.restassured.response.Response resend(String token, String id) {
        return Gateway.given().auth().oauth2(token).when().post("/api/v1/bookings/" + id + "/self-service-link");
    }

    private static String book(String agent, String slotId, Map<String, Object> person) {
        return Gateway.given().auth().oauth2(agent).contentType("application/json").body(Map.of("slotId", slotId,
                "person", person, "need", Map.of("theme", "aide_demarches", "text", "Carte grise")))
                .when().post("/api/v1/bookings").then().statusCode(201).extract().path("id");
    }

    @Test
    void theDeskSendsANewLinkBySmsAndTheOldOneNoLongerOpens() {
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(5);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_FRANCE_SERVICES"), FS, "permanence_individuelle", 5, 30,
                List.of(new AdHocOffers.Session(day, LocalTime.of(14, 0), LocalTime.of(14, 30))));
        String slotId = (String) AdHocOffers.publish(UUID.randomUUID().toString(), offer, 1).get(0).get("id");
        String agent = Tokens.agent(FS);
        People.Mobile mobile = People.newMobile();

        var created = Gateway.given().auth().oauth2(agent).contentType("application/json").body(Map.of("slotId", slotId,
                "person", Map.of("firstName", "Odette", "phone", mobile.national(), "smsConsent", true, "emailConsent", false),
                "need", Map.of("theme", "aide_demarches", "text", "Carte grise")))
                .when().post("/api/v1/bookings").then().statusCode(201).body("reminderChannel", equalTo("sms"))
                .body("selfServiceLinkResendable", equalTo(true)).extract();
        String id = created.path("id");
        String oldToken = token(created.path("selfServiceUrl"));
        Gateway.given().when().get("/api/v1/bookings/self/" + oldToken).then().statusCode(200);

        resend(agent, id).then().statusCode(202).body("sentTo", equalTo("sms"));

        // the person receives the new link by SMS (the confirmation carried the old one)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> newToken(mobile, oldToken).isPresent());
        String newToken = newToken(mobile, oldToken).orElseThrow();
        assertNotEquals(oldToken, newToken);
        Gateway.given().when().get("/api/v1/bookings/self/" + newToken).then().statusCode(200).body("id", equalTo(id));
        Gateway.given().when().get("/api/v1/bookings/self/" + oldToken).then().spec(ProblemJson.problem(ProblemJson.Kind.NOT_FOUND));
        assertEquals(1, SmsStub.to(mobile.e164()).stream().filter(s -> newToken.equals(token(s.text()))).count(),
                "one SMS with the new link");

        // refusals
        resend(Tokens.agent(Demo.id("PARTNER_VAL_DE_SOMME")), id).then().spec(ProblemJson.problem(ProblemJson.Kind.FORBIDDEN));
        String nobody = book(agent, slotId, Map.of("firstName", "Gaston", "smsConsent", false, "emailConsent", false));
        resend(agent, nobody).then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("field", equalTo("person"));
        Gateway.given().auth().oauth2(agent).contentType("application/json").body(Map.of("cancelledBy", "service"))
                .when().post("/api/v1/bookings/" + id + "/cancel").then().statusCode(200);
        resend(agent, id).then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("field", equalTo("status"));
    }

    private static Optional<String> newToken(People.Mobile mobile, String oldToken) {
        return SmsStub.to(mobile.e164()).stream().map(s -> token(s.text()))
                .filter(t -> t != null && !t.equals(oldToken)).findFirst();
    }
}
