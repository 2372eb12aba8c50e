package fr.maillage.booking.api;

import static fr.maillage.booking.support.Bookings.count;
import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.events.EventSchemas;
import fr.maillage.platform.testing.ProblemAssert;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class BookingApiTest {
    @jakarta.inject.Inject
    fr.maillage.platform.crypto.SealedData sealed;

    @Test
    void a_citizen_books_a_seat_and_the_event_follows_the_contract() throws Exception {
        var session = Sessions.plan(Sessions.session());
        try (Events events = new Events("booking.bookings.v1", "booking.slots.v1")) {
            var body = post(request(session.id, "06 12 34 56 78", "Josiane.T@Example.org"))
                    .then().statusCode(201)
                    .body("status", equalTo("confirmed"))
                    .body("slotId", equalTo(session.id.toString()))
                    .body("person.phone", equalTo("+33612345678"))
                    .body("person.email", equalTo("josiane.t@example.org"))
                    .body("need.text", equalTo("Renouveler ma carte grise"))
                    .body("selfServiceUrl", startsWith("http://127.0.0.1:8080/rdv/"))
                    .body("icsUrl", matchesPattern("http://127\\.0\\.0\\.1:8080/api/v1/bookings/[0-9a-f-]{36}\\.ics"))
                    .extract();
            UUID id = UUID.fromString(body.path("id"));

            var confirmed = events.await(Events.about(id, "BookingConfirmed"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.bookings.v1", confirmed.json()));
            // the person's data and the link travel sealed for notification-service (issue 16)
            var contact = Sessions.JSON.readTree(sealed.open(confirmed.data().path("contact").asText()));
            assertEquals("+33612345678", contact.path("phone").asText());
            assertEquals("josiane.t@example.org", contact.path("email").asText());
            assertEquals("Josiane", contact.path("firstName").asText());
            assertTrue(contact.path("lastName").isMissingNode(), "events carry no last name");
            assertEquals(body.path("selfServiceUrl").toString(), contact.path("selfServiceUrl").asText());
            for (String clear : List.of("+33612345678", "josiane", "Josiane", body.path("selfServiceUrl").toString()
                    .substring(body.path("selfServiceUrl").toString().lastIndexOf('/') + 1))) {
                assertTrue(!confirmed.value().contains(clear), "in clear in the event: " + clear);
            }
            assertEquals(1, confirmed.json().path("version").asLong());

            var slotEvent = events.await(Events.about(session.id, "SlotAvailabilityChanged"), 1);
            var last = slotEvent.get(slotEvent.size() - 1);
            assertEquals(List.of(), EventSchemas.produced("booking.slots.v1", last.json()));
            assertEquals(1, last.data().path("confirmed").asInt());
            assertEquals(2, last.data().path("remaining").asInt());
            assertEquals("open", last.data().path("status").asText());
        }
        given().get("/api/v1/slots/" + session.id).then().body("confirmed", equalTo(1)).body("remaining", equalTo(2));
    }

    @Test
    void overseas_numbers_are_normalised_to_their_own_country_code() {
        var session = Sessions.plan(Sessions.session());
        post(request(session.id, "0696 12 34 56", null)).then().statusCode(201).body("person.phone", equalTo("+596696123456"));
        post(request(session.id, "+262 692 12 34 56", null)).then().statusCode(201).body("person.phone", equalTo("+262692123456"));
    }

    @Test
    void bad_input_is_refused_in_french_naming_the_field_and_stores_nothing() {
        var session = Sessions.plan(Sessions.session().with(s -> s.allowedBookers = List.of("citizen", "agent")));

        post(request(UUID.randomUUID(), uniquePhone(), null)).then().spec(problem(404, "slotId"))
                .body("type", equalTo(ProblemAssert.TYPE_BASE + "introuvable")).body("title", equalTo("Introuvable"))
                .body("detail", containsString("Aucun créneau")).body("instance", equalTo("/api/v1/bookings"));
        post(request(session.id, "12", null)).then().spec(problem(422, "person.phone"))
                .body("type", equalTo(ProblemAssert.TYPE_BASE + "regle-non-respectee")).body("title", equalTo("Règle non respectée"))
                .body("violations", hasSize(1)).body("violations[0].field", equalTo("person.phone"))
                .body("violations[0].message", containsString("numéro de téléphone n'est pas valide"))
                .body("detail", containsString("numéro de téléphone n'est pas valide"));
        post(request(session.id, null, null)).then().statusCode(422)
                .body("field", equalTo("person.phone")).body("detail", containsString("téléphone ou une adresse e-mail"));
        post(request(session.id, "  ", "")).then().statusCode(422).body("field", equalTo("person.phone"));

        var partnerApp = request(session.id, uniquePhone(), null);
        partnerApp.put("bookedBy", "partner_app");
        post(partnerApp).then().statusCode(422).body("field", equalTo("bookedBy"))
                .body("detail", containsString("application partenaire"));

        var unknownBooker = request(session.id, uniquePhone(), null);
        unknownBooker.put("bookedBy", "robot");
        post(unknownBooker).then().spec(problem(400, "bookedBy"))
                .body("type", equalTo(ProblemAssert.TYPE_BASE + "requete-invalide")).body("title", equalTo("Requête invalide"))
                .body("violations.field", hasItem("bookedBy"));

        var noName = request(session.id, uniquePhone(), null);
        ((Map<String, Object>) noName.get("person")).put("firstName", " ");
        post(noName).then().spec(problem(400, "person.firstName")).body("violations.field", hasItem("person.firstName"));

        var badEmail = request(session.id, null, "pas-une-adresse");
        post(badEmail).then().spec(problem(400, "person.email")).body("violations.field", hasItem("person.email"));

        var longNeed = request(session.id, uniquePhone(), null);
        longNeed.put("need", Map.of("theme", "x", "text", "a".repeat(281)));
        post(longNeed).then().spec(problem(400, "need.text")).body("violations.field", hasItem("need.text"));

        asAdmin().contentType(ContentType.JSON).body("{\"slotId\": ").post("/api/v1/bookings").then().spec(problem(400));

        assertEquals(0, count(session.id));
        given().get("/api/v1/slots/" + session.id).then().body("confirmed", equalTo(0));
    }

    @Test
    void booking_windows_past_and_cancelled_slots_are_refused() {
        var tooSoon = Sessions.plan(Sessions.session().with(s -> {
            s.start = s.start.minusDays(3).plusMinutes(30);
            s.minDelayMinutes = 120;
        }));
        post(request(tooSoon.id, uniquePhone(), null)).then().statusCode(422).body("field", equalTo("slotId"))
                .body("detail", containsString("2 heures à l'avance"));

        var tooFar = Sessions.plan(Sessions.session().with(s -> {
            s.start = s.start.plusDays(30);
            s.maxDelayDays = 14;
        }));
        post(request(tooFar.id, uniquePhone(), null)).then().statusCode(422).body("field", equalTo("slotId"))
                .body("detail", containsString("14 jours à l'avance"));

        var past = Sessions.plan(Sessions.session().with(s -> s.start = s.start.minusDays(4)));
        post(request(past.id, uniquePhone(), null)).then().statusCode(422).body("detail", containsString("déjà passé"));

        var cancelled = Sessions.plan(Sessions.session());
        cancelled.status = "cancelled";
        cancelled.cancelReason = "Conseiller absent";
        Sessions.publish(cancelled, "SessionCancelled");
        post(request(cancelled.id, uniquePhone(), null)).then().statusCode(409).body("field", equalTo("slotId"))
                .body("detail", containsString("Conseiller absent"));

        assertEquals(0, count(tooSoon.id) + count(tooFar.id) + count(past.id) + count(cancelled.id));
    }

    @Test
    void the_same_person_cannot_book_a_slot_twice() {
        var session = Sessions.plan(Sessions.session());
        post(request(session.id, "07 81 22 33 44", "a@example.org")).then().statusCode(201);
        post(request(session.id, "+33781223344", null)).then().statusCode(409).body("field", equalTo("person.phone"));
        post(request(session.id, null, "A@Example.ORG")).then().statusCode(409).body("field", equalTo("person.email"));
        assertEquals(1, count(session.id));
    }

    @Test
    void a_full_slot_answers_409_with_the_next_slots_of_the_offer() {
        var full = Sessions.plan(Sessions.session().with(s -> s.capacity = 1));
        var later = Sessions.plan(Sessions.session().with(s -> {
            s.offerId = full.offerId;
            s.start = full.start.plusDays(1);
        }));
        Sessions.plan(Sessions.session()); // another offer: never proposed
        String holder = uniquePhone();
        post(request(full.id, holder, null)).then().statusCode(201);
        post(request(full.id, holder, null)).then().spec(problem(409, "person.phone"))
                .body("detail", containsString("déjà un rendez-vous"));
        post(request(full.id, uniquePhone(), null)).then().spec(problem(409, "slotId"))
                .body("type", equalTo(ProblemAssert.TYPE_BASE + "conflit")).body("title", equalTo("Conflit"))
                .body("detail", containsString("complet"))
                .body("nextSlots", hasSize(1)).body("nextSlots[0].id", equalTo(later.id.toString()))
                .body("nextSlots[0].remaining", equalTo(3));
        assertEquals(1, count(full.id));
    }

    @Test
    void a_full_slot_with_a_waiting_list_queues_the_person() {
        var session = Sessions.plan(Sessions.session().with(s -> {
            s.capacity = 1;
            s.waitingList = true;
        }));
        fr.maillage.booking.support.Bookings.book(session.id);
        post(request(session.id, uniquePhone(), null)).then().statusCode(201).body("status", equalTo("waitlisted"));
        given().get("/api/v1/slots/" + session.id).then().body("confirmed", equalTo(1)).body("waitlisted", equalTo(1));
    }

    @Test
    void idempotency_key_replays_the_first_answer_and_refuses_another_body() {
        var session = Sessions.plan(Sessions.session());
        var body = request(session.id, uniquePhone(), null);
        String key = "retry-" + UUID.randomUUID();
        String first = asAdmin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/bookings").then().statusCode(201).extract().asString();
        asAdmin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/bookings")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body(equalTo(first));
        var other = request(session.id, uniquePhone(), null);
        asAdmin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(other).post("/api/v1/bookings")
                .then().statusCode(422).body("field", equalTo("Idempotency-Key"));
        assertEquals(1, count(session.id));
    }

    @Test
    void concurrent_retries_with_one_idempotency_key_create_one_booking() throws Exception {
        var session = Sessions.plan(Sessions.session());
        var body = request(session.id, uniquePhone(), null);
        String key = "race-" + UUID.randomUUID();
        List<String> ids = runConcurrently(8, () -> asAdmin().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/v1/bookings").then().statusCode(201).extract().path("id"));
        assertEquals(1, ids.stream().distinct().count(), "every retry sees the same booking");
        assertEquals(1, count(session.id));
    }

    @Test
    void hundreds_of_concurrent_requests_never_overbook_the_last_seats() throws Exception {
        var session = Sessions.plan(Sessions.session().with(s -> s.capacity = 5));
        List<Integer> statuses = runConcurrently(60, () -> post(request(session.id, uniquePhone(), null)).statusCode());
        assertEquals(5, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(55, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        given().get("/api/v1/slots/" + session.id).then().body("confirmed", equalTo(5)).body("remaining", equalTo(0));
        asAdmin().queryParam("slotId", session.id).queryParam("status", "confirmed").get("/api/v1/bookings")
                .then().body("total", equalTo(5));
    }

    @Test
    void slots_are_listed_filtered_and_paginated() {
        var first = Sessions.plan(Sessions.session().with(s -> s.capacity = 1));
        var second = Sessions.plan(Sessions.session().with(s -> {
            s.offerId = first.offerId;
            s.start = first.start.plusHours(2);
        }));
        fr.maillage.booking.support.Bookings.book(first.id);
        given().queryParam("offerId", first.offerId).get("/api/v1/slots").then().statusCode(200)
                .header("X-Total-Count", "2").body("total", equalTo(2))
                .body("items[0].id", equalTo(first.id.toString())).body("items[1].id", equalTo(second.id.toString()))
                .body("items[0].place.commune", equalTo("Romagné"))
                .body("items[0].bookingRules.allowedBookers", hasItem("citizen"));
        given().queryParam("offerId", first.offerId).queryParam("available", true).get("/api/v1/slots").then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(second.id.toString()));
        given().queryParam("offerId", first.offerId).queryParam("size", 1).queryParam("page", 1).get("/api/v1/slots")
                .then().body("items", hasSize(1)).body("items[0].id", equalTo(second.id.toString()));
        given().queryParam("offerId", first.offerId).queryParam("from", second.start.toString()).get("/api/v1/slots")
                .then().body("total", equalTo(1));
        given().queryParam("from", "hier").get("/api/v1/slots").then().statusCode(400).body("field", equalTo("from"));
        given().queryParam("size", 1000).get("/api/v1/slots").then().statusCode(400).body("field", equalTo("size"));
        given().get("/api/v1/slots/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/slots/pas-un-uuid").then().statusCode(404);
    }

    @Test
    void openapi_documents_every_endpoint() {
        var doc = given().get("/q/openapi?format=json").then().statusCode(200);
        for (String path : List.of("/api/v1/bookings", "/api/v1/slots", "/api/v1/slots/{id}", "/api/v1/slots/{id}/shifts",
                "/api/v1/bookings/self/{token}", "/api/v1/bookings/shifts", "/api/v1/bookings/shifts.ics",
                "/api/v1/bookings/{id}/verification", "/api/v1/bookings/{id}/verification/code",
                "/api/v1/bookings/self/{token}.ics", "/api/v1/bookings/self/{token}/reschedule")) {
            doc.body("paths.'" + path + "'", notNullValue());
        }
        doc.body("paths.'/api/v1/bookings'.post.responses.'409'", notNullValue())
                .body("paths.'/api/v1/bookings'.post.responses.'422'", notNullValue())
                .body("paths.'/api/v1/bookings'.post.responses.'500'", nullValue());
        // every error is documented once, as the platform's Problem (the 409 keeps booking's example with nextSlots)
        String problem = "paths.'/api/v1/bookings'.post.responses.'%s'.content.'application/problem+json'";
        doc.body("components.schemas.Problem.properties", notNullValue())
                .body(problem.formatted("409") + ".schema.$ref", equalTo("#/components/schemas/Problem"))
                .body(problem.formatted("409") + ".examples.complet.value.nextSlots", notNullValue())
                // the 401 of every operation that needs a token is the platform's shared response, a Problem too
                .body("paths.'/api/v1/bookings'.post.responses.'401'.$ref", equalTo("#/components/responses/Unauthorized"))
                .body("components.responses.Unauthorized.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/v1/slots/{id}'.get.responses.'404'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"));
    }

    @Test
    void openapi_declares_the_bearer_scheme_and_the_roles_of_each_protected_operation() {
        var doc = given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
        Map<String, List<String>> protectedOps = Map.of(
                "paths.'/api/v1/bookings'.post", List.of("partner-app", "agent", "admin"),
                "paths.'/api/v1/bookings'.get", List.of("partner-app", "agent", "admin"),
                "paths.'/api/v1/bookings/{id}'.get", List.of("partner-app", "agent", "admin"),
                "paths.'/api/v1/bookings/{id}/cancel'.post", List.of("partner-app", "agent", "admin"),
                "paths.'/api/v1/bookings/{id}/personal-data'.delete", List.of("partner-app", "agent", "admin"),
                "paths.'/api/v1/slots/{id}/shifts'.post", List.of("partner-app", "agent", "admin"),
                "paths.'/api/v1/slots/{id}/shifts/{shiftId}'.delete", List.of("partner-app", "agent", "admin"),
                "paths.'/api/v1/bookings/shifts'.get", List.of("volunteer", "partner-app", "agent", "admin"),
                "paths.'/api/v1/bookings/shifts.ics'.get", List.of("volunteer", "partner-app", "agent", "admin"));
        protectedOps = new java.util.HashMap<>(protectedOps);
        protectedOps.put("paths.'/api/v1/bookings/{id}/verification'.post", List.of("partner-app", "agent", "admin"));
        protectedOps.put("paths.'/api/v1/bookings/{id}/verification/code'.post", List.of("partner-app", "agent", "admin"));
        protectedOps.forEach((op, roles) -> doc.body(op + ".security[0].bearer", org.hamcrest.Matchers.containsInAnyOrder(roles.toArray()))
                .body(op + ".responses.'401'", notNullValue()).body(op + ".responses.'403'", notNullValue())
                .body(op + ".description", containsString("Rôle")));
        for (String publicOp : List.of("paths.'/api/v1/slots'.get", "paths.'/api/v1/slots/{id}'.get",
                "paths.'/api/v1/bookings/self/{token}'.get", "paths.'/api/v1/bookings/self/{token}'.delete",
                "paths.'/api/v1/bookings/{id}.ics'.get", "paths.'/api/v1/bookings/self/{token}.ics'.get",
                "paths.'/api/v1/bookings/self/{token}/reschedule'.post")) {
            doc.body(publicOp, notNullValue()).body(publicOp + ".security", nullValue())
                    .body(publicOp + ".responses.'401'", nullValue());
        }
    }

    static <T> List<T> runConcurrently(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<T>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(call);
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
