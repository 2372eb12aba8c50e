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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.domain.SelfServiceTokens;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Issue 16, item 12: the self-service link's token is stored as a hash only and looked up by it; the link expires
 * (maillage.booking.self-service.expiry, 30 days by default) after the appointment; once cancelled it shows the status
 * only, no personal data.
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class SelfServiceLinkTest {
    @Inject
    EntityManager em;

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void only_a_hash_of_the_token_is_stored_and_the_link_is_found_by_it() {
        var session = Sessions.plan(Sessions.session());
        var created = post(request(session.id, uniquePhone(), "lien.prive@example.org")).then().statusCode(201).extract();
        String id = created.path("id");
        String token = token(created.path("selfServiceUrl"));

        @SuppressWarnings("unchecked")
        List<String> columns = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'booking'").getResultList());
        assertTrue(columns.contains("token_hash") && !columns.contains("token"), "no token column: " + columns);
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT token_hash FROM booking WHERE id = CAST(:id AS uuid)").setParameter("id", id).getSingleResult());
        assertEquals(SelfServiceTokens.hash(token), stored);
        long rowsWithToken = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM booking b WHERE strpos(CAST(row_to_json(b) AS text), :t) > 0")
                .setParameter("t", token).getSingleResult()).longValue());
        assertEquals(0, rowsWithToken, "the token itself is nowhere in the booking row");

        given().get("/api/v1/bookings/self/" + token).then().statusCode(200).body("id", equalTo(id))
                .body("person.email", equalTo("lien.prive@example.org"))
                .body("selfServiceUrl", equalTo(created.path("selfServiceUrl")));
        // the hash is not a credential
        given().get("/api/v1/bookings/self/" + stored).then().spec(problem(404, "token"));
        given().get("/api/v1/bookings/self/" + "x".repeat(101)).then().spec(problem(404, "token"));
    }

    @Test
    void a_cancelled_booking_shows_its_status_only_through_the_link() {
        var session = Sessions.plan(Sessions.session());
        String token = token(post(request(session.id, uniquePhone(), "annule.prive@example.org")).then().statusCode(201)
                .extract().path("selfServiceUrl"));
        String cancelled = given().delete("/api/v1/bookings/self/" + token).then().statusCode(200)
                .body("status", equalTo("cancelled_by_citizen")).body("person", nullValue()).body("need", nullValue())
                .body("selfServiceUrl", nullValue()).extract().asString();
        assertTrue(!cancelled.contains("annule.prive") && !cancelled.contains("Josiane"), cancelled);
        String shown = given().get("/api/v1/bookings/self/" + token).then().statusCode(200)
                .body("status", equalTo("cancelled_by_citizen")).body("person", nullValue()).body("need", nullValue())
                .body("agentId", nullValue()).body("bookerOrg", nullValue()).body("start", notNullValue())
                .body("place.name", equalTo("Pôle socioculturel")).extract().asString();
        assertTrue(!shown.contains("annule.prive") && !shown.contains("Josiane") && !shown.contains("Testard"), shown);

        // cancelled by the service: the same
        var other = post(request(session.id, uniquePhone(), null)).then().statusCode(201).extract();
        asAdmin().contentType(ContentType.JSON).body(Map.of("cancelledBy", "service")).post("/api/v1/bookings/"
                + other.path("id") + "/cancel").then().statusCode(200);
        given().get("/api/v1/bookings/self/" + token(other.path("selfServiceUrl"))).then().statusCode(200)
                .body("status", equalTo("cancelled_by_service")).body("person", nullValue());
    }

    @Test
    void the_link_expires_thirty_days_after_the_appointment() {
        var recent = Sessions.plan(Sessions.session());
        var old = Sessions.plan(Sessions.session());
        String recentToken = token(post(request(recent.id, uniquePhone(), null)).then().statusCode(201).extract()
                .path("selfServiceUrl"));
        String oldToken = token(post(request(old.id, uniquePhone(), null)).then().statusCode(201).extract()
                .path("selfServiceUrl"));
        recent.start = recent.start.minusDays(3 + 29); // ended 29 days ago
        Sessions.publish(recent, "SessionChanged");
        old.start = old.start.minusDays(3 + 31); // ended 31 days ago
        Sessions.publish(old, "SessionChanged");
        given().get("/api/v1/bookings/self/" + recentToken).then().statusCode(200);
        given().get("/api/v1/bookings/self/" + oldToken).then().spec(problem(404, "token"))
                .body("detail", containsString("expiré"));
        given().delete("/api/v1/bookings/self/" + oldToken).then().spec(problem(404, "token"));
    }

    @Test
    void the_migration_hashes_the_tokens_stored_before() {
        // V5 hashed with PostgreSQL's sha256: the same function as the service's
        String token = SelfServiceTokens.newToken();
        String hashedByPostgres = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT encode(sha256(convert_to(:t, 'UTF8')), 'hex')").setParameter("t", token).getSingleResult());
        assertEquals(SelfServiceTokens.hash(token), hashedByPostgres);
    }
}
