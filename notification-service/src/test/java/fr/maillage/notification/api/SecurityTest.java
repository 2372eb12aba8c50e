package fr.maillage.notification.api;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.notification.support.Api.randomEmail;
import static fr.maillage.notification.support.Api.randomMobile;
import static fr.maillage.platform.testing.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.notification.support.Api;
import fr.maillage.notification.support.Events;
import fr.maillage.platform.testing.KafkaTopics;
import fr.maillage.notification.support.LogCapture;
import fr.maillage.notification.support.Stubs;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Who may call what (issue 7), through the running service with real tokens: anonymous 401, wrong role
 * 403, other organisation filtered out, bad tokens 401 problem+json, the SMS provider's callbacks
 * authenticated by their shared secret; and no phone or e-mail in the logs.
 */
@QuarkusTest
@QuarkusTestResource(Stubs.class)
class SecurityTest {
    private static final String BOOKINGS = "booking.bookings.v1";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String LIST = "/api/v1/notifications";
    private static final String OPT_OUTS = "/api/v1/notifications/opt-outs";

    @Test
    void receiptsAreVisibleToTheBookerAndTheHostOnlyAndNeverToVolunteersOrAnonymous() {
        UUID booker = UUID.randomUUID();
        UUID host = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID booking = UUID.randomUUID();
        UUID legacy = UUID.randomUUID();
        String mobile = randomMobile();
        String email = randomEmail();
        try (LogCapture logs = LogCapture.install()) {
            KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1, Events.booking(booking,
                    "confirmed", OffsetDateTime.now().plusDays(3), Events.person("Anaïs", mobile, email, true, true), null,
                    booker, host)));
            // an event published before booking-service carried organisations
            KafkaTopics.send(BOOKINGS, legacy.toString(), KafkaTopics.envelope("BookingConfirmed", legacy, 1, Events.booking(legacy,
                    "confirmed", OffsetDateTime.now().plusDays(3), Events.person("Anaïs", randomMobile(), null, true, false), null)));
            await().atMost(WAIT).untilAsserted(() -> {
                assertEquals(6, Api.byBooking(booking).size(), "confirmation + 2 reminders on 2 channels");
                assertEquals(3, Api.byBooking(legacy).size());
            });

            // the booker's app, the host's agent: every receipt of the booking, masked
            for (String token : List.of(Tokens.partnerApp(booker), Tokens.agent(booker), Tokens.partnerApp(host),
                    Tokens.agent(host))) {
                JsonPath page = as(token).queryParam("bookingId", booking.toString()).when().get(LIST).then()
                        .statusCode(200).extract().jsonPath();
                assertEquals(6, page.getInt("total"));
                assertFalse(page.prettify().contains(mobile) || page.prettify().contains(email), "recipients are masked");
            }
            // another organisation sees none of it, even asking for it by id; the legacy booking is admin-only
            as(Tokens.partnerApp(other)).queryParam("bookingId", booking.toString()).when().get(LIST).then()
                    .statusCode(200).body("total", equalTo(0));
            as(Tokens.agent(booker)).queryParam("bookingId", legacy.toString()).when().get(LIST).then()
                    .statusCode(200).body("total", equalTo(0));
            as(Tokens.admin()).queryParam("bookingId", legacy.toString()).when().get(LIST).then()
                    .statusCode(200).body("total", equalTo(3));
            JsonPath all = as(Tokens.partnerApp(booker)).queryParam("size", 200).when().get(LIST).then().statusCode(200)
                    .extract().jsonPath();
            assertTrue(all.getList("items.bookingId").stream().allMatch(booking.toString()::equals),
                    "an organisation's list holds its bookings only: " + all.getList("items.bookingId"));

            // a later event of the legacy booking that carries organisations makes it visible to them
            KafkaTopics.send(BOOKINGS, legacy.toString(), KafkaTopics.envelope("BookingRescheduled", legacy, 2, Events.booking(legacy,
                    "confirmed", OffsetDateTime.now().plusDays(4), Events.person("Anaïs", randomMobile(), null, true, false),
                    null, booker, host)));
            await().atMost(WAIT).untilAsserted(() -> as(Tokens.agent(booker)).queryParam("bookingId", legacy.toString())
                    .when().get(LIST).then().statusCode(200).body("total", equalTo(4)));

