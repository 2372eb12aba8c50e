package fr.maillage.notification.api;

import static fr.maillage.notification.support.Api.randomMobile;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.notification.support.Api;
import fr.maillage.notification.support.Events;
import fr.maillage.notification.support.Stubs;
import fr.maillage.platform.testing.KafkaTopics;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 16, item 11: an agent or a partner app may opt out, or ask about, only a number of a booking booked or hosted
 * by its organisation, or of a person of the directory attached to it; any other number answers 404 (the same as a
 * number nobody knows: whether another organisation has it is not revealed) and changes nothing. The administrator
 * acts on any number; STOP from the person stays universal.
 */
@QuarkusTest
@QuarkusTestResource(Stubs.class)
class OptOutScopeTest {
    private static final String OPT_OUTS = "/api/v1/notifications/opt-outs";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void agentsAndAppsActOnlyOnTheNumbersOfTheirOrganisation() {
        UUID booker = UUID.randomUUID();
        UUID host = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID volunteersPartner = UUID.randomUUID();
        String bookingMobile = randomMobile();
        String volunteerMobile = randomMobile();
        String unknownMobile = randomMobile();
        UUID booking = UUID.randomUUID();
        KafkaTopics.send("booking.bookings.v1", booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1,
                Events.booking(booking, "confirmed", OffsetDateTime.now().plusDays(3),
                        Events.person("Sacha", bookingMobile, null, true, false), List.of(), booker, host)));
        UUID person = UUID.randomUUID();
        Map<String, Object> volunteer = Events.directoryPerson(person, volunteerMobile, null, true, false);
        volunteer.put("partnerId", volunteersPartner.toString());
        KafkaTopics.send("directory.people.v1", person.toString(), KafkaTopics.envelope("PersonUpserted", person, 1, volunteer));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, Api.byBooking(booking).size()));
        await().atMost(WAIT).untilAsserted(() -> as(Tokens.agent(volunteersPartner)).when().get(OPT_OUTS + "/" + volunteerMobile)
                .then().statusCode(200));

        // the booker's and the host's agents and apps: yes (national form too)
        as(Tokens.agent(booker)).when().get(OPT_OUTS + "/" + bookingMobile).then().statusCode(200)
                .body("optedOut", equalTo(false));
        as(Tokens.agent(host)).when().get(OPT_OUTS + "/0" + bookingMobile.substring(3)).then().statusCode(200);
        as(Tokens.partnerApp(host)).contentType("application/json").body(Map.of("phone", bookingMobile)).when()
                .post(OPT_OUTS).then().statusCode(201);
        as(Tokens.agent(volunteersPartner)).contentType("application/json").body(Map.of("phone", volunteerMobile)).when()
                .post(OPT_OUTS).then().statusCode(201);

        // another organisation: 404 for a number known elsewhere exactly as for one nobody knows, nothing recorded
        for (String number : List.of(bookingMobile, volunteerMobile, unknownMobile)) {
            for (String token : List.of(Tokens.agent(other), Tokens.partnerApp(other))) {
                as(token).contentType("application/json").body(Map.of("phone", number)).when().post(OPT_OUTS).then()
                        .spec(problem(404, "phone"))
                        .body("detail", equalTo("Aucune réservation ni personne de votre organisation n'a ce numéro."));
            }
            as(Tokens.agent(other)).when().get(OPT_OUTS + "/" + number).then().spec(problem(404, "phone"))
                    .body("detail", equalTo("Aucune réservation ni personne de votre organisation n'a ce numéro."));
        }
        as(Tokens.admin()).when().get(OPT_OUTS + "/" + unknownMobile).then().statusCode(200).body("optedOut", equalTo(false));

        // the administrator: any number; the person: STOP from any number
        as(Tokens.admin()).contentType("application/json").body(Map.of("phone", unknownMobile)).when().post(OPT_OUTS).then()
                .statusCode(201);
        as(Tokens.admin()).when().delete(OPT_OUTS + "/" + unknownMobile).then().statusCode(204);
        String stranger = randomMobile();
        given().header("X-Sms-Callback-Secret", "test-sms-callback-secret").contentType("application/json")
                .body(Map.of("from", stranger, "text", "STOP")).when().post("/api/v1/notifications/sms/inbound").then()
                .statusCode(200).body("action", equalTo("opted_out"));
        as(Tokens.admin()).when().get(OPT_OUTS + "/" + stranger).then().statusCode(200).body("optedOut", equalTo(true));
    }
}
