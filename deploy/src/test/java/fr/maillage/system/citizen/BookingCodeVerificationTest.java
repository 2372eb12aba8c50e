package fr.maillage.system.citizen;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.SmsStub;
import fr.maillage.system.Tokens;
import io.restassured.response.Response;
import io.restassured.specification.ResponseSpecification;
import io.restassured.builder.ResponseSpecBuilder;

/**
 * Issue 17: a booking from the public site is confirmed only by the 6-digit code sent to the person's phone. Through the
 * gateway, as the public site (a partner app of its own): the booking is pending and holds the seat; the code arrives at
 * the SMS provider (and nothing else does); typing it confirms the booking, and only then the confirmation SMS with the
 * /rdv/ link is sent. Three wrong codes refuse it and give the seat back (booking's and offers' seat counts).
 * Fails on the code before issue 17: "verification" was an unknown member (400) and no code was ever sent.
 */
class BookingCodeVerificationTest {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    /** The public site books under one constant subject, as the web module does. */
    private static final String SITE = Tokens.withSubject("partner-app", Demo.id("PARTNER_ROMAGNE"),
            "system-test-citizen-site");

    /** A one-seat session of a new offer at Romagné, in five days, without waiting list. */
    private static Map<String, Object> oneSeat() {
        String offerId = UUID.randomUUID().toString();
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_ROMAGNE"), Demo.id("PARTNER_ROMAGNE"),
                "permanence_individuelle", 1, 45, List.of(new AdHocOffers.Session(
                        LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(5), LocalTime.of(10, 0), LocalTime.of(10, 45))));
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = (Map<String, Object>) offer.get("bookingRules");
        rules.put("waitingList", false);
        return AdHocOffers.publish(offerId, offer, 1).get(0);
    }

    private static Map<String, Object> body(Object slotId, People.Mobile mobile) {
        Map<String, Object> person = new HashMap<>(Map.of("firstName", "Odette", "phone", mobile.national(),
                "smsConsent", true, "emailConsent", false, "residenceInsee", "35243"));
        return Map.of("slotId", slotId, "person", person, "need", Map.of("theme", "aide_demarches", "text", "Créer mon compte ameli"),
                "bookedBy", "citizen", "verification", "code");
    }

    private static Response verify(String bookingId, String code) {
        return Gateway.given().auth().oauth2(SITE).contentType("application/json").body(Map.of("code", code))
                .when().post("/api/v1/bookings/" + bookingId + "/verification");
    }

    private static ResponseSpecification problem(int status, String slug) {
        return new ResponseSpecBuilder().expectStatusCode(status)
                .expectHeader("Content-Type", startsWith("application/problem+json"))
                .expectBody("type", equalTo("https://maillage.fr/problemes/" + slug)).expectBody("field", equalTo("code"))
                .build();
    }

    /** The code in the one SMS the person received so far (the code SMS, nothing else). */
    private static String codeFromSms(People.Mobile mobile) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !SmsStub.to(mobile.e164()).isEmpty());
        List<SmsStub.Sms> sms = SmsStub.to(mobile.e164());
        assertEquals(1, sms.size(), "only the code before verification: " + sms);
        Matcher m = CODE.matcher(sms.get(0).text());
        assertTrue(m.find(), "a 6-digit code in: " + sms.get(0).text());
        assertFalse(sms.get(0).text().contains("/rdv/"), "no link in the code SMS");
        return m.group(1);
    }

    private static int confirmedSeats(Object slotId) {
        return ((Number) AdHocOffers.slot((String) slotId).get("confirmed")).intValue();
    }

    @Test
    void the_code_from_the_sms_confirms_the_booking_then_the_confirmation_is_sent() {
        Map<String, Object> slot = oneSeat();
        Object slotId = slot.get("id");
        People.Mobile mobile = People.newMobile();

        String id = Gateway.given().auth().oauth2(SITE).contentType("application/json").body(body(slotId, mobile))
                .when().post("/api/v1/bookings").then().statusCode(201)
                .body("status", equalTo("pending")).body("pendingOutcome", equalTo("confirmed"))
                .body("codeAttemptsLeft", equalTo(3)).body("holdExpiresAt", notNullValue())
                .body("selfServiceUrl", nullValue()).extract().path("id");
        assertEquals(1, confirmedSeats(slotId), "the pending booking holds the only seat");
        // held: nobody else gets it meanwhile
        Gateway.given().auth().oauth2(SITE).contentType("application/json").body(body(slotId, People.newMobile()))
                .when().post("/api/v1/bookings").then().statusCode(409);

        String code = codeFromSms(mobile);
        String link = verify(id, code).then().statusCode(200).body("status", equalTo("confirmed"))
                .body("person.residenceInsee", equalTo("35243"))
                .body("selfServiceUrl", containsString("/rdv/")).extract().path("selfServiceUrl");

        // now, and only now, the confirmation with the page's link
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> SmsStub.to(mobile.e164()).stream().anyMatch(s -> s.text().contains(link)));
        String token = link.substring(link.lastIndexOf('/') + 1);
        Gateway.given().when().get("/api/v1/bookings/self/" + token).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("confirmed"));
        Gateway.given().when().get("/api/v1/bookings/self/" + token + ".ics").then().statusCode(200)
                .body(containsString("BEGIN:VEVENT"));
        assertEquals(1, confirmedSeats(slotId));
    }

    @Test
    void three_wrong_codes_are_refused_and_the_seat_is_freed() {
        Map<String, Object> slot = oneSeat();
        Object slotId = slot.get("id");
        String offerId = (String) slot.get("offerId");
        People.Mobile mobile = People.newMobile();

        String id = Gateway.given().auth().oauth2(SITE).contentType("application/json").body(body(slotId, mobile))
                .when().post("/api/v1/bookings").then().statusCode(201).body("status", equalTo("pending"))
                .extract().path("id");
        String code = codeFromSms(mobile);
        String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> remaining(offerId, slotId) == 0);

        verify(id, wrong).then().spec(problem(422, "regle-non-respectee"))
                .body("detail", equalTo("Ce code ne correspond pas. Il vous reste 2 essais."));
        verify(id, wrong).then().spec(problem(422, "regle-non-respectee"))
                .body("detail", equalTo("Ce code ne correspond pas. Il vous reste 1 essai."));
        verify(id, wrong).then().spec(problem(409, "conflit")).body("detail", containsString("Recommencez"));
        // refused for good: even the right code
        verify(id, code).then().spec(problem(409, "conflit"));

        Gateway.asPartnerApp(Demo.id("PARTNER_ROMAGNE")).when().get("/api/v1/bookings/" + id).then().statusCode(200)
                .body("status", equalTo("expired"));
        assertEquals(0, confirmedSeats(slotId), "booking gave the seat back");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> remaining(offerId, slotId) == 1);
        // no confirmation was ever sent: the code SMS only
        assertEquals(1, SmsStub.to(mobile.e164()).size(), SmsStub.to(mobile.e164()).toString());
        // the seat is bookable again
        Gateway.given().auth().oauth2(SITE).contentType("application/json").body(body(slotId, People.newMobile()))
                .when().post("/api/v1/bookings").then().statusCode(201).body("status", equalTo("pending"));
    }

    /** Seats left as offers-service shows them (from booking.slots.v1). */
    private static int remaining(String offerId, Object slotId) {
        List<Map<String, Object>> items = Gateway.given().queryParam("size", 100).when()
                .get("/api/v1/offers/" + offerId + "/sessions").then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(s -> slotId.equals(s.get("id"))).findFirst()
                .map(s -> ((Number) s.get("remaining")).intValue()).orElse(-1);
    }
}
