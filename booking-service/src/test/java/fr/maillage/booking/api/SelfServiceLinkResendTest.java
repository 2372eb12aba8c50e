package fr.maillage.booking.api;

import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.crypto.SealedData;
import fr.maillage.platform.events.EventSchemas;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Issue 18, item B.2: an owner of the booking sends the person a new self-service link: the token is rotated (the old
 * link is dead), BookingSelfServiceLinkSent carries the new link sealed with where it goes; 422 without mobile or
 * e-mail, 409 for a booking no longer active, 403 for another organisation.
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class SelfServiceLinkResendTest {
    @Inject
    SealedData sealed;

    private static io.restassured.response.Response resend(String token, String id) {
        return as(token).post("/api/v1/bookings/" + id + "/self-service-link");
    }

    private static Map<String, Object> desk(UUID slotId, String phone, String email) {
        Map<String, Object> body = request(slotId, phone, email);
        body.remove("bookedBy");
        return body;
    }

    private static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    @Test
    void a_new_link_replaces_the_old_one_and_goes_by_sms_sealed_in_the_event() throws Exception {
        UUID org = UUID.randomUUID();
        var session = Sessions.plan(Sessions.session());
        var created = post(Tokens.agent(org), desk(session.id, uniquePhone(), null)).then().statusCode(201).extract();
        String id = created.path("id");
        String oldLink = created.path("selfServiceUrl");
        given().get("/api/v1/bookings/self/" + token(oldLink)).then().statusCode(200);
        try (Events events = new Events("booking.bookings.v1")) {
            resend(Tokens.agent(org), id).then().statusCode(202).body("sentTo", equalTo("sms"));
            var sent = events.await(Events.about(UUID.fromString(id), "BookingSelfServiceLinkSent"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.bookings.v1", sent.json()), sent.value());
            assertEquals("sms", sent.data().path("sentTo").asText());
            assertEquals(2, sent.json().path("version").asLong());
            JsonNode contact = Sessions.JSON.readTree(sealed.open(sent.data().path("contact").asText()));
            String newLink = contact.path("selfServiceUrl").asText();
            assertTrue(newLink.startsWith("http://127.0.0.1:8080/rdv/"), newLink);
            assertNotEquals(oldLink, newLink);
            assertFalse(sent.value().contains(token(newLink)), "the link travels sealed only");
            given().get("/api/v1/bookings/self/" + token(oldLink)).then().spec(problem(404, "token"));
            given().get("/api/v1/bookings/self/" + token(newLink)).then().statusCode(200).body("id", equalTo(id));
        }
        // the host structure may too, and an admin
        resend(Tokens.partnerApp(session.partnerId), id).then().statusCode(202);
        resend(Tokens.admin(), id).then().statusCode(202);
    }

    @Test
    void without_a_mobile_the_link_goes_by_email() {
        UUID org = UUID.randomUUID();
        var session = Sessions.plan(Sessions.session());
        String id = post(Tokens.agent(org), desk(session.id, "02 99 12 34 57", "fixe." + UUID.randomUUID() + "@example.org"))
                .then().statusCode(201).extract().path("id");
        resend(Tokens.agent(org), id).then().statusCode(202).body("sentTo", equalTo("email"));
    }

    @Test
    void refusals_name_the_field_and_send_nothing() {
        UUID org = UUID.randomUUID();
        var session = Sessions.plan(Sessions.session().with(s -> s.capacity = 5));
        String nobody = post(Tokens.agent(org), desk(session.id, null, null)).then().statusCode(201).extract().path("id");
        String landline = post(Tokens.agent(org), desk(session.id, "02 99 12 34 58", null)).then().statusCode(201)
                .extract().path("id");
        String cancelled = post(Tokens.agent(org), desk(session.id, uniquePhone(), null)).then().statusCode(201)
                .extract().path("id");
        as(Tokens.agent(org)).contentType(ContentType.JSON).body(Map.of("cancelledBy", "service"))
                .post("/api/v1/bookings/" + cancelled + "/cancel").then().statusCode(200);
        String other = post(Tokens.agent(org), desk(session.id, uniquePhone(), null)).then().statusCode(201)
                .extract().path("id");
        Map<String, Object> byCode = request(session.id, uniquePhone(), null);
        byCode.put("verification", "code");
        String pending = post(Tokens.partnerApp(org), byCode).then().statusCode(201).body("status", equalTo("pending"))
                .extract().path("id");
        try (Events events = new Events("booking.bookings.v1")) {
            // no link before the code is typed
            resend(Tokens.agent(org), pending).then().spec(problem(409, "status"));
            resend(Tokens.agent(org), nobody).then().spec(problem(422, "person"));
            resend(Tokens.agent(org), landline).then().spec(problem(422, "person"));
            resend(Tokens.agent(org), cancelled).then().spec(problem(409, "status"));
            as(Tokens.agent(org)).get("/api/v1/bookings/" + cancelled).then().body("selfServiceLinkResendable", equalTo(false));
            resend(Tokens.agent(UUID.randomUUID()), other).then().statusCode(403);
            resend(Tokens.volunteer(UUID.randomUUID()), other).then().statusCode(403);
            given().post("/api/v1/bookings/" + other + "/self-service-link").then().statusCode(401);
            resend(Tokens.agent(org), UUID.randomUUID().toString()).then().spec(problem(404, "id"));
            assertEquals(0, events.during(Duration.ofSeconds(2), r -> "BookingSelfServiceLinkSent".equals(r.type())).size());
        }
    }
}
