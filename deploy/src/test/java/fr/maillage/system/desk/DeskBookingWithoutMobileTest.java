package fr.maillage.system.desk;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.Tokens;
import io.restassured.response.Response;

/**
 * Issue 18, B.1, through the gateway: an agent of the France Services desk books for someone with no mobile phone and
 * no e-mail (the slip is the confirmation: reminderChannel none), or with only a landline (reminderChannel voice);
 * the public site (partner-app …0007) and a partner app keep the 422 naming person.phone, and a code booking too.
 * The desk's list shows each booking's first name, need, status, reminder channel and whether a link can be resent.
 */
class DeskBookingWithoutMobileTest {
    private static final String FS = Demo.id("PARTNER_FRANCE_SERVICES");
    private static final String SITE = Demo.id("PARTNER_SITE_PUBLIC");

    private static Response book(String token, String slotId, Map<String, Object> person, String verification) {
        Map<String, Object> body = new HashMap<>();
        body.put("slotId", slotId);
        body.put("person", person);
        body.put("need", Map.of("theme", "aide_demarches", "text", "Déclarer ses revenus"));
        if (verification != null) {
            body.put("verification", verification);
        }
        return Gateway.given().auth().oauth2(token).contentType("application/json").body(body).when().post("/api/v1/bookings");
    }

    private static Map<String, Object> person(String firstName, String phone) {
        Map<String, Object> person = new HashMap<>();
        person.put("firstName", firstName);
        person.put("phone", phone);
        person.put("smsConsent", false);
        person.put("emailConsent", false);
        return person;
    }

    @Test
    void theDeskBooksSomeoneWithoutMobileNorEmailAndTheSiteStillCannot() {
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(4);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_FRANCE_SERVICES"), FS, "permanence_individuelle", 5, 30,
                List.of(new AdHocOffers.Session(day, LocalTime.of(10, 0), LocalTime.of(10, 30))));
        String offerId = UUID.randomUUID().toString();
        String slotId = (String) AdHocOffers.publish(offerId, offer, 1).get(0).get("id");
        String agent = Tokens.agent(FS);

        String nobody = book(agent, slotId, person("Germaine", null), null).then().statusCode(201)
                .body("status", equalTo("confirmed")).body("reminderChannel", equalTo("none"))
                .body("person.phone", nullValue()).body("person.email", nullValue())
                .body("selfServiceLinkResendable", equalTo(false)).extract().path("id");
        String digits = "2" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String landline = "0" + digits;
        String fixe = book(agent, slotId, person("Lucien", landline), null).then().statusCode(201)
                .body("status", equalTo("confirmed")).body("reminderChannel", equalTo("voice"))
                .body("person.phone", equalTo("+33" + digits)).extract().path("id");

        // the public site and a partner app: today's refusals, nothing stored
        for (String token : List.of(Tokens.partnerApp(SITE), Tokens.partnerApp(FS))) {
            book(token, slotId, person("Paulette", null), null).then().statusCode(422)
                    .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                    .body("type", equalTo(ProblemJson.TYPE_BASE + "regle-non-respectee"))
                    .body("field", equalTo("person.phone"))
                    .body("detail", org.hamcrest.Matchers.containsString("téléphone ou une adresse e-mail"));
        }
        book(Tokens.partnerApp(SITE), slotId, person("Paulette", "02 99 00 00 01"), "code").then().statusCode(422)
                .body("field", equalTo("person.phone"));
        book(agent, slotId, person("Paulette", null), "code").then().statusCode(422).body("field", equalTo("person.phone"));

        // the desk's list: what the « Aujourd'hui » page shows
        var list = Gateway.given().auth().oauth2(agent).queryParam("slotId", slotId).when().get("/api/v1/bookings").then()
                .statusCode(200).body("total", equalTo(2)).extract().jsonPath();
        for (int i = 0; i < 2; i++) {
            String id = list.getString("items[" + i + "].id");
            assertEquals(id.equals(nobody) ? "Germaine" : "Lucien", list.getString("items[" + i + "].person.firstName"));
            assertEquals(id.equals(fixe) ? "voice" : "none", list.getString("items[" + i + "].reminderChannel"));
            assertEquals("aide_demarches", list.getString("items[" + i + "].need.theme"));
            assertEquals("confirmed", list.getString("items[" + i + "].status"));
            assertEquals(false, list.getBoolean("items[" + i + "].selfServiceLinkResendable"));
            assertEquals(offer.get("title"), list.getString("items[" + i + "].offer.title"));
        }
    }
}
