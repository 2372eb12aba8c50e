package fr.maillage.system.staff;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Issue 19, item 4: a volunteer's phone subscribes to their shifts. `shifts.ics` needed a bearer token, which no phone
 * calendar sends; now the volunteer creates a secret address, which answers their shifts as iCalendar through the
 * gateway without any token, is masked in the gateway's access log, and answers 404 as soon as it is revoked.
 */
class CalendarFeedTest {
    private static final String HOST = Demo.id("PARTNER_CCAS_BOIGNY");
    private static final String PLACE = Demo.id("PLACE_CCAS_BOIGNY");

    @Test
    void aVolunteerSubscribesToTheirShiftsWithASecretAddressThenRevokesIt() throws Exception {
        String person = UUID.randomUUID().toString();
        Gateway.given().auth().oauth2(Tokens.partnerApp(HOST)).contentType("application/json").body(Map.of(
                "role", "benevole", "firstName", "Alix", "lastName", "Calendrier (fictif)",
                "phone", People.newMobile().national(), "notifySms", false, "notifyEmail", false,
                "placeIds", List.of(PLACE)))
                .when().put("/api/v1/people/" + person).then().statusCode(201);
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(5);
        Map<String, Object> offer = AdHocOffers.offer(PLACE, HOST, "permanence_individuelle", 2, 60,
                List.of(new AdHocOffers.Session(day, LocalTime.of(9, 0), LocalTime.of(10, 0))));
        String title = (String) offer.get("title");
        String slotId = (String) AdHocOffers.publish(UUID.randomUUID().toString(), offer, 1).get(0).get("id");
        // booking learns the person from directory.people.v1 a moment after the directory recorded them
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> Gateway.given()
                .auth().oauth2(Tokens.agent(HOST)).contentType("application/json").body(Map.of("personId", person))
                .when().post("/api/v1/slots/" + slotId + "/shifts").statusCode() == 201);

        String links = "/api/v1/staff/" + person + "/calendar-links";
        // before: the only feed needed a bearer token, which a phone's calendar cannot send
        Gateway.given().when().get("/api/v1/bookings/shifts.ics").then().statusCode(401);
        String url = Gateway.given().auth().oauth2(Tokens.volunteer(person)).when().post(links).then().statusCode(201)
                .body("active", equalTo(true)).extract().path("url");
        assertTrue(url.contains("/api/v1/calendars/") && url.endsWith(".ics"), url);
        String feed = URI.create(url).getPath();
        String token = feed.substring(feed.lastIndexOf('/') + 1, feed.length() - ".ics".length());

        Response calendar = Gateway.given().when().get(feed);
        calendar.then().statusCode(200).contentType(containsString("text/calendar"))
                .body(containsString("BEGIN:VEVENT")).body(containsString(title.substring(0, 20)));
        assertFalse(calendar.asString().contains("Alix"), "the feed names the offer and the place, never the person");

        // the gateway's access log keeps the request, not the secret
        Path access = Path.of(System.getenv().getOrDefault("MAILLAGE_RUN", "./.run"), "gateway", "logs", "access.log");
        String requestId = calendar.header("X-Request-Id");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                Files.readString(access, StandardCharsets.UTF_8).contains("rid=" + requestId));
        String log = Files.readString(access, StandardCharsets.UTF_8);
        assertTrue(log.lines().anyMatch(l -> l.contains("rid=" + requestId) && l.contains("\"GET /api/v1/calendars/***.ics\"")),
                "masked in the access log");
        assertFalse(log.contains(token), "the secret is nowhere in the access log");

        // revoked: 404 at once, in the problem shape
        String id = Gateway.given().auth().oauth2(Tokens.volunteer(person)).when().get(links).then().statusCode(200)
                .body("[0].url", equalTo(null)).extract().path("[0].id");
        Gateway.given().auth().oauth2(Tokens.volunteer(person)).when().delete(links + "/" + id).then().statusCode(204);
        Gateway.given().when().get(feed).then().spec(ProblemJson.problem(ProblemJson.Kind.NOT_FOUND));

        // another volunteer cannot make one for this person
        Gateway.given().auth().oauth2(Tokens.volunteer(UUID.randomUUID().toString())).when().post(links).then()
                .spec(ProblemJson.problem(ProblemJson.Kind.FORBIDDEN));
    }
}
