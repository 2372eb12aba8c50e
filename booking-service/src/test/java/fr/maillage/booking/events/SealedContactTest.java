package fr.maillage.booking.events;

import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.maillage.booking.support.Events;
import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.crypto.SealedData;
import fr.maillage.platform.events.EventSchemas;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Issue 16, item 7: booking.bookings.v1 carries no first name, phone, e-mail or self-service link in clear; they travel
 * in one member sealed for notification-service (contract: /work/notes/s16/booking-event-contact.md, the JSON Schema).
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class SealedContactTest {
    @Inject
    SealedData sealed;

    private JsonNode open(Events.Received event) throws Exception {
        return Sessions.JSON.readTree(sealed.open(event.data().path("contact").asText()));
    }

    @Test
    void every_booking_event_seals_the_contact_and_only_the_first_carries_the_link() throws Exception {
        var session = Sessions.plan(Sessions.session().with(s -> {
            s.capacity = 1;
            s.waitingList = true;
        }));
        String firstPhone = uniquePhone();
        String waitingPhone = uniquePhone();
        try (Events events = new Events("booking.bookings.v1")) {
            String first = post(request(session.id, firstPhone, null)).then().statusCode(201).extract().path("id");
            var waiting = post(request(session.id, waitingPhone, "file.attente@example.org")).then().statusCode(201).extract();
            String waitingId = waiting.path("id");
            String link = waiting.path("selfServiceUrl");
            asAdmin().contentType(ContentType.JSON).body(Map.of("cancelledBy", "service")).post("/api/v1/bookings/" + first
                    + "/cancel").then().statusCode(200);

            var waitlisted = events.await(Events.about(UUID.fromString(waitingId), "BookingWaitlisted"), 1).get(0);
            var promoted = events.await(Events.about(UUID.fromString(waitingId), "BookingPromoted"), 1).get(0);
            var cancelled = events.await(Events.about(UUID.fromString(first), "BookingCancelled"), 1).get(0);
            for (var event : List.of(waitlisted, promoted, cancelled)) {
                assertEquals(List.of(), EventSchemas.produced("booking.bookings.v1", event.json()), event.value());
                assertTrue(event.data().path("person").isMissingNode(), "no person member any more");
                assertTrue(event.data().path("selfServiceUrl").isMissingNode(), "no link member any more");
                assertTrue(event.data().path("contact").asText().startsWith("s1."), event.value());
                for (String clear : List.of("Josiane", "file.attente", waitingPhone.replace(" ", "").substring(1),
                        "/bookings/self/", "/rdv/")) {
                    assertTrue(!event.value().contains(clear), "in clear in " + event.type() + ": " + clear);
                }
            }
            JsonNode atCreation = open(waitlisted);
            assertEquals("Josiane", atCreation.path("firstName").asText());
            assertEquals("file.attente@example.org", atCreation.path("email").asText());
            assertEquals(true, atCreation.path("smsConsent").asBoolean());
            assertEquals(link, atCreation.path("selfServiceUrl").asText());
            JsonNode later = open(promoted);
            assertEquals("file.attente@example.org", later.path("email").asText());
            assertTrue(later.path("selfServiceUrl").isNull(), "only the token's hash is kept: no link after creation");
            assertTrue(open(cancelled).path("phone").asText().startsWith("+33"));
        }
    }

    @Test
    void the_contract_refuses_the_old_clear_members_and_anything_but_a_sealed_value() throws Exception {
        var session = Sessions.plan(Sessions.session());
        try (Events events = new Events("booking.bookings.v1")) {
            String id = post(request(session.id, uniquePhone(), null)).then().statusCode(201).extract().path("id");
            var confirmed = events.await(Events.about(UUID.fromString(id), "BookingConfirmed"), 1).get(0);
            ObjectNode withPerson = confirmed.json().deepCopy();
            ((ObjectNode) withPerson.get("data")).putObject("person").put("firstName", "Josiane");
            assertTrue(!EventSchemas.produced("booking.bookings.v1", withPerson).isEmpty());
            ObjectNode clearContact = confirmed.json().deepCopy();
            ((ObjectNode) clearContact.get("data")).put("contact", "{\"phone\":\"+33612345678\"}");
            assertTrue(!EventSchemas.produced("booking.bookings.v1", clearContact).isEmpty());
            // tampering is detected (AES-GCM): a reader cannot forge a contact either
            String contact = confirmed.data().path("contact").asText();
            String tampered = contact.substring(0, contact.length() - 2) + (contact.endsWith("A") ? "BB" : "AA");
            assertThrows(SealedData.Unreadable.class, () -> sealed.open(tampered));
        }
    }
}
