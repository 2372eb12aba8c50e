package fr.maillage.booking.api;

import static fr.maillage.booking.support.Bookings.count;
import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.as;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.support.Directory;
import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Issue 16, item 1: a shift (and the agent of a booking) may only name a person the directory knows who belongs to the
 * organisation concerned; otherwise 422 / 403, and nothing is stored or announced.
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class StaffFromTheDirectoryTest {
    @Inject
    EntityManager em;

    private static io.restassured.response.Response assign(String token, UUID slotId, UUID personId) {
        return as(token).contentType(ContentType.JSON).body(Map.of("personId", personId))
                .post("/api/v1/slots/" + slotId + "/shifts");
    }

    @Test
    void a_shift_names_only_a_person_of_the_host_structure_known_to_the_directory() {
        UUID host = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        var slot = Sessions.plan(Sessions.session().with(s -> s.partnerId = host));
        UUID ours = Directory.person(host);
        UUID theirs = Directory.person(other);
        UUID orphan = Directory.person(null); // recorded in the directory without an organisation
        UUID unknown = UUID.randomUUID();
        try (Events events = new Events("booking.shifts.v1")) {
            for (String token : List.of(Tokens.partnerApp(host), Tokens.agent(host), Tokens.admin())) {
                assign(token, slot.id, unknown).then().spec(problem(422, "personId"))
                        .body("detail", containsString("inconnue de l'annuaire"));
                assign(token, slot.id, theirs).then().spec(problem(403, "personId"))
                        .body("detail", containsString("structure qui accueille cette permanence"));
                assign(token, slot.id, orphan).then().spec(problem(403, "personId"));
            }
            asAdmin().get("/api/v1/slots/" + slot.id + "/shifts").then().statusCode(200).body("", hasSize(0));
            assertEquals(0, events.during(Duration.ofSeconds(2), r -> "ShiftAssigned".equals(r.type())
                    && r.data().path("slotId").asText().equals(slot.id.toString())).size(), "no event, hence no e-mail");
            assign(Tokens.agent(host), slot.id, ours).then().statusCode(201).body("personId", equalTo(ours.toString()));
        }

        // someone who left the directory (or moved to another structure) can no longer be named
        Directory.publish(ours, host, "PersonDeleted", 2);
        var later = Sessions.plan(Sessions.session().with(s -> s.partnerId = host));
        assign(Tokens.agent(host), later.id, ours).then().spec(problem(422, "personId"));
        Directory.publish(theirs, host, "PersonUpserted", 2);
        assign(Tokens.agent(host), later.id, theirs).then().statusCode(201);
    }

    @Test
    void the_read_model_keeps_no_name_and_no_contact_and_ignores_older_versions() {
        UUID partner = UUID.randomUUID();
        UUID person = UUID.randomUUID();
        Directory.publish(person, partner, "PersonUpserted", 3);
        // an older version, delivered late, changes nothing
        Directory.send(Directory.envelope(person, UUID.randomUUID(), "PersonUpserted", 2), person);
        UUID sentinel = UUID.randomUUID();
        Directory.send(Directory.envelope(sentinel, partner, "PersonUpserted", 1), person); // same key: consumed after
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Directory.find(sentinel).isPresent());
        assertEquals(partner, Directory.find(person).orElseThrow().partnerId());

        @SuppressWarnings("unchecked")
        List<String> columns = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'directory_person' ORDER BY column_name")
                .getResultList());
        assertEquals(List.of("active", "id", "partner_id", "source_version", "updated_at"), columns);
    }

    @Test
    void the_agent_named_in_a_booking_is_a_person_of_the_booking_organisation() {
        UUID org = UUID.randomUUID();
        var slot = Sessions.plan(Sessions.session().with(s -> s.capacity = 5));
        UUID colleague = Directory.person(org);
        UUID stranger = Directory.person(UUID.randomUUID());
        Map<String, Object> body = request(slot.id, uniquePhone(), null);
        body.remove("bookedBy");
        body.put("agentId", UUID.randomUUID());
        post(Tokens.agent(org), body).then().spec(problem(422, "agentId"));
        body.put("agentId", stranger);
        post(Tokens.agent(org), body).then().spec(problem(403, "agentId"));
        post(Tokens.partnerApp(org), body).then().spec(problem(403, "agentId"));
        assertEquals(0, count(slot.id), "nothing booked");
        body.put("agentId", colleague);
        post(Tokens.agent(org), body).then().statusCode(201).body("agentId", equalTo(colleague.toString()));
        // without agentId in the body, the agent token's own person claim is taken as it is (the identity provider's word)
        Map<String, Object> own = request(slot.id, uniquePhone(), null);
        own.remove("bookedBy");
        UUID self = UUID.randomUUID();
        post(Tokens.of("agent", org, self), own).then().statusCode(201).body("agentId", equalTo(self.toString()));
    }
}
