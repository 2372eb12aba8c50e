package fr.maillage.system.fidelity;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.SmsStub;
import fr.maillage.system.Tokens;
import io.restassured.path.json.JsonPath;

/**
 * Issue 21, item 1, the people-facing side, through the gateway: a booking of a 09:00 session in Saint-Denis (La Réunion,
 * 97411, UTC+4) is confirmed by an SMS saying « à 9 h » (read from the SMS stub), its calendar file from the self-service
 * link starts at 05:00 UTC (09:00+04:00) and the citizen's page /rdv/… says « de 9 h à 10 h ». On the code before issue 21
 * the session was 09:00+01:00 and the texts said Paris' time; with the session right but notification and web at Paris
 * time, the SMS and the page said « 6 h ». No waiting for time to pass: fixtures through the API (OverseasPlaces), polls.
 */
class OverseasTextsTest {
    static final LocalDate DAY = LocalDate.now(ZoneId.of("Indian/Reunion")).plusDays(9);

    @Test
    void aBookingInSaintDenisIsToldAtNineLocalTimeBySmsCalendarAndPage() {
        OverseasPlaces.Published p = OverseasPlaces.nineOClock(OverseasPlaces.SAINT_DENIS, DAY);
        assertEquals(DAY + "T09:00:00+04:00", p.slot().get("start"), "the slot (tzcore's side) at 09:00 local time");

        People.Mobile mobile = People.newMobile();
        String app = Tokens.withSubject("partner-app", p.partnerId(), "system-test-tzout-" + UUID.randomUUID());
        JsonPath booking = Gateway.given().auth().oauth2(app).contentType("application/json").body(Map.of(
                "slotId", p.slotId(),
                "person", Map.of("firstName", "Habitant", "phone", mobile.national(), "smsConsent", true,
                        "emailConsent", false),
                "need", Map.of("theme", "aide_demarches", "text", "Test des textes du fuseau horaire"), "bookedBy", "citizen"))
                .when().post("/api/v1/bookings").then().statusCode(201).extract().jsonPath();
        assertEquals("confirmed", booking.getString("status"), booking.prettify());
        String link = booking.getString("selfServiceUrl");
        assertTrue(link != null && link.contains("/rdv/"), "a self-service link: " + link);
        String token = link.substring(link.lastIndexOf('/') + 1);

        // 1. the confirmation SMS, as handed to the provider: the place's local time
        await("the confirmation SMS").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> !SmsStub.to(mobile.e164()).isEmpty());
        List<SmsStub.Sms> sms = SmsStub.to(mobile.e164());
        String text = sms.get(0).text();
        String day = DAY.format(DateTimeFormatter.ofPattern("EEEE", Locale.FRENCH)) + " "
                + (DAY.getDayOfMonth() == 1 ? "1er" : String.valueOf(DAY.getDayOfMonth())) + " ";
        assertTrue(text.contains(day) && (text.contains(" a 9 h,") || text.contains(" à 9 h,")),
                "« " + day + "… à 9 h » expected in: " + text);
        assertFalse(text.contains(" 6 h") || text.contains(" 5 h") || text.contains(" 12 h"), text);

        // 2. the calendar file of the self-service link: RFC 5545, the right instant (05:00 UTC, or 09:00 with the TZID)
        String ics = Gateway.given().when().get("/api/v1/bookings/self/" + token + ".ics").then().statusCode(200)
                .extract().asString();
        assertTrue(ics.contains("BEGIN:VCALENDAR") && ics.contains("VERSION:2.0") && ics.contains("BEGIN:VEVENT"), ics);
        String compact = DAY.toString().replace("-", "");
        assertTrue(ics.contains("DTSTART:" + compact + "T050000Z")
                || ics.contains("DTSTART;TZID=Indian/Reunion:" + compact + "T090000"), ics);

        // 3. the citizen's page of the link: « de 9 h à 10 h »
        String page = Gateway.given().when().get("/rdv/" + token).then().statusCode(200).extract().asString();
        assertTrue(page.contains("de 9 h à 10 h"), page);
    }
}
