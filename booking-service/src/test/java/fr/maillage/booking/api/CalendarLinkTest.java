package fr.maillage.booking.api;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.support.Directory;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 19, item 4: a volunteer's secret calendar address. Created by the person (or their structure), shown once,
 * answers the person's shifts as iCalendar without any token, stops at once when revoked or replaced.
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class CalendarLinkTest {

    private static String path(String url) {
        return url.substring(url.indexOf("/api/v1/calendars/"));
    }

    @Test
    void a_volunteer_subscribes_to_their_shifts_then_revokes_the_address() {
        UUID host = UUID.randomUUID();
        UUID volunteer = Directory.person(host);
        var slot = Sessions.plan(Sessions.session().with(s -> s.partnerId = host));
        as(Tokens.agent(host)).contentType(ContentType.JSON).body(Map.of("personId", volunteer))
                .post("/api/v1/slots/" + slot.id + "/shifts").then().statusCode(201);

        String links = "/api/v1/staff/" + volunteer + "/calendar-links";
        String url = as(Tokens.volunteer(volunteer)).post(links).then().statusCode(201)
                .header("Location", containsString(links + "/"))
                .body("active", equalTo(true)).body("url", startsWith("http")).body("url", containsString(".ics"))
                .extract().path("url");
        String feed = path(url);
        given().get(feed).then().statusCode(200).contentType(containsString("text/calendar"))
                .header("Cache-Control", containsString("no-store"))
                .body(containsString("BEGIN:VCALENDAR")).body(containsString("Permanence : Aide aux démarches en ligne"));

        // listed without the address itself
        as(Tokens.volunteer(volunteer)).get(links).then().statusCode(200).body("", hasSize(1))
                .body("[0].url", nullValue()).body("[0].lastUsedAt", not(nullValue()));

        // the structure may make a new one for the person: the previous address stops at once
        String second = as(Tokens.agent(host)).post(links).then().statusCode(201).extract().path("url");
        given().get(feed).then().spec(problem(404, "token"));
        given().get(path(second)).then().statusCode(200);
        String id = as(Tokens.volunteer(volunteer)).get(links).then().statusCode(200).body("", hasSize(2))
                .body("[0].active", equalTo(true)).body("[1].active", equalTo(false)).extract().path("[0].id");

        as(Tokens.volunteer(volunteer)).delete(links + "/" + id).then().statusCode(204);
        given().get(path(second)).then().spec(problem(404, "token"));
        as(Tokens.volunteer(volunteer)).delete(links + "/" + id).then().statusCode(204); // already revoked: no change
        given().get("/api/v1/calendars/" + "x".repeat(43) + ".ics").then().spec(problem(404, "token"));
    }

    @Test
    void only_the_person_their_structure_or_an_admin_manage_the_addresses() {
        UUID host = UUID.randomUUID();
        UUID volunteer = Directory.person(host);
        UUID other = Directory.person(host);
        String links = "/api/v1/staff/" + volunteer + "/calendar-links";
        as(Tokens.volunteer(other)).post(links).then().spec(problem(403, "personId"));
        as(Tokens.agent(UUID.randomUUID())).post(links).then().statusCode(403);
        as(Tokens.partnerApp(UUID.randomUUID())).get(links).then().statusCode(403);
        given().post(links).then().statusCode(401);
        as(Tokens.admin()).post("/api/v1/staff/" + UUID.randomUUID() + "/calendar-links").then().spec(problem(404, "personId"));
        as(Tokens.admin()).post("/api/v1/staff/not-a-uuid/calendar-links").then().statusCode(404);
        as(Tokens.partnerApp(host)).post(links).then().statusCode(201);
        as(Tokens.volunteer(volunteer)).delete(links + "/" + UUID.randomUUID()).then().spec(problem(404, "linkId"));
    }
}
