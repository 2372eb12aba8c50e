package fr.maillage.booking.api;

import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.as;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.Directory;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.events.EventSchemas;
import fr.maillage.platform.testing.ProblemAssert;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Who may call what (issue 7), through the real service: a slot hosted by structure A, a booking made
 * there by an agent of structure B, and structure C, which has nothing to do with either.
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class SecurityTest {
    private final UUID hostOrg = UUID.randomUUID();
    private final UUID bookerOrg = UUID.randomUUID();
    private final UUID otherOrg = UUID.randomUUID();
    private final UUID volunteerId = UUID.randomUUID();

    private Sessions.Session hostedSlot() {
        return Sessions.plan(Sessions.session().with(s -> s.partnerId = hostOrg));
    }

    private String bookAsAgentOfB(Sessions.Session slot, String phone) {
        return post(Tokens.agent(bookerOrg), request(slot.id, phone, null)).then().statusCode(201).extract().path("id");
    }

    /** Every protected operation of the service, on a real booking and slot. */
    private List<ProtectedCall> protectedCalls(Sessions.Session slot, String bookingId) {
        return List.of(
                new ProtectedCall("POST /bookings", r -> r.contentType(ContentType.JSON)
                        .body(request(slot.id, uniquePhone(), null)).post("/api/v1/bookings")),
                new ProtectedCall("GET /bookings", r -> r.get("/api/v1/bookings")),
                new ProtectedCall("GET /bookings/{id}", r -> r.get("/api/v1/bookings/" + bookingId)),
                new ProtectedCall("POST cancel", r -> r.contentType(ContentType.JSON).body("{}")
                        .post("/api/v1/bookings/" + bookingId + "/cancel")),
                new ProtectedCall("POST reschedule", r -> r.contentType(ContentType.JSON)
                        .body(Map.of("slotId", slot.id)).post("/api/v1/bookings/" + bookingId + "/reschedule")),
                new ProtectedCall("POST attendance", r -> r.contentType(ContentType.JSON)
                        .body(Map.of("attended", true)).post("/api/v1/bookings/" + bookingId + "/attendance")),
                new ProtectedCall("DELETE personal-data", r -> r.delete("/api/v1/bookings/" + bookingId + "/personal-data")),
                new ProtectedCall("POST shifts", r -> r.contentType(ContentType.JSON)
                        .body(Map.of("personId", volunteerId)).post("/api/v1/slots/" + slot.id + "/shifts")),
                new ProtectedCall("GET shifts", r -> r.get("/api/v1/slots/" + slot.id + "/shifts")),
                new ProtectedCall("DELETE shift", r -> r.delete("/api/v1/slots/" + slot.id + "/shifts/" + UUID.randomUUID())),
                new ProtectedCall("GET my shifts", r -> r.get("/api/v1/bookings/shifts")),
                new ProtectedCall("GET my shifts.ics", r -> r.get("/api/v1/bookings/shifts.ics")));
    }

    record ProtectedCall(String name, java.util.function.Function<RequestSpecification, io.restassured.response.Response> call) {
        ValidatableResponse by(RequestSpecification spec) {
            return call.apply(spec).then();
        }
    }

    @Test
    void without_a_token_every_protected_operation_is_a_401_problem_and_changes_nothing() {
        var slot = hostedSlot();
        String phone = uniquePhone();
        String id = bookAsAgentOfB(slot, phone);
        for (var call : protectedCalls(slot, id)) {
            call.by(given()).statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer")).body("status", equalTo(401))
                    .spec(problem(401)).body("type", equalTo(ProblemAssert.TYPE_BASE + "authentification-requise"))
                    .body("title", equalTo("Authentification requise")).body("violations", hasSize(0))
                    .body("detail", containsString("Authorization: Bearer"))
                    .body("instance", startsWith("/api/v1/"));
        }
        asAdmin().get("/api/v1/bookings/" + id).then().statusCode(200).body("status", equalTo("confirmed"))
                .body("person.phone", startsWith("+33"));
        given().get("/api/v1/slots/" + slot.id).then().body("confirmed", equalTo(1));
    }

    @Test
    void malformed_expired_foreign_or_wrongly_signed_tokens_are_401_problems_never_500() {
        var slot = hostedSlot();
        String id = bookAsAgentOfB(slot, uniquePhone());
        for (String token : List.of("pas-un-jeton", "a.b.c", "eyJhbGciOiJub25lIn0.e30.", Tokens.expired(bookerOrg),
                Tokens.signedByAnotherKey(bookerOrg), Tokens.otherIssuer(bookerOrg), Tokens.otherAudience(bookerOrg))) {
            for (var call : List.of(protectedCalls(slot, id).get(0), protectedCalls(slot, id).get(2))) {
                String body = call.by(as(token)).statusCode(401).contentType("application/problem+json")
                        .header("WWW-Authenticate", startsWith("Bearer")).body("status", equalTo(401))
                        .body("detail", containsString("Jeton refusé")).extract().asString();
                assertFalse(body.contains(token), "the token is not echoed back");
            }
        }
        // not even a scheme the server knows
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/bookings/" + id).then().statusCode(401)
                .contentType("application/problem+json");
        assertEquals(1, (int) asAdmin().queryParam("slotId", slot.id).get("/api/v1/bookings").then().extract().path("total"));
    }

    @Test
    void a_verified_token_is_remembered_only_as_itself_and_only_until_it_expires() throws Exception {
        var slot = hostedSlot();
        String id = bookAsAgentOfB(slot, uniquePhone());
        String agent = Tokens.agentExpiringIn(bookerOrg, Duration.ofSeconds(3));
        as(agent).get("/api/v1/bookings/" + id).then().statusCode(200);
        as(agent).get("/api/v1/bookings/" + id).then().statusCode(200);
        // an admin's claims under the signature of the agent's token just accepted: verified, and refused
        String forged = Tokens.forged(Tokens.admin(), agent);
        as(forged).get("/api/v1/bookings/" + id).then().statusCode(401).contentType("application/problem+json");
        as(forged).delete("/api/v1/bookings/" + id + "/personal-data").then().statusCode(401);
        // the agent's token is refused once expired, although it was verified a moment before (1 s of leeway in tests)
        Thread.sleep(Duration.ofSeconds(5).toMillis());
        as(agent).get("/api/v1/bookings/" + id).then().statusCode(401).body("detail", containsString("Jeton refusé"));
        asAdmin().get("/api/v1/bookings/" + id).then().statusCode(200).body("person.phone", startsWith("+33"));
    }

    @Test
    void public_reads_work_without_a_token_and_show_no_personal_data() {
        var slot = Sessions.plan(Sessions.session().with(s -> {
            s.partnerId = hostOrg;
            s.staffIds = List.of(volunteerId);
        }));
        var created = post(Tokens.partnerApp(bookerOrg), request(slot.id, "06 18 76 54 32", "public.reader@example.org"))
                .then().statusCode(201).extract();
        String id = created.path("id");
        String url = created.path("selfServiceUrl");
        String token = url.substring(url.lastIndexOf('/') + 1);
        for (String answer : List.of(
                given().get("/api/v1/slots/" + slot.id).then().statusCode(200).body("confirmed", equalTo(1)).extract().asString(),
                given().queryParam("placeId", slot.placeId).get("/api/v1/slots").then().statusCode(200)
                        .body("total", equalTo(1)).extract().asString(),
                given().get("/api/v1/bookings/" + id + ".ics").then().statusCode(200).extract().asString())) {
            assertFalse(answer.contains("Josiane") || answer.contains("Testard") || answer.contains("18765432")
                    || answer.contains("public.reader"), answer);
        }
        // a public endpoint ignores credentials, even broken ones
        given().header("Authorization", "Bearer pas-un-jeton").get("/api/v1/slots/" + slot.id).then().statusCode(200);
        // the citizen's link is their credential
        given().get("/api/v1/bookings/self/" + token).then().statusCode(200).body("person.phone", equalTo("+33618765432"));
        given().delete("/api/v1/bookings/self/" + token).then().statusCode(200).body("status", equalTo("cancelled_by_citizen"));
    }

    @Test
    void who_books_comes_from_the_token_and_the_organisation_is_recorded() throws Exception {
        var slot = Sessions.plan(Sessions.session().with(s -> {
            s.partnerId = hostOrg;
            s.capacity = 10;
        }));
        try (Events events = new Events("booking.bookings.v1")) {
            // an agent: always "agent", whatever the body says
            var byAgent = post(Tokens.agent(bookerOrg), request(slot.id, uniquePhone(), null)).then().statusCode(201)
                    .body("bookedBy", equalTo("agent")).body("bookerOrg", equalTo(bookerOrg.toString()))
                    .body("partnerId", nullValue()).body("person.firstName", equalTo("Josiane")).extract();
            UUID agentBooking = UUID.fromString(byAgent.path("id"));

            // a partner app: "partner_app", or "citizen" when the person books on the partner's website
            var body = request(slot.id, uniquePhone(), null);
            body.remove("bookedBy");
            post(Tokens.partnerApp(bookerOrg), body).then().statusCode(201).body("bookedBy", equalTo("partner_app"))
                    .body("bookerOrg", equalTo(bookerOrg.toString())).body("partnerId", equalTo(bookerOrg.toString()));
            var agentClaim = request(slot.id, uniquePhone(), null);
            agentClaim.put("bookedBy", "agent");
            post(Tokens.partnerApp(bookerOrg), agentClaim).then().statusCode(201).body("bookedBy", equalTo("partner_app"));
            post(Tokens.partnerApp(bookerOrg), request(slot.id, uniquePhone(), null)).then().statusCode(201)
                    .body("bookedBy", equalTo("citizen"));

            // the admin says who books
            var adminBody = request(slot.id, uniquePhone(), null);
            adminBody.put("bookedBy", "partner_app");
            adminBody.put("partnerId", otherOrg);
            post(Tokens.admin(), adminBody).then().statusCode(201).body("bookedBy", equalTo("partner_app"))
                    .body("bookerOrg", equalTo(otherOrg.toString()));
            adminBody = request(slot.id, uniquePhone(), null);
            adminBody.remove("bookedBy");
            post(Tokens.admin(), adminBody).then().spec(problem(400, "bookedBy"));

            var confirmed = events.await(Events.about(agentBooking, "BookingConfirmed"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.bookings.v1", confirmed.json()));
            assertEquals(bookerOrg.toString(), confirmed.data().path("bookerOrg").asText());
            assertEquals(hostOrg.toString(), confirmed.data().path("partnerId").asText());
            assertEquals("agent", confirmed.data().path("bookedBy").asText());
        }
        asAdmin().queryParam("slotId", slot.id).get("/api/v1/bookings").then().body("total", equalTo(5));
    }

    @Test
    void nobody_books_for_another_organisation_nor_without_the_right_role() {
        var slot = hostedSlot();
        var foreign = request(slot.id, uniquePhone(), null);
        foreign.put("partnerId", otherOrg);
        post(Tokens.partnerApp(bookerOrg), foreign).then().spec(problem(403, "partnerId"))
                .body("type", equalTo(ProblemAssert.TYPE_BASE + "acces-refuse")).body("title", equalTo("Accès refusé"))
                .body("detail", containsString("propre organisation"));
        post(Tokens.agent(bookerOrg), foreign).then().statusCode(403).body("field", equalTo("partnerId"));
        var own = request(slot.id, uniquePhone(), null);
        own.put("partnerId", bookerOrg);
        post(Tokens.partnerApp(bookerOrg), own).then().statusCode(201);

        post(Tokens.volunteer(volunteerId), request(slot.id, uniquePhone(), null)).then().spec(problem(403))
                .body("type", equalTo(ProblemAssert.TYPE_BASE + "acces-refuse"))
                .body("detail", containsString("volunteer")).body("detail", containsString("partner-app"));
        post(Tokens.of("agent", null, null), request(slot.id, uniquePhone(), null)).then().statusCode(403)
                .body("detail", containsString("claim org"));
        post(Tokens.of("partner-app", null, null), request(slot.id, uniquePhone(), null)).then().statusCode(403);
        post(Tokens.of("inconnu", bookerOrg, null), request(slot.id, uniquePhone(), null)).then().statusCode(403);
        asAdmin().queryParam("slotId", slot.id).get("/api/v1/bookings").then().body("total", equalTo(1));
    }

    @Test
    void the_offers_booking_rules_apply_to_the_booker_the_token_makes() {
        var agentsOnly = Sessions.plan(Sessions.session().with(s -> {
            s.partnerId = hostOrg;
            s.allowedBookers = List.of("agent");
        }));
        post(Tokens.partnerApp(bookerOrg), request(agentsOnly.id, uniquePhone(), null)).then().statusCode(422)
                .body("field", equalTo("bookedBy")).body("detail", containsString("directement par la personne"));
        var asApp = request(agentsOnly.id, uniquePhone(), null);
        asApp.remove("bookedBy");
        post(Tokens.partnerApp(bookerOrg), asApp).then().statusCode(422).body("detail", containsString("application partenaire"));
        post(Tokens.agent(bookerOrg), request(agentsOnly.id, uniquePhone(), null)).then().statusCode(201);

        var citizensOnly = Sessions.plan(Sessions.session().with(s -> {
            s.partnerId = hostOrg;
            s.allowedBookers = List.of("citizen");
        }));
        // an agent cannot pass for the citizen; a partner app's website can
        post(Tokens.agent(bookerOrg), request(citizensOnly.id, uniquePhone(), null)).then().statusCode(422)
                .body("detail", containsString("par un agent"));
        post(Tokens.partnerApp(bookerOrg), request(citizensOnly.id, uniquePhone(), null)).then().statusCode(201)
                .body("bookedBy", equalTo("citizen"));
    }

    @Test
    void a_booking_is_read_by_its_booker_and_its_host_only() {
        var slot = hostedSlot();
        String phone = uniquePhone();
        String id = bookAsAgentOfB(slot, phone);
        String e164 = asAdmin().get("/api/v1/bookings/" + id).then().statusCode(200).extract().path("person.phone");

        as(Tokens.agent(bookerOrg)).get("/api/v1/bookings/" + id).then().statusCode(200).body("person.phone", equalTo(e164));
        as(Tokens.partnerApp(hostOrg)).get("/api/v1/bookings/" + id).then().statusCode(200).body("person.phone", equalTo(e164));
        for (String outsider : List.of(Tokens.agent(otherOrg), Tokens.partnerApp(otherOrg))) {
            String body = as(outsider).get("/api/v1/bookings/" + id).then().statusCode(404)
                    .contentType("application/problem+json").extract().asString();
            assertEquals(body.replace(id, "x"), as(outsider).get("/api/v1/bookings/" + UUID.randomUUID()).then().statusCode(404)
                    .extract().asString().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "x"), "same answer as an unknown booking");
            assertFalse(body.contains(e164));
        }
        as(Tokens.volunteer(volunteerId)).get("/api/v1/bookings/" + id).then().statusCode(403);

        // lists: filtered to the caller's organisations
        for (String owner : List.of(Tokens.agent(bookerOrg), Tokens.partnerApp(hostOrg), Tokens.admin())) {
            as(owner).queryParam("slotId", slot.id).get("/api/v1/bookings").then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].person.phone", equalTo(e164));
        }
        as(Tokens.agent(otherOrg)).queryParam("slotId", slot.id).get("/api/v1/bookings").then().statusCode(200)
                .body("total", equalTo(0)).body("items", hasSize(0)).header("X-Total-Count", "0");
        String everything = as(Tokens.agent(otherOrg)).queryParam("size", 200).get("/api/v1/bookings").then().statusCode(200)
                .body("items.id", not(hasItem(id))).extract().asString();
        assertFalse(everything.contains(e164));
        as(Tokens.of("agent", null, null)).get("/api/v1/bookings").then().statusCode(403).body("detail", containsString("claim org"));
        as(Tokens.volunteer(volunteerId)).get("/api/v1/bookings").then().statusCode(403);
    }

    @Test
    void another_organisation_cannot_change_cancel_or_erase_a_booking() {
        var slot = hostedSlot();
        var later = Sessions.plan(Sessions.session().with(s -> {
            s.partnerId = hostOrg;
            s.offerId = slot.offerId;
            s.start = slot.start.plusDays(1);
        }));
        String id = bookAsAgentOfB(slot, uniquePhone());
        for (String outsider : List.of(Tokens.agent(otherOrg), Tokens.partnerApp(otherOrg), Tokens.volunteer(volunteerId))) {
            as(outsider).contentType(ContentType.JSON).body(Map.of("cancelledBy", "service"))
                    .post("/api/v1/bookings/" + id + "/cancel").then().statusCode(403).contentType("application/problem+json");
            as(outsider).contentType(ContentType.JSON).body(Map.of("slotId", later.id))
                    .post("/api/v1/bookings/" + id + "/reschedule").then().statusCode(403);
            // refused before the state is looked at (the slot has not started: an owner would get a 422)
            as(outsider).contentType(ContentType.JSON).body(Map.of("attended", true))
                    .post("/api/v1/bookings/" + id + "/attendance").then().statusCode(403);
            as(outsider).delete("/api/v1/bookings/" + id + "/personal-data").then().statusCode(403);
        }
        as(Tokens.agent(otherOrg)).contentType(ContentType.JSON).body("{}").post("/api/v1/bookings/" + id + "/cancel").then()
                .body("detail", containsString("structure qui a pris ce rendez-vous ou de celle qui accueille son créneau"));
        asAdmin().get("/api/v1/bookings/" + id).then().body("status", equalTo("confirmed")).body("slotId", equalTo(slot.id.toString()))
                .body("person.firstName", equalTo("Josiane"));

        // the owners can
        as(Tokens.agent(bookerOrg)).contentType(ContentType.JSON).body(Map.of("attended", true))
                .post("/api/v1/bookings/" + id + "/attendance").then().statusCode(422);
        as(Tokens.partnerApp(hostOrg)).contentType(ContentType.JSON).body(Map.of("slotId", later.id))
                .post("/api/v1/bookings/" + id + "/reschedule").then().statusCode(200).body("slotId", equalTo(later.id.toString()));
        as(Tokens.agent(bookerOrg)).contentType(ContentType.JSON).body(Map.of("cancelledBy", "service"))
                .post("/api/v1/bookings/" + id + "/cancel").then().statusCode(200).body("status", equalTo("cancelled_by_service"));
        as(Tokens.agent(hostOrg)).delete("/api/v1/bookings/" + id + "/personal-data").then().statusCode(204);
        String other = bookAsAgentOfB(slot, uniquePhone());
        as(Tokens.agent(bookerOrg)).delete("/api/v1/bookings/" + other + "/personal-data").then().statusCode(204);
        asAdmin().get("/api/v1/bookings/" + other).then().body("person", nullValue());
    }

    @Test
    void the_host_structure_staffs_its_slots() {
        var slot = hostedSlot();
        Directory.publish(volunteerId, hostOrg, "PersonUpserted", 1);
        var body = Map.of("personId", volunteerId);
        for (String outsider : List.of(Tokens.agent(otherOrg), Tokens.partnerApp(bookerOrg), Tokens.volunteer(volunteerId))) {
            as(outsider).contentType(ContentType.JSON).body(body).post("/api/v1/slots/" + slot.id + "/shifts").then()
                    .statusCode(403).contentType("application/problem+json");
            as(outsider).get("/api/v1/slots/" + slot.id + "/shifts").then().statusCode(403);
        }
        as(Tokens.agent(otherOrg)).get("/api/v1/slots/" + slot.id + "/shifts").then()
                .body("detail", containsString("structure qui accueille cette permanence"));
        String shift = as(Tokens.partnerApp(hostOrg)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/slots/" + slot.id + "/shifts").then().statusCode(201).extract().path("id");
        as(Tokens.agent(hostOrg)).get("/api/v1/slots/" + slot.id + "/shifts").then().statusCode(200).body("", hasSize(1));
        for (String outsider : List.of(Tokens.agent(otherOrg), Tokens.volunteer(volunteerId))) {
            as(outsider).delete("/api/v1/slots/" + slot.id + "/shifts/" + shift).then().statusCode(403);
        }
        asAdmin().get("/api/v1/slots/" + slot.id + "/shifts").then().body("[0].status", equalTo("assigned"));
        as(Tokens.agent(hostOrg)).delete("/api/v1/slots/" + slot.id + "/shifts/" + shift).then().statusCode(200)
                .body("status", equalTo("cancelled"));
        // a slot unknown to everyone is a 404 for its would-be host too
        as(Tokens.agent(hostOrg)).get("/api/v1/slots/" + UUID.randomUUID() + "/shifts").then().statusCode(404);
    }

    @Test
    void a_volunteer_sees_their_own_shifts_only_and_structures_those_at_their_slots() {
        var slot = hostedSlot();
        Directory.publish(volunteerId, hostOrg, "PersonUpserted", 1);
        UUID colleague = Directory.person(hostOrg);
        for (UUID person : List.of(volunteerId, colleague)) {
            asAdmin().contentType(ContentType.JSON).body(Map.of("personId", person)).post("/api/v1/slots/" + slot.id + "/shifts")
                    .then().statusCode(201);
        }
        String mine = Tokens.volunteer(volunteerId);
        as(mine).get("/api/v1/bookings/shifts").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].personId", equalTo(volunteerId.toString()));
        as(mine).queryParam("personId", volunteerId).get("/api/v1/bookings/shifts").then().statusCode(200).body("total", equalTo(1));
        as(mine).queryParam("personId", colleague).get("/api/v1/bookings/shifts").then().spec(problem(403, "personId"));
        as(mine).queryParam("personId", colleague).get("/api/v1/bookings/shifts.ics").then().statusCode(403);
        String ics = as(mine).get("/api/v1/bookings/shifts.ics").then().statusCode(200).extract().asString();
        assertEquals(1, ics.split("BEGIN:VEVENT").length - 1, ics);
        as(Tokens.of("volunteer", null, null)).get("/api/v1/bookings/shifts").then().statusCode(403)
                .body("detail", containsString("claim person"));
        given().get("/api/v1/bookings/shifts.ics").then().statusCode(401);

        as(Tokens.agent(hostOrg)).get("/api/v1/bookings/shifts").then().statusCode(200).body("total", equalTo(2));
        as(Tokens.partnerApp(hostOrg)).queryParam("personId", colleague).get("/api/v1/bookings/shifts").then()
                .body("total", equalTo(1)).body("items[0].personId", equalTo(colleague.toString()));
        as(Tokens.agent(otherOrg)).queryParam("personId", volunteerId).get("/api/v1/bookings/shifts").then().statusCode(200)
                .body("total", equalTo(0));
        String outsiderIcs = as(Tokens.agent(otherOrg)).get("/api/v1/bookings/shifts.ics").then().statusCode(200).extract().asString();
        assertFalse(outsiderIcs.contains(slot.id.toString()) || outsiderIcs.contains("BEGIN:VEVENT"), outsiderIcs);
        asAdmin().queryParam("personId", colleague).get("/api/v1/bookings/shifts").then().body("total", equalTo(1));
    }

    @Test
    void an_idempotency_key_is_never_replayed_to_another_caller() {
        var slot = hostedSlot();
        var body = request(slot.id, uniquePhone(), null);
        String key = "shared-" + UUID.randomUUID();
        String first = as(Tokens.agent(bookerOrg)).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/bookings").then().statusCode(201).extract().asString();
        as(Tokens.agent(bookerOrg)).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/bookings").then().statusCode(201).header("Idempotent-Replayed", "true").body(equalTo(first));
        // the same key and body from another organisation is a request of its own (here: the person is already booked)
        String other = as(Tokens.agent(otherOrg)).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/bookings").then().statusCode(409).header("Idempotent-Replayed", nullValue())
                .body("field", equalTo("person.phone")).extract().asString();
        assertTrue(!other.contains("selfServiceUrl") && !other.contains("Josiane"), other);
    }
}
