package fr.maillage.booking.api;

import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fr.maillage.booking.support.Bookings;
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
 * Issue 18, item B.1: at the desk (role agent) a person may be booked with no mobile phone and no e-mail, or with only
 * a French landline (voice reminders); the public site and partner apps keep their 422; {@code reminderChannel} tells
 * how the person is reminded, on the booking and in its events.
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class DeskBookingTest {
    private static final String LANDLINE = "02 99 12 34 56";

    @Inject
    SealedData sealed;

    private static Map<String, Object> desk(UUID slotId, String phone, String email) {
        Map<String, Object> body = request(slotId, phone, email);
        body.remove("bookedBy");
        return body;
    }

    @Test
    void an_agent_books_without_any_contact_and_nobody_is_to_be_reminded() throws Exception {
        UUID org = UUID.randomUUID();
        var session = Sessions.plan(Sessions.session());
        try (Events events = new Events("booking.bookings.v1")) {
            var created = post(Tokens.agent(org), desk(session.id, null, null)).then().statusCode(201)
                    .body("status", equalTo("confirmed")).body("reminderChannel", equalTo("none"))
                    .body("person.firstName", equalTo("Josiane")).body("person.phone", nullValue())
                    .body("person.email", nullValue()).body("person.smsConsent", equalTo(false))
                    .body("selfServiceLinkResendable", equalTo(false)).extract();
            UUID id = UUID.fromString(created.path("id"));
            var confirmed = events.await(Events.about(id, "BookingConfirmed"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.bookings.v1", confirmed.json()), confirmed.value());
            assertEquals("none", confirmed.data().path("reminderChannel").asText());
            JsonNode contact = Sessions.JSON.readTree(sealed.open(confirmed.data().path("contact").asText()));
            assertEquals("Josiane", contact.path("firstName").asText());
            assertEquals(true, contact.path("phone").isNull());
            assertEquals(true, contact.path("email").isNull());

            // the desk's list shows what the page needs
            as(Tokens.agent(org)).queryParam("slotId", session.id).get("/api/v1/bookings").then().statusCode(200)
                    .body("items[0].id", equalTo(id.toString())).body("items[0].person.firstName", equalTo("Josiane"))
                    .body("items[0].need.theme", equalTo("aide_demarches")).body("items[0].status", equalTo("confirmed"))
                    .body("items[0].offer.title", equalTo("Aide aux démarches en ligne"))
                    .body("items[0].reminderChannel", equalTo("none"))
                    .body("items[0].selfServiceLinkResendable", equalTo(false));
        }
    }

    @Test
    void an_agent_books_with_a_landline_only_and_the_reminder_is_a_voice_call() {
        UUID org = UUID.randomUUID();
        var session = Sessions.plan(Sessions.session());
        try (Events events = new Events("booking.bookings.v1")) {
            String id = post(Tokens.agent(org), desk(session.id, LANDLINE, null)).then().statusCode(201)
                    .body("person.phone", equalTo("+33299123456")).body("reminderChannel", equalTo("voice"))
                    .body("selfServiceLinkResendable", equalTo(false)).extract().path("id");
            var confirmed = events.await(Events.about(UUID.fromString(id), "BookingConfirmed"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.bookings.v1", confirmed.json()), confirmed.value());
            assertEquals("voice", confirmed.data().path("reminderChannel").asText());
            as(Tokens.agent(org)).get("/api/v1/bookings/" + id).then().statusCode(200)
                    .body("reminderChannel", equalTo("voice"));
        }
        // the same landline cannot hold two seats of the slot
        post(Tokens.agent(org), desk(session.id, LANDLINE, null)).then().spec(problem(409, "person.phone"));
    }

    @Test
    void reminder_channel_follows_the_contact_and_consents() {
        UUID org = UUID.randomUUID();
        var session = Sessions.plan(Sessions.session().with(s -> s.capacity = 10));
        post(Tokens.agent(org), desk(session.id, uniquePhone(), null)).then().statusCode(201)
                .body("reminderChannel", equalTo("sms")).body("selfServiceLinkResendable", equalTo(true));
        Map<String, Object> mail = desk(session.id, null, "guichet." + UUID.randomUUID() + "@example.org");
        ((Map<String, Object>) mail.get("person")).put("emailConsent", true);
        post(Tokens.agent(org), mail).then().statusCode(201).body("reminderChannel", equalTo("email"));
        Map<String, Object> landlineAndMail = desk(session.id, "02 99 00 11 22", "fixe." + UUID.randomUUID() + "@example.org");
        ((Map<String, Object>) landlineAndMail.get("person")).put("emailConsent", true);
        post(Tokens.agent(org), landlineAndMail).then().statusCode(201).body("reminderChannel", equalTo("email"));
        // a mobile without consent: nobody is written to
        Map<String, Object> noConsent = desk(session.id, uniquePhone(), null);
        ((Map<String, Object>) noConsent.get("person")).put("smsConsent", false);
        post(Tokens.agent(org), noConsent).then().statusCode(201).body("reminderChannel", equalTo("none"));
        // a landline through a partner app is not a desk booking: no voice call
        post(Tokens.partnerApp(org), desk(session.id, "02 99 33 44 55", null)).then().statusCode(201)
                .body("reminderChannel", equalTo("none"));
    }

    @Test
    void partner_apps_the_public_site_and_code_bookings_still_need_a_contact() {
        UUID org = UUID.randomUUID();
        var session = Sessions.plan(Sessions.session());
        for (String token : List.of(Tokens.partnerApp(org), Tokens.admin())) {
            post(token, request(session.id, null, null)).then().spec(problem(422, "person.phone"));
        }
        Map<String, Object> code = desk(session.id, null, null);
        code.put("verification", "code");
        post(Tokens.agent(org), code).then().spec(problem(422, "person.phone"));
        post(Tokens.partnerApp(org), code).then().spec(problem(422, "person.phone"));
        Map<String, Object> landlineByCode = request(session.id, LANDLINE, null);
        landlineByCode.put("verification", "code");
        post(Tokens.partnerApp(org), landlineByCode).then().spec(problem(422, "person.phone"));
        post(Tokens.agent(org), desk(session.id, "12", null)).then().spec(problem(422, "person.phone"));
        assertEquals(0, Bookings.count(session.id), "nothing stored");
    }

    @Test
    void a_waiting_booking_without_contact_is_promoted_like_any_other() {
        UUID org = UUID.randomUUID();
        var session = Sessions.plan(Sessions.session().with(s -> {
            s.capacity = 1;
            s.waitingList = true;
        }));
        String first = post(Tokens.agent(org), desk(session.id, uniquePhone(), null)).then().statusCode(201)
                .extract().path("id");
        String second = post(Tokens.agent(org), desk(session.id, null, null)).then().statusCode(201)
                .body("status", equalTo("waitlisted")).extract().path("id");
        as(Tokens.agent(org)).contentType(ContentType.JSON).body(Map.of("cancelledBy", "service"))
                .post("/api/v1/bookings/" + first + "/cancel").then().statusCode(200);
        as(Tokens.agent(org)).get("/api/v1/bookings/" + second).then().statusCode(200)
                .body("status", equalTo("confirmed")).body("reminderChannel", equalTo("none"));
    }
}
