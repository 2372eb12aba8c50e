package fr.maillage.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 21 item 1 (pages): a booking in Saint-Denis (974) whose API record says {@code "timeZone":"Indian/Reunion"} reads
 * at the place's time — 09:00-10:30, not Paris' 06:00-07:30 — even when the API writes its times in UTC.
 */
@QuarkusTest
class PlaceTimePagesTest {

    @Test
    void theSelfServicePageOfABookingInLaReunionSaysItsLocalTime() {
        given().when().get("/rdv/" + FakeApi.TOKEN_REUNION).then().statusCode(200)
                .body(allOf(containsString("mardi 12 janvier 2027"), containsString("de 9 h à 10 h 30"),
                        not(containsString("6 h 30")), containsString("Maison France Services")));
    }
}
