package fr.maillage.booking.api;

import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.service.ReferralService;
import fr.maillage.booking.support.Directory;
import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.events.EventSchemas;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Issue 18, item B.3: referrals between structures — created by the sender's organisation towards a partner the
 * directory knows, read by both, the outcome recorded by the target only and seen by the sender; events without
 * personal data on booking.referrals.v1; refusals in French naming the field; personal data purged on the bookings'
 * schedule.
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class ReferralTest {
    private static final String TOPIC = "booking.referrals.v1";

    @Inject
    EntityManager em;
    @Inject
    ReferralService referrals;

    static Map<String, Object> body(UUID target) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("firstName", "Raymonde");
        person.put("lastName", "Orientée (fictive)");
        person.put("phone", "02 99 12 34 56");
        person.put("email", "raymonde.fictive@example.org");
        person.put("residenceInsee", "35243");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("person", person);
        body.put("need", "impots");
        body.put("targetPartnerId", target);
        body.put("note", "Déclaration de revenus en ligne, ne sait pas se connecter");
        return body;
    }

    static Response create(String token, Object body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/api/v1/referrals");
    }

    static Response outcome(String token, String id, String outcome, String note) {
        Map<String, Object> body = new HashMap<>();
        body.put("outcome", outcome);
        body.put("note", note);
        return as(token).contentType(ContentType.JSON).body(body).post("/api/v1/referrals/" + id + "/outcome");
    }

    @Test
    void the_loop_closes_the_sender_sees_what_the_target_recorded() {
        UUID mairie = Directory.partner();
        UUID franceServices = Directory.partner();
        String id;
        try (Events events = new Events(TOPIC)) {
            var created = create(Tokens.agent(mairie), body(franceServices)).then().statusCode(201).extract();
            id = created.path("id");
            created.response().then().header("Location", endsWith("/api/v1/referrals/" + id))
                    .body("status", equalTo("sent")).body("need", equalTo("impots"))
                    .body("fromPartnerId", equalTo(mairie.toString()))
                    .body("targetPartnerId", equalTo(franceServices.toString()))
                    .body("person.firstName", equalTo("Raymonde")).body("person.phone", equalTo("+33299123456"))
                    .body("person.residenceInsee", equalTo("35243")).body("outcomes", hasSize(0))
                    .body("note", containsString("revenus")).body("createdAt", notNullValue());
            var event = events.await(Events.about(UUID.fromString(id), "ReferralCreated"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced(TOPIC, event.json()), event.value());
            assertEquals(mairie.toString(), event.data().path("fromPartnerId").asText());
            assertEquals("35243", event.data().path("residenceInsee").asText());
            for (String personal : List.of("Raymonde", "Orientée", "+33299123456", "raymonde.fictive", "revenus")) {
                assertFalse(event.value().contains(personal), "personal data in the event: " + personal);
            }

            // the target sees it among its incoming referrals, the sender among its outgoing ones
            as(Tokens.agent(franceServices)).queryParam("direction", "incoming").get("/api/v1/referrals").then()
                    .statusCode(200).header("X-Total-Count", "1").body("total", equalTo(1))
                    .body("items[0].id", equalTo(id)).body("items[0].person.firstName", equalTo("Raymonde"));
            as(Tokens.agent(franceServices)).queryParam("direction", "outgoing").get("/api/v1/referrals").then()
                    .body("total", equalTo(0));
            as(Tokens.partnerApp(mairie)).queryParam("direction", "outgoing").get("/api/v1/referrals").then()
                    .body("total", equalTo(1));
            as(Tokens.agent(mairie)).get("/api/v1/referrals").then().body("total", equalTo(1));

            // only the target records the outcome
            outcome(Tokens.agent(mairie), id, "attended", null).then().spec(problem(403, "outcome"));
            outcome(Tokens.agent(franceServices), id, "received", null).then().statusCode(200)
                    .body("status", equalTo("received")).body("outcomes", hasSize(1));
            outcome(Tokens.agent(franceServices), id, "received", null).then().statusCode(200)
                    .body("outcomes", hasSize(1)); // a double click records nothing more
            outcome(Tokens.partnerApp(franceServices), id, "attended", "Déclaration faite ensemble").then()
                    .statusCode(200).body("status", equalTo("attended")).body("outcomes", hasSize(2))
                    .body("outcomes[1].outcome", equalTo("attended")).body("outcomes[1].at", notNullValue());
            var recorded = events.await(Events.about(UUID.fromString(id), "ReferralOutcomeRecorded"), 2);
            for (var r : recorded) {
                assertEquals(List.of(), EventSchemas.produced(TOPIC, r.json()), r.value());
                assertFalse(r.value().contains("ensemble"), "the outcome's note stays out of the event");
            }
            assertEquals("attended", recorded.get(1).data().path("outcome").asText());
            assertEquals(3, recorded.get(1).json().path("version").asLong());
        }
        // the sender sees the outcome
        as(Tokens.agent(mairie)).get("/api/v1/referrals/" + id).then().statusCode(200)
                .body("status", equalTo("attended")).body("outcomes.outcome", equalTo(List.of("received", "attended")))
                .body("outcomes[1].note", equalTo("Déclaration faite ensemble"));
        as(Tokens.agent(mairie)).queryParam("status", "attended").get("/api/v1/referrals").then().body("total", equalTo(1));
        as(Tokens.agent(mairie)).queryParam("status", "sent").get("/api/v1/referrals").then().body("total", equalTo(0));
    }

    @Test
    void other_structures_do_not_see_it_and_an_admin_sees_all() {
        UUID from = Directory.partner();
        UUID target = Directory.partner();
        String id = create(Tokens.agent(from), body(target)).then().statusCode(201).extract().path("id");
        UUID stranger = UUID.randomUUID();
        as(Tokens.agent(stranger)).get("/api/v1/referrals/" + id).then().spec(problem(404, "id"));
        outcome(Tokens.agent(stranger), id, "received", null).then().spec(problem(404, "id"));
        as(Tokens.agent(stranger)).get("/api/v1/referrals").then().statusCode(200).body("total", equalTo(0));
        as(Tokens.volunteer(UUID.randomUUID())).get("/api/v1/referrals").then().statusCode(403);
        given().get("/api/v1/referrals").then().statusCode(401);
        Tokens.asAdmin().get("/api/v1/referrals/" + id).then().statusCode(200);
        Tokens.asAdmin().queryParam("size", 1).get("/api/v1/referrals").then().statusCode(200)
                .body("items", hasSize(1)).body("size", equalTo(1));
        outcome(Tokens.admin(), id, "no_longer_needed", null).then().statusCode(200);
        // an admin without organisation names the sender
        Map<String, Object> byAdmin = body(target);
        Tokens.as(Tokens.admin()).contentType(ContentType.JSON).body(byAdmin).post("/api/v1/referrals").then()
                .spec(problem(400, "fromPartnerId"));
        byAdmin.put("fromPartnerId", from);
        Tokens.as(Tokens.admin()).contentType(ContentType.JSON).body(byAdmin).post("/api/v1/referrals").then().statusCode(201);
        // pages
        UUID busy = Directory.partner();
        for (int i = 0; i < 3; i++) {
            create(Tokens.agent(busy), body(target)).then().statusCode(201);
        }
        as(Tokens.agent(busy)).queryParam("size", 2).queryParam("page", 1).get("/api/v1/referrals").then()
                .body("total", equalTo(3)).body("items", hasSize(1)).body("page", equalTo(1));
    }

    @Test
    void refusals_are_in_french_name_the_field_and_store_nothing() {
        UUID from = UUID.randomUUID();
        UUID target = Directory.partner();
        String agent = Tokens.agent(from);
        try (Events events = new Events(TOPIC)) {
            create(agent, body(UUID.randomUUID())).then().spec(problem(422, "targetPartnerId"))
                    .body("detail", containsString("inconnue de l'annuaire"));
            Map<String, Object> self = body(from);
            create(agent, self).then().spec(problem(422, "targetPartnerId"));
            Map<String, Object> need = body(target);
            need.put("need", "jardinage");
            create(agent, need).then().spec(problem(422, "need")).body("detail", containsString("aide_demarches"));
            Map<String, Object> phone = body(target);
            ((Map<String, Object>) phone.get("person")).put("phone", "12");
            create(agent, phone).then().spec(problem(422, "person.phone"));
            Map<String, Object> noName = body(target);
            ((Map<String, Object>) noName.get("person")).remove("firstName");
            create(agent, noName).then().spec(problem(400, "person.firstName"));
            Map<String, Object> longNote = body(target);
            longNote.put("note", "x".repeat(501));
            create(agent, longNote).then().spec(problem(400, "note"));
            Map<String, Object> noTarget = body(target);
            noTarget.remove("targetPartnerId");
            create(agent, noTarget).then().spec(problem(400, "targetPartnerId"));
            Map<String, Object> badInsee = body(target);
            ((Map<String, Object>) badInsee.get("person")).put("residenceInsee", "3524");
            create(agent, badInsee).then().spec(problem(400, "person.residenceInsee"));
            Map<String, Object> badTarget = body(target);
            badTarget.put("targetPartnerId", "pas-un-uuid");
            create(agent, badTarget).then().spec(problem(400, "targetPartnerId"));
            Map<String, Object> otherOrg = body(target);
            otherOrg.put("fromPartnerId", UUID.randomUUID());
            create(agent, otherOrg).then().spec(problem(403, "fromPartnerId"));
            Map<String, Object> unknownBooking = body(target);
            unknownBooking.put("bookingId", UUID.randomUUID());
            create(agent, unknownBooking).then().spec(problem(422, "bookingId"));
            // an offer the target does not host
            var elsewhere = Sessions.plan(Sessions.session());
            Map<String, Object> offer = body(target);
            offer.put("targetOfferId", elsewhere.offerId);
            create(agent, offer).then().spec(problem(422, "targetOfferId"));
            as(agent).queryParam("direction", "sideways").get("/api/v1/referrals").then().spec(problem(400, "direction"));
            as(agent).queryParam("status", "perdu").get("/api/v1/referrals").then().spec(problem(400, "status"));
            as(agent).queryParam("size", 0).get("/api/v1/referrals").then().statusCode(400);
            as(agent).get("/api/v1/referrals").then().body("total", equalTo(0));
            assertEquals(0, events.during(Duration.ofSeconds(2), r -> from.toString().equals(r.data().path("fromPartnerId").asText()))
                    .size(), "no event");

            String id = create(agent, body(target)).then().statusCode(201).extract().path("id");
            outcome(Tokens.agent(target), id, "perdu", null).then().spec(problem(400, "outcome"));
            outcome(Tokens.agent(target), id, "received", "y".repeat(501)).then().spec(problem(400, "note"));
            as(Tokens.agent(target)).contentType(ContentType.JSON).body("{").post("/api/v1/referrals/" + id + "/outcome")
                    .then().statusCode(400);
        }
        // a partner removed from the directory can no longer receive referrals
        Directory.publishPartner(target, "PartnerDeleted", 2);
        create(agent, body(target)).then().spec(problem(422, "targetPartnerId"));
    }

    @Test
    void a_referral_may_name_a_booking_of_the_sender_and_an_offer_of_the_target() {
        UUID from = UUID.randomUUID();
        UUID target = Directory.partner();
        var session = Sessions.plan(Sessions.session().with(s -> s.partnerId = target));
        Map<String, Object> bookingBody = request(session.id, uniquePhone(), null);
        bookingBody.remove("bookedBy");
        String bookingId = post(Tokens.agent(from), bookingBody).then().statusCode(201).extract().path("id");
        Map<String, Object> body = body(target);
        body.put("bookingId", bookingId);
        body.put("targetOfferId", session.offerId);
        create(Tokens.agent(from), body).then().statusCode(201).body("bookingId", equalTo(bookingId))
                .body("targetOfferId", equalTo(session.offerId.toString()));
        // someone else's booking is not theirs to name
        create(Tokens.agent(UUID.randomUUID()), body).then().spec(problem(422, "bookingId"));
        String referral = create(Tokens.agent(from), body).then().statusCode(201).extract().path("id");
        // erasing the booking's personal data on request erases the referral made with it (the same person)
        try (Events events = new Events(TOPIC)) {
            as(Tokens.agent(from)).delete("/api/v1/bookings/" + bookingId + "/personal-data").then().statusCode(204);
            events.await(Events.about(UUID.fromString(referral), "ReferralAnonymised"), 1);
        }
        as(Tokens.agent(target)).get("/api/v1/referrals/" + referral).then().statusCode(200)
                .body("person", nullValue()).body("note", nullValue()).body("bookingId", equalTo(bookingId));
    }

    @Test
    void openapi_documents_the_referrals_and_the_link_resend_with_their_roles() {
        var doc = given().get("/q/openapi?format=json").then().statusCode(200);
        for (String op : List.of("paths.'/api/v1/referrals'.post", "paths.'/api/v1/referrals'.get",
                "paths.'/api/v1/referrals/{id}'.get", "paths.'/api/v1/referrals/{id}/outcome'.post",
                "paths.'/api/v1/bookings/{id}/self-service-link'.post")) {
            doc.body(op + ".security[0].bearer", org.hamcrest.Matchers.containsInAnyOrder("partner-app", "agent", "admin"))
                    .body(op + ".responses.'401'", notNullValue()).body(op + ".responses.'403'", notNullValue())
                    .body(op + ".description", containsString("Rôles")).body(op + ".responses.'500'", nullValue());
        }
        doc.body("paths.'/api/v1/referrals'.post.responses.'422'.content.'application/problem+json'.schema.$ref",
                equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/v1/referrals/{id}/outcome'.post.responses.'409'", notNullValue())
                .body("paths.'/api/v1/bookings/{id}/self-service-link'.post.responses.'202'", notNullValue())
                .body("paths.'/api/v1/bookings/{id}/self-service-link'.post.responses.'422'", notNullValue())
                .body("components.schemas.BookingResponse.properties.reminderChannel.enum",
                        org.hamcrest.Matchers.containsInAnyOrder("sms", "email", "voice", "none"));
    }

    @Test
    void personal_data_is_purged_on_the_bookings_schedule() {
        UUID from = UUID.randomUUID();
        UUID target = Directory.partner();
        String id = create(Tokens.agent(from), body(target)).then().statusCode(201).extract().path("id");
        outcome(Tokens.agent(target), id, "redirected", "Vers le CCAS").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE referral SET updated_at = now() - interval '25 months' WHERE id = :id")
                .setParameter("id", UUID.fromString(id)).executeUpdate());
        try (Events events = new Events(TOPIC)) {
            referrals.anonymiseExpired();
            var anonymised = events.await(Events.about(UUID.fromString(id), "ReferralAnonymised"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced(TOPIC, anonymised.json()), anonymised.value());
        }
        as(Tokens.agent(from)).get("/api/v1/referrals/" + id).then().statusCode(200)
                .body("person", nullValue()).body("note", nullValue()).body("anonymisedAt", notNullValue())
                .body("status", equalTo("redirected")).body("outcomes[0].note", nullValue());
        outcome(Tokens.agent(target), id, "attended", null).then().spec(problem(409, "outcome"));
    }
}
