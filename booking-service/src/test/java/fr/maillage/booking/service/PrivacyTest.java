package fr.maillage.booking.service;

import static fr.maillage.booking.support.Bookings.book;
import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.events.EventSchemas;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class PrivacyTest {
    @Inject
    PrivacyService privacy;
    @Inject
    EntityManager em;

    @Test
    void an_agent_erases_a_persons_data_and_their_future_seat_is_released() {
        var session = Sessions.plan(Sessions.session().with(s -> {
            s.capacity = 1;
            s.waitingList = true;
        }));
        String key = "erase-" + UUID.randomUUID();
        var created = asAdmin().contentType(io.restassured.http.ContentType.JSON).header("Idempotency-Key", key)
                .body(request(session.id, uniquePhone(), "erase.me@example.org")).post("/api/v1/bookings")
                .then().statusCode(201).extract();
        String id = created.path("id");
        String url = created.path("selfServiceUrl");
        String waiting = post(request(session.id, uniquePhone(), null)).then().extract().path("id");
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM idempotent_request WHERE key = :k AND body LIKE '%erase.me%'").setParameter("k", key)
                .getSingleResult()).longValue()), "the first answer is stored with the key");
        try (Events events = new Events("booking.bookings.v1")) {
            asAdmin().delete("/api/v1/bookings/" + id + "/personal-data").then().statusCode(204);
            var anonymised = events.await(Events.about(UUID.fromString(id), "BookingAnonymised"), 1).get(0);
            assertEquals(List.of(), EventSchemas.produced("booking.bookings.v1", anonymised.json()));
            assertTrue(anonymised.data().path("contact").isNull());
            assertTrue(!anonymised.value().contains("erase.me"), "nothing personal left in the event");
        }
        asAdmin().get("/api/v1/bookings/" + id).then().body("status", equalTo("cancelled_by_service"))
                .body("person", nullValue()).body("need", nullValue()).body("anonymisedAt", notNullValue());
        asAdmin().get("/api/v1/bookings/" + waiting).then().body("status", equalTo("confirmed"));
        given().get("/api/v1/bookings/self/" + url.substring(url.lastIndexOf('/') + 1)).then().statusCode(404);
        assertEquals(0L, rowsMentioning("erase.me@example.org"));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM idempotent_request WHERE key = :k OR body LIKE '%erase.me%'").setParameter("k", key)
                .getSingleResult()).longValue()), "the stored idempotent answer is erased too");
        asAdmin().delete("/api/v1/bookings/" + id + "/personal-data").then().statusCode(204);
        asAdmin().delete("/api/v1/bookings/" + UUID.randomUUID() + "/personal-data").then().statusCode(404);
    }

    @Test
    void bookings_are_anonymised_by_the_scheduled_job_after_the_retention_delay() {
        var old = Sessions.plan(Sessions.session());
        var recent = Sessions.plan(Sessions.session());
        String oldBooking = book(old.id);
        String recentBooking = book(recent.id);
        old.start = old.start.minusMonths(25); // the slot ended 25 months ago (retention: 24)
        Sessions.publish(old, "SessionChanged");
        recent.start = recent.start.minusMonths(23);
        Sessions.publish(recent, "SessionChanged");

        assertTrue(privacy.anonymiseExpired() >= 1);
        asAdmin().get("/api/v1/bookings/" + oldBooking).then().body("person", nullValue()).body("anonymisedAt", notNullValue())
                .body("status", equalTo("confirmed"));
        asAdmin().get("/api/v1/bookings/" + recentBooking).then().body("person.firstName", equalTo("Josiane"))
                .body("anonymisedAt", nullValue());
    }

    @Test
    void no_phone_number_email_or_token_reaches_the_logs() {
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()) + " "
                        + (record.getThrown() == null ? "" : record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        // The capture must see what the service logs: a line on the service's own category proves the handler is wired
        // (the platform's mappers log nothing for a 4xx, so the requests below may well log nothing at all).
        String marker = "privacy-test-capture-" + UUID.randomUUID();
        org.jboss.logging.Logger.getLogger(PrivacyService.class).info(marker);
        UUID org = UUID.randomUUID();
        String agent = Tokens.agent(org);
        String expired = Tokens.expired(org);
        String foreign = Tokens.signedByAnotherKey(org);
        try {
            var session = Sessions.plan(Sessions.session().with(s -> {
                s.capacity = 1;
                s.partnerId = org;
            }));
            String id = post(agent, request(session.id, "06 19 87 65 43", "secret.person@example.org")).then().statusCode(201)
                    .extract().path("id");
            post(agent, request(session.id, "06 19 87 65 43", null)).then().statusCode(409);
            post(agent, request(session.id, "06 19 87 65 4x", null)).then().statusCode(422);
            post(agent, request(session.id, null, "secret.person@")).then().statusCode(400);
            post(Tokens.agent(UUID.randomUUID()), request(session.id, "06 19 87 65 43", null)).then().statusCode(409);
            // refused tokens: not logged either
            for (String refused : List.of(expired, foreign, "pas-un-jeton." + agent.substring(agent.lastIndexOf('.') + 1))) {
                post(refused, request(session.id, "06 19 87 65 43", null)).then().statusCode(401);
                Tokens.as(refused).get("/api/v1/bookings/" + id).then().statusCode(401);
            }
            Tokens.as(Tokens.agent(UUID.randomUUID())).get("/api/v1/bookings/" + id).then().statusCode(404);
            Tokens.as(agent).delete("/api/v1/bookings/" + id + "/personal-data").then().statusCode(204);
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(logged.stream().anyMatch(line -> line.contains(marker)), "the capture works");
        List<String> secrets = new java.util.ArrayList<>(List.of("19 87 65", "619876543", "secret.person", "Bearer", "eyJ"));
        for (String token : List.of(agent, expired, foreign)) {
            secrets.add(token.substring(token.lastIndexOf('.') + 1)); // the signature
        }
        for (String line : logged) {
            for (String secret : secrets) {
                assertTrue(!line.contains(secret), "personal data or a token in a log line: " + line);
            }
        }
    }

    private long rowsMentioning(String email) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM booking WHERE email = :e OR need_text IS NOT NULL AND id IN "
                        + "(SELECT id FROM booking WHERE email = :e)").setParameter("e", email).getSingleResult()).longValue());
    }
}
