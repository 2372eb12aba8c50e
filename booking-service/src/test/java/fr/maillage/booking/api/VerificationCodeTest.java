package fr.maillage.booking.api;

import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fr.maillage.booking.service.VerificationService;
import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.crypto.SealedData;
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
 * Issue 17: a booking made with verification "code" is pending, holding its seat (or place in the queue) exactly like a
 * confirmed one, until the person types the 6-digit code sent to them (BookingCodeRequested, code sealed); three wrong
 * codes or the end of the hold give the seat back; only the caller that created it may verify it or ask for a new
 * code; codes are limited per contact.
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class VerificationCodeTest {
    private static final String BOOKINGS = "booking.bookings.v1";

    @Inject
    SealedData sealed;
    @Inject
    EntityManager em;
    @Inject
    VerificationService verification;

    private final UUID org = UUID.randomUUID();
    /** The public site: a partner app of its own, whose token subject is the booking's creator. */
    private final String site = Tokens.partnerApp(org);

    private static Map<String, Object> byCode(UUID slotId, String phone, String email) {
        Map<String, Object> body = request(slotId, phone, email);
        body.put("verification", "code");
        return body;
    }

    private Response verify(String token, String id, String code) {
        return Tokens.as(token).contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/api/v1/bookings/" + id + "/verification");
    }

    private Response resend(String token, String id) {
        return Tokens.as(token).post("/api/v1/bookings/" + id + "/verification/code");
    }

    /** The code of the n-th BookingCodeRequested of this booking, opened as notification-service does. */
    private String code(Events events, String id, int nth) {
        var requested = events.await(Events.about(UUID.fromString(id), "BookingCodeRequested"), nth).get(nth - 1);
        assertEquals(List.of(), EventSchemas.produced(BOOKINGS, requested.json()), requested.value());
        return sealed.open(requested.data().path("code").asText());
    }

    private int confirmedSeats(UUID slotId) {
        return given().get("/api/v1/slots/" + slotId).then().statusCode(200).extract().path("confirmed");
    }

    private String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    @Test
    void a_pending_booking_holds_its_seat_and_is_confirmed_by_the_right_code() throws Exception {
        var session = Sessions.plan(Sessions.session().with(s -> s.capacity = 2));
        String phone = uniquePhone();
        try (Events events = new Events(BOOKINGS)) {
            var created = Tokens.as(site).contentType(ContentType.JSON).body(byCode(session.id, phone, null))
                    .post("/api/v1/bookings").then().statusCode(201)
                    .body("status", equalTo("pending")).body("pendingOutcome", equalTo("confirmed"))
                    .body("codeAttemptsLeft", equalTo(3)).body("selfServiceUrl", nullValue())
                    .body("holdExpiresAt", notNullValue()).body("codeSentTo", equalTo("sms")).extract();
            String id = created.path("id");
            OffsetDateTime hold = OffsetDateTime.parse(created.path("holdExpiresAt"));
            Duration left = Duration.between(OffsetDateTime.now(), hold);
            assertTrue(left.compareTo(Duration.ofMinutes(9)) > 0 && left.compareTo(Duration.ofMinutes(11)) < 0, left.toString());
            assertEquals(1, confirmedSeats(session.id), "the pending booking holds a seat");
            assertTrue(given().get("/api/v1/bookings/" + id + ".ics").then().statusCode(200).extract().asString()
                    .contains("STATUS:TENTATIVE"), "not confirmed yet");

            String code = code(events, id, 1);
            assertTrue(code.matches("\\d{6}"), "six digits");
            var requested = events.await(Events.about(UUID.fromString(id), "BookingCodeRequested"), 1).get(0);
            JsonNode data = requested.data();
            assertEquals("pending", data.path("status").asText());
            assertEquals(id, data.path("bookingId").asText());
            assertEquals("confirmed", data.path("pendingOutcome").asText());
            assertTrue(OffsetDateTime.parse(data.path("expiresAt").asText()).isEqual(hold));
            assertTrue(!requested.value().contains(code), "the code travels sealed only");
            JsonNode contact = Sessions.JSON.readTree(sealed.open(data.path("contact").asText()));
            assertEquals(phone.replace(" ", "").replaceFirst("^0", "+33"), contact.path("phone").asText());
            assertTrue(contact.path("selfServiceUrl").isNull(), "no link before verification");
            String stored = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                    "SELECT CAST(row_to_json(b) AS text) FROM booking b WHERE id = CAST(:id AS uuid)")
                    .setParameter("id", id).getSingleResult());
            assertTrue(!stored.contains("\"" + code + "\""), "the code is stored hashed only");

            verify(site, id, wrong(code)).then().spec(problem(422, "code"))
                    .body("detail", equalTo("Ce code ne correspond pas. Il vous reste 2 essais.")).body("codeAttemptsLeft", equalTo(2));
            assertTrue(events.during(Duration.ofSeconds(2), Events.about(UUID.fromString(id), "BookingConfirmed")).isEmpty(),
                    "nothing confirmed before the code");

            String link = verify(site, id, code).then().statusCode(200).body("status", equalTo("confirmed"))
                    .body("pendingOutcome", nullValue()).body("holdExpiresAt", nullValue())
                    .body("selfServiceUrl", startsWith("http://127.0.0.1:8080/rdv/")).extract().path("selfServiceUrl");
            var confirmed = events.await(Events.about(UUID.fromString(id), "BookingConfirmed"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced(BOOKINGS, confirmed.json()), confirmed.value());
            assertEquals(link, Sessions.JSON.readTree(sealed.open(confirmed.data().path("contact").asText()))
                    .path("selfServiceUrl").asText(), "the confirmation carries the link");
            assertTrue(confirmed.json().path("version").asLong() > requested.json().path("version").asLong());
            // the offer's own delays travel with the booking, so messages promise only what the page allows
            assertTrue(OffsetDateTime.parse(confirmed.data().path("cancelUntil").asText()).isEqual(session.start.minusMinutes(120)));
            assertTrue(OffsetDateTime.parse(confirmed.data().path("rescheduleUntil").asText())
                    .isEqual(session.start.minusMinutes(120)));
            assertTrue(data.path("cancelUntil").isNull() && data.path("rescheduleUntil").isNull(), "nothing to cancel yet");
            given().get("/api/v1/bookings/self/" + link.substring(link.lastIndexOf('/') + 1)).then().statusCode(200)
                    .body("status", equalTo("confirmed")).body("id", equalTo(id));
            assertEquals(1, confirmedSeats(session.id), "the same seat, confirmed");
            // verified once (a double submit on a slow connection): no code expected any more, said plainly
            verify(site, id, code).then().spec(problem(409, "code")).body("detail", equalTo("Ce rendez-vous est déjà confirmé."));
        }
    }

    @Test
    void three_wrong_codes_give_the_seat_back_and_publish_nothing_but_the_expiry() throws Exception {
        var session = Sessions.plan(Sessions.session().with(s -> s.capacity = 1));
        try (Events events = new Events(BOOKINGS, "booking.slots.v1")) {
            String id = Tokens.as(site).contentType(ContentType.JSON).body(byCode(session.id, uniquePhone(), null))
                    .post("/api/v1/bookings").then().statusCode(201).extract().path("id");
            String code = code(events, id, 1);
            assertEquals(1, confirmedSeats(session.id));
            // a seat held by a pending booking is taken: the slot is full for everyone else
            post(request(session.id, uniquePhone(), null)).then().spec(problem(409, "slotId"));

            verify(site, id, "abcdef").then().spec(problem(400, "code"));
            verify(site, id, wrong(code)).then().spec(problem(422, "code")).body("detail", containsString("2 essais"));
            verify(site, id, wrong(code)).then().spec(problem(422, "code"))
                    .body("detail", equalTo("Ce code ne correspond pas. Il vous reste 1 essai."));
            verify(site, id, wrong(code)).then().spec(problem(409, "code")).body("detail", containsString("Recommencez"))
                    .body("codeAttemptsLeft", equalTo(0));

            // never confirmed: its personal data is gone at once
            asAdmin().get("/api/v1/bookings/" + id).then().statusCode(200).body("status", equalTo("expired"))
                    .body("person", nullValue()).body("anonymisedAt", notNullValue());
            assertTrue(given().get("/api/v1/bookings/" + id + ".ics").then().statusCode(200).extract().asString()
                    .contains("STATUS:CANCELLED"), "the calendar file says it is off");
            assertEquals(0, confirmedSeats(session.id), "the seat is free again");
            var expired = events.await(Events.about(UUID.fromString(id), "BookingExpired"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced(BOOKINGS, expired.json()), expired.value());
            assertTrue(expired.data().path("contact").isNull(), "nobody is written to about an expiry");
            events.await(r -> r.topic().equals("booking.slots.v1") && r.key().equals(session.id.toString())
                    && r.data().path("confirmed").asInt() == 0, 1);
            assertTrue(events.during(Duration.ofSeconds(1), Events.about(UUID.fromString(id), "BookingConfirmed")).isEmpty());
            // even the right code is too late now
            verify(site, id, code).then().spec(problem(409, "code"));
            resend(site, id).then().spec(problem(409, "code"));
            post(request(session.id, uniquePhone(), null)).then().statusCode(201).body("status", equalTo("confirmed"));
        }
    }

    @Test
    void only_the_caller_that_created_it_may_verify_or_ask_for_a_code() throws Exception {
        var session = Sessions.plan(Sessions.session());
        try (Events events = new Events(BOOKINGS)) {
            String id = Tokens.as(site).contentType(ContentType.JSON).body(byCode(session.id, uniquePhone(), null))
                    .post("/api/v1/bookings").then().statusCode(201).extract().path("id");
            String code = code(events, id, 1);
            String sameOrgOtherClient = Tokens.of("partner-app", org, null, "another-client-of-" + org);
            for (String other : List.of(sameOrgOtherClient, Tokens.admin(), Tokens.partnerApp(UUID.randomUUID()))) {
                verify(other, id, code).then().spec(problem(404, "id"));
                resend(other, id).then().spec(problem(404, "id"));
            }
            verify(site, UUID.randomUUID().toString(), code).then().spec(problem(404, "id"));
            given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/v1/bookings/" + id + "/verification")
                    .then().statusCode(401);
            // nothing was counted against the booking
            verify(site, id, code).then().statusCode(200).body("status", equalTo("confirmed"));
        }
    }

    @Test
    void an_expired_hold_is_released_by_the_sweep_and_refused_afterwards() throws Exception {
        var session = Sessions.plan(Sessions.session().with(s -> s.capacity = 1));
        try (Events events = new Events(BOOKINGS)) {
            String id = Tokens.as(site).contentType(ContentType.JSON).body(byCode(session.id, uniquePhone(), null))
                    .post("/api/v1/bookings").then().statusCode(201).extract().path("id");
            String code = code(events, id, 1);
            String other = Tokens.as(site).contentType(ContentType.JSON).body(byCode(Sessions.plan(Sessions.session()).id,
                    uniquePhone(), null)).post("/api/v1/bookings").then().statusCode(201).extract().path("id");
            String otherCode = code(events, other, 1);
            pastHold(id);

            // the service's own scheduled sweep (every 30 s) may release it first: either way it is released now
            verification.expireOverdue();
            asAdmin().get("/api/v1/bookings/" + id).then().statusCode(200).body("status", equalTo("expired"))
                    .body("holdExpiresAt", nullValue());
            assertEquals(0, confirmedSeats(session.id), "the seat went back");
            events.await(Events.about(UUID.fromString(id), "BookingExpired"), 1);
            verify(site, id, code).then().spec(problem(409, "code")).body("detail", containsString("Recommencez"));

            // the sweep may not have run yet: the verification itself sees the hold is over
            pastHold(other);
            verify(site, other, otherCode).then().spec(problem(409, "code")).body("detail", containsString("délai"));
        }
    }

    @Test
    void a_slot_that_began_before_the_code_was_typed_is_not_confirmed() throws Exception {
        var session = Sessions.plan(Sessions.session().with(s -> s.capacity = 1));
        try (Events events = new Events(BOOKINGS)) {
            String id = Tokens.as(site).contentType(ContentType.JSON).body(byCode(session.id, uniquePhone(), null))
                    .post("/api/v1/bookings").then().statusCode(201).extract().path("id");
            String code = code(events, id, 1);
            session.start = OffsetDateTime.now(java.time.ZoneId.of("Europe/Paris")).minusMinutes(5)
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            Sessions.publish(session, "SessionChanged");
            verify(site, id, code).then().spec(problem(409, "code")).body("detail", containsString("commencé"));
            asAdmin().get("/api/v1/bookings/" + id).then().statusCode(200).body("status", equalTo("expired"));
            assertEquals(0, confirmedSeats(session.id));
        }
    }

    @Test
    void erasing_a_pending_booking_gives_its_seat_back_at_once() {
        var session = Sessions.plan(Sessions.session().with(s -> s.capacity = 1));
        String id = Tokens.as(site).contentType(ContentType.JSON).body(byCode(session.id, uniquePhone(), null))
                .post("/api/v1/bookings").then().statusCode(201).extract().path("id");
        Tokens.as(site).delete("/api/v1/bookings/" + id + "/personal-data").then().statusCode(204);
        asAdmin().get("/api/v1/bookings/" + id).then().statusCode(200).body("status", equalTo("expired"))
                .body("person", nullValue()).body("anonymisedAt", notNullValue());
        assertEquals(0, confirmedSeats(session.id));
    }

    @Test
    void a_code_that_could_not_be_delivered_is_refused_before_holding_a_seat() {
        var session = Sessions.plan(Sessions.session().with(s -> s.capacity = 1));
        // a landline and no e-mail: no SMS can carry the code
        Tokens.as(site).contentType(ContentType.JSON).body(byCode(session.id, "02 99 12 34 56", null))
                .post("/api/v1/bookings").then().spec(problem(422, "person.phone")).body("detail", containsString("portable"));
        assertEquals(0, confirmedSeats(session.id), "nothing held");
        // the same landline with an e-mail: the code goes by e-mail
        Tokens.as(site).contentType(ContentType.JSON).body(byCode(session.id, "02 99 12 34 56", "fixe@example.org"))
                .post("/api/v1/bookings").then().statusCode(201).body("codeSentTo", equalTo("email"));
        // a booking without code for a landline is as before
        var other = Sessions.plan(Sessions.session());
        post(request(other.id, "02 99 12 34 56", null)).then().statusCode(201).body("codeSentTo", nullValue());
    }

    private void pastHold(String id) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE booking SET hold_expires_at = now() - interval '1 second' WHERE id = CAST(:id AS uuid)")
                .setParameter("id", id).executeUpdate());
    }

    @Test
    void a_new_code_voids_the_old_one_and_codes_are_limited_per_contact() throws Exception {
        var session = Sessions.plan(Sessions.session());
        String phone = uniquePhone();
        try (Events events = new Events(BOOKINGS)) {
            var created = Tokens.as(site).contentType(ContentType.JSON).body(byCode(session.id, phone, null))
                    .post("/api/v1/bookings").then().statusCode(201).extract();
            String id = created.path("id");
            String first = code(events, id, 1);
            OffsetDateTime firstHold = OffsetDateTime.parse(created.path("holdExpiresAt"));
            Thread.sleep(1_100);
            var again = resend(site, id).then().statusCode(202).body("status", equalTo("pending"))
                    .body("codeAttemptsLeft", equalTo(3)).extract();
            assertTrue(OffsetDateTime.parse(again.path("holdExpiresAt")).isEqual(firstHold), "a new code does not extend the hold");
            String second = code(events, id, 2);
            resend(site, id).then().statusCode(202);
            String third = code(events, id, 3);
            // three codes to this number within the hour: no fourth, whoever asks
            resend(site, id).then().spec(problem(429)).header("Retry-After", notNullValue());
            var otherSlot = Sessions.plan(Sessions.session());
            Tokens.as(Tokens.partnerApp(UUID.randomUUID())).contentType(ContentType.JSON)
                    .body(byCode(otherSlot.id, phone.replace(" ", ""), null)).post("/api/v1/bookings")
                    .then().spec(problem(429)).header("Retry-After", notNullValue());
            assertEquals(0, confirmedSeats(otherSlot.id), "a refused booking holds nothing");
            // a booking without code for that number is not limited
            post(request(otherSlot.id, phone, null)).then().statusCode(201);

            if (!first.equals(third)) {
                verify(site, id, first).then().spec(problem(422, "code"));
            }
            if (!second.equals(third)) {
                verify(site, id, second).then().spec(problem(422, "code"));
            }
            verify(site, id, third).then().statusCode(200).body("status", equalTo("confirmed"));
            assertNotEquals(null, third);
        }
    }

    @Test
    void a_full_slot_with_a_waiting_list_holds_a_place_in_the_queue() throws Exception {
        var session = Sessions.plan(Sessions.session().with(s -> {
            s.capacity = 1;
            s.waitingList = true;
        }));
        String first = post(request(session.id, uniquePhone(), null)).then().statusCode(201).extract().path("id");
        try (Events events = new Events(BOOKINGS)) {
            String id = Tokens.as(site).contentType(ContentType.JSON).body(byCode(session.id, uniquePhone(), null))
                    .post("/api/v1/bookings").then().statusCode(201).body("status", equalTo("pending"))
                    .body("pendingOutcome", equalTo("waitlisted")).extract().path("id");
            given().get("/api/v1/slots/" + session.id).then().body("waitlisted", equalTo(1)).body("confirmed", equalTo(1));
            String code = code(events, id, 1);
            // a seat freed while the person is typing goes to the queue only once they are in it (verified)
            asAdmin().contentType(ContentType.JSON).body(Map.of("cancelledBy", "service"))
                    .post("/api/v1/bookings/" + first + "/cancel").then().statusCode(200);
            given().get("/api/v1/slots/" + session.id).then().body("waitlisted", equalTo(1)).body("confirmed", equalTo(0));
            verify(site, id, code).then().statusCode(200).body("status", equalTo("confirmed"))
                    .body("selfServiceUrl", notNullValue());
            events.await(Events.about(UUID.fromString(id), "BookingWaitlisted"), 1);
            events.await(Events.about(UUID.fromString(id), "BookingPromoted"), 1);
            given().get("/api/v1/slots/" + session.id).then().body("waitlisted", equalTo(0)).body("confirmed", equalTo(1));
        }
    }

    @Test
    void pending_holds_are_exact_under_contention_and_hold_at_most_half_the_seats() throws Exception {
        var session = Sessions.plan(Sessions.session().with(s -> s.capacity = 4));
        List<Integer> statuses = BookingApiTest.runConcurrently(16, () -> Tokens.as(site).contentType(ContentType.JSON)
                .body(byCode(session.id, uniquePhone(), null)).post("/api/v1/bookings").statusCode());
        // max-pending-share 0.5 of 4 seats: exactly 2 held by codes, whatever the rush
        assertEquals(2, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(14, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(2, confirmedSeats(session.id));
        long pending = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM booking WHERE slot_id = :s AND status = 'pending'").setParameter("s", session.id)
                .getSingleResult()).longValue());
        assertEquals(2, pending);
        Tokens.as(site).contentType(ContentType.JSON).body(byCode(session.id, uniquePhone(), null)).post("/api/v1/bookings")
                .then().spec(problem(409, "slotId")).body("detail", containsString("attendent encore leur code"));
        // the other seats stay bookable by people who confirm; pending and confirmed share the capacity exactly
        List<Integer> immediate = BookingApiTest.runConcurrently(6, () -> post(request(session.id, uniquePhone(), null))
                .statusCode());
        assertEquals(2, immediate.stream().filter(s -> s == 201).count(), immediate.toString());
        assertEquals(4, confirmedSeats(session.id));
        post(request(session.id, uniquePhone(), null)).then().spec(problem(409, "slotId"));
    }

    @Test
    void the_commune_of_residence_is_stored_returned_and_published() throws Exception {
        var session = Sessions.plan(Sessions.session());
        try (Events events = new Events(BOOKINGS)) {
            Map<String, Object> body = request(session.id, uniquePhone(), null);
            @SuppressWarnings("unchecked")
            Map<String, Object> person = (Map<String, Object>) body.get("person");
            person.put("residenceInsee", "2A004");
            String id = post(body).then().statusCode(201).body("person.residenceInsee", equalTo("2A004")).extract().path("id");
            asAdmin().get("/api/v1/bookings/" + id).then().body("person.residenceInsee", equalTo("2A004"));
            var confirmed = events.await(Events.about(UUID.fromString(id), "BookingConfirmed"), 1).get(0);
            assertEquals("2A004", confirmed.data().path("residenceInsee").asText());
            assertEquals(List.of(), EventSchemas.produced(BOOKINGS, confirmed.json()));

            for (String invalid : List.of("3524", "352433", "2C004", "ab123", "35 243")) {
                person.put("residenceInsee", invalid);
                int before = confirmedSeats(session.id);
                post(body).then().spec(problem(400, "person.residenceInsee"));
                assertEquals(before, confirmedSeats(session.id));
            }
            person.remove("residenceInsee");
            String without = post(request(session.id, uniquePhone(), null)).then().statusCode(201)
                    .body("person.residenceInsee", nullValue()).extract().path("id");
            assertNotNull(without);
        }
    }
}
