package fr.maillage.system.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.Tokens;
import io.restassured.path.json.JsonPath;

/**
 * Issue 16, item 12: the self-service link's token was stored in clear, and a cancelled booking still showed the
 * person's name, phone and e-mail through its link. Now only a SHA-256 of the token is stored (looked up by it), and
 * after cancellation the link shows the status only. (Its expiry, 30 days after the appointment by default, cannot be
 * reached on a live stack: booking-service's SelfServiceLinkTest moves a session into the past for it.)
 */
class SelfServiceLinkTest {

    @Test
    void onlyAHashIsStoredAndACancelledBookingShowsItsStatusOnly() throws Exception {
        String partner = Demo.id("PARTNER_FRANCE_SERVICES");
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(9);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_FRANCE_SERVICES"), partner, "permanence_individuelle", 2, 30,
                List.of(new AdHocOffers.Session(day, LocalTime.of(11, 0), LocalTime.of(11, 30))));
        String slotId = (String) AdHocOffers.publish(UUID.randomUUID().toString(), offer, 1).get(0).get("id");
        People.Mobile mobile = People.newMobile();
        String email = "lien-" + UUID.randomUUID().toString().substring(0, 8) + "@exemple.fr";
        JsonPath booking = Gateway.given().auth().oauth2(Tokens.partnerApp(partner)).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", "Maëlle", "lastName", "Lien", "phone", mobile.national(), "email", email,
                        "smsConsent", false, "emailConsent", false),
                "need", Map.of("theme", "aide_demarches", "text", "Lien personnel"),
                "bookedBy", "citizen"))
                .when().post("/api/v1/bookings").then().statusCode(201).extract().jsonPath();
        String id = booking.getString("id");
        String link = booking.getString("selfServiceUrl");
        String token = link.substring(link.lastIndexOf('/') + 1);

        try (Connection db = fr.maillage.system.Infra.connect("booking")) {
            try (PreparedStatement row = db.prepareStatement(
                    "SELECT token_hash, strpos(CAST(row_to_json(b) AS text), ?) FROM booking b WHERE id = CAST(? AS uuid)")) {
                row.setString(1, token);
                row.setString(2, id);
                try (ResultSet r = row.executeQuery()) {
                    r.next();
                    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(StandardCharsets.UTF_8)));
                    assertEquals(sha256, r.getString(1), "the stored form is the token's SHA-256");
                    assertEquals(0, r.getInt(2), "the token itself is nowhere in the booking's row");
                }
            }
        }

        String self = "/api/v1/bookings/self/" + token;
        Gateway.given().when().get(self).then().statusCode(200).body("id", equalTo(id)).body("person.email", equalTo(email));
        String cancelled = Gateway.given().when().delete(self).then().statusCode(200)
                .body("status", equalTo("cancelled_by_citizen")).body("person", nullValue()).extract().asString();
        String shown = Gateway.given().when().get(self).then().statusCode(200).body("status", equalTo("cancelled_by_citizen"))
                .body("person", nullValue()).body("need", nullValue()).extract().asString();
        for (String body : List.of(cancelled, shown)) {
            for (String personal : List.of(email, mobile.e164(), "Maëlle", "Lien personnel")) {
                assertFalse(body.contains(personal), "personal data shown after cancellation: " + personal);
            }
        }
    }
}