            unauthenticated(given().when().get(LIST));
            forbidden(as(Tokens.volunteer(UUID.randomUUID())).when().get(LIST), "volunteer");
            forbidden(as(Tokens.of("partner-app", null, null)).when().get(LIST), "organisation");

            assertEquals(List.of(), logs.containing(mobile, email, mobile.substring(1), "Anaïs"),
                    "no phone, e-mail or name in the logs");
        }
    }

    @Test
    void badTokensAre401ProblemsNever500() {
        UUID org = UUID.randomUUID();
        for (String token : List.of("garbage", "a.b.c", Tokens.expired(null), Tokens.signedByAnotherKey(null),
                Tokens.otherIssuer(null), Tokens.expired(org), Tokens.otherAudience(org))) {
            ValidatableResponse r = as(token).when().get(LIST).then().statusCode(401)
                    .contentType(containsString("application/problem+json"))
                    .header("WWW-Authenticate", containsString("Bearer")).body("status", equalTo(401))
                    .body("detail", containsString("Jeton"));
            assertFalse(r.extract().asString().contains(token), "the token is not echoed");
            as(token).contentType("application/json").body(Map.of("phone", randomMobile())).when().post(OPT_OUTS).then()
                    .statusCode(401).contentType(containsString("application/problem+json"));
        }
        given().header("Authorization", "Basic dXNlcjpwYXNz").when().get(LIST).then().statusCode(401)
                .contentType(containsString("application/problem+json"));
        // public reads stay public, whatever the token
        given().when().get("/api/v1/webhooks/event-types").then().statusCode(200).body("type", hasItem("booking.confirmed"));
        as("garbage").when().get("/api/v1/webhooks/event-types").then().statusCode(200);
    }

    @Test
    void optOutsAreRecordedByAgentsAndAppsCheckedByAgentsAndLiftedByAdministratorsOnly() {
        UUID org = UUID.randomUUID();
        String mobile = randomMobile();
        Map<String, String> body = Map.of("phone", mobile);
        // issue 16 item 11: agents and apps act on the numbers of their organisation's bookings only
        UUID booking = UUID.randomUUID();
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1, Events.booking(booking,
                "confirmed", OffsetDateTime.now().plusDays(3), Events.person("Noa", mobile, null, true, false), List.of(),
                org, null)));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, Api.byBooking(booking).size()));

        unauthenticated(given().contentType("application/json").body(body).when().post(OPT_OUTS));
        forbidden(as(Tokens.volunteer(UUID.randomUUID())).contentType("application/json").body(body).when().post(OPT_OUTS),
                "volunteer");
        as(Tokens.partnerApp(org)).contentType("application/json").body(body).when().post(OPT_OUTS).then().statusCode(201);
        as(Tokens.agent(org)).contentType("application/json").body(body).when().post(OPT_OUTS).then().statusCode(200);
        as(Tokens.admin()).contentType("application/json").body(body).when().post(OPT_OUTS).then().statusCode(200);

        unauthenticated(given().when().get(OPT_OUTS + "/" + mobile));
        forbidden(as(Tokens.partnerApp(org)).when().get(OPT_OUTS + "/" + mobile), "partner-app");
        forbidden(as(Tokens.volunteer(UUID.randomUUID())).when().get(OPT_OUTS + "/" + mobile), "volunteer");
        as(Tokens.agent(org)).when().get(OPT_OUTS + "/" + mobile).then().statusCode(200).body("optedOut", equalTo(true));
        as(Tokens.admin()).when().get(OPT_OUTS + "/" + mobile).then().statusCode(200).body("optedOut", equalTo(true));

        unauthenticated(given().when().delete(OPT_OUTS + "/" + mobile));
        forbidden(as(Tokens.agent(org)).when().delete(OPT_OUTS + "/" + mobile), "admin");
        forbidden(as(Tokens.partnerApp(org)).when().delete(OPT_OUTS + "/" + mobile), "admin");
        as(Tokens.admin()).when().get(OPT_OUTS + "/" + mobile).then().body("optedOut", equalTo(true)); // refusals changed nothing
        as(Tokens.admin()).when().delete(OPT_OUTS + "/" + mobile).then().statusCode(204);
        as(Tokens.admin()).when().get(OPT_OUTS + "/" + mobile).then().body("optedOut", equalTo(false));
    }

    @Test
    void smsProviderCallbacksNeedTheSharedSecretNotAToken() {
        String mobile = randomMobile();
        Map<String, String> stop = Map.of("from", mobile, "text", "STOP");
        for (RequestSpecification caller : List.of(given(), given().header("X-Sms-Callback-Secret", "devine"),
                as(Tokens.admin()))) {
            caller.contentType("application/json").body(stop).when().post("/api/v1/notifications/sms/inbound").then()
                    .statusCode(401).contentType(containsString("application/problem+json"))
                    .header("WWW-Authenticate", containsString("X-Sms-Callback-Secret"))
                    .body("detail", containsString("X-Sms-Callback-Secret"));
        }
        given().header("X-Sms-Callback-Secret", "devine").contentType("application/json")
                .body(Map.of("messageId", "prov-x", "status", "delivered")).when().post("/api/v1/notifications/callbacks/sms")
                .then().statusCode(401).contentType(containsString("application/problem+json"));
        as(Tokens.admin()).when().get(OPT_OUTS + "/" + mobile).then().body("optedOut", equalTo(false)); // nothing happened

        // the provider: secret, no token (an unrelated bad Authorization header does not matter on these endpoints)
        given().header("X-Sms-Callback-Secret", "test-sms-callback-secret").header("Authorization", "Bearer garbage")
                .contentType("application/json").body(stop).when().post("/api/v1/notifications/sms/inbound").then()
                .statusCode(200).body("action", equalTo("opted_out"));
        given().header("X-Sms-Callback-Secret", "test-sms-callback-secret").contentType("application/json")
                .body(Map.of("messageId", "prov-" + UUID.randomUUID(), "status", "delivered")).when()
                .post("/api/v1/notifications/callbacks/sms").then().statusCode(404);
        as(Tokens.admin()).when().get(OPT_OUTS + "/" + mobile).then().body("optedOut", equalTo(true));
    }

    @Test
    void openApiDeclaresTheBearerSchemeAndTheRolesOfProtectedOperationsOnly() {
        JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertEquals("http", doc.getString("components.securitySchemes.bearer.type"));
        assertEquals("bearer", doc.getString("components.securitySchemes.bearer.scheme"));
        for (String op : List.of("'/api/v1/notifications'.get", "'/api/v1/notifications/opt-outs'.post",
                "'/api/v1/notifications/opt-outs/{phone}'.get", "'/api/v1/notifications/opt-outs/{phone}'.delete",
                "'/api/v1/webhooks'.post", "'/api/v1/webhooks'.get", "'/api/v1/webhooks/{id}'.get",
                "'/api/v1/webhooks/{id}'.patch", "'/api/v1/webhooks/{id}/deliveries'.get", "'/api/v1/events'.get")) {
            assertTrue(doc.getList("paths." + op + ".security") != null && !doc.getList("paths." + op + ".security").isEmpty(),
                    op + " declares its security requirement");
            assertTrue(doc.getMap("paths." + op + ".responses").containsKey("401"), op + " documents 401");
            assertTrue(doc.getMap("paths." + op + ".responses").containsKey("403"), op + " documents 403");
            assertTrue(doc.getString("paths." + op + ".description").contains("admin"), op + " names its roles");
        }
        assertEquals(List.of("admin", "agent", "partner-app"),
                doc.getList("paths.'/api/v1/notifications'.get.security[0].bearer").stream().sorted().toList());
        for (String op : List.of("'/api/v1/notifications/callbacks/sms'.post", "'/api/v1/notifications/sms/inbound'.post",
                "'/api/v1/webhooks/event-types'.get")) {
            assertTrue(doc.getList("paths." + op + ".security") == null, op + " takes no token");
        }
    }

    static void unauthenticated(io.restassured.response.Response response) {
        response.then().spec(problem(401)).header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("Authorization"));
    }

    static void forbidden(io.restassured.response.Response response, String named) {
        response.then().spec(problem(403))
                .body("detail", containsString(named)).body("detail", not(containsString("Forbidden")));
    }
}
