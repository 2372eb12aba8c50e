package fr.maillage.notification.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import fr.maillage.notification.support.Events;
import fr.maillage.platform.testing.KafkaTopics;
import fr.maillage.platform.events.EventSchemas;

/**
 * Consumer side of the event contracts: the producers' published schemas (booking-service,
 * directory-service) accept the events our tests produce, and our consumer schemas never require a
 * field the producers may omit, so a valid producer event is never dead-lettered here.
 */
class ContractTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, String> PRODUCERS = Map.of(
            "booking.bookings.v1", "../booking-service/src/main/resources/META-INF/events/booking.bookings.v1.schema.json",
            "booking.shifts.v1", "../booking-service/src/main/resources/META-INF/events/booking.shifts.v1.schema.json",
            "directory.people.v1", "../directory-service/src/main/resources/META-INF/events/directory.people.v1.schema.json",
            "offers.offers.v1", "../offers-service/src/main/resources/META-INF/events/offers.offers.v1.schema.json",
            "offers.sessions.v1", "../offers-service/src/main/resources/META-INF/events/offers.sessions.v1.schema.json");

    @Test
    void testEventsMatchTheProducersSchemasAndOurs() throws Exception {
        UUID booking = UUID.randomUUID();
        UUID person = UUID.randomUUID();
        UUID shift = UUID.randomUUID();
        // since issue 16 the contact travels sealed in data.contact (person and selfServiceUrl are gone)
        Map<String, Object> bookingEvent = KafkaTopics.envelope("BookingConfirmed", booking, 1, Events.sealedShape(Events.booking(
                booking, "confirmed", OffsetDateTime.now().plusDays(2),
                Events.person("Camille", "+33612345678", "camille@example.fr", true, true), List.of(2880, 120))));
        Map<String, Object> shiftEvent = KafkaTopics.envelope("ShiftAssigned", shift, 1,
                Events.shift(shift, person, "assigned", OffsetDateTime.now().plusDays(2)));
        Map<String, Object> personEvent = KafkaTopics.envelope("PersonUpserted", person, 1,
                Events.directoryPerson(person, "+33612345678", null, true, false));
        check("booking.bookings.v1", MAPPER.valueToTree(bookingEvent));
        check("booking.shifts.v1", MAPPER.valueToTree(shiftEvent));
        check("directory.people.v1", MAPPER.valueToTree(personEvent));
        // since issue 7 booking events carry the booker's and the host's organisations (webhooks, receipts' visibility)
        check("booking.bookings.v1", MAPPER.valueToTree(KafkaTopics.envelope("BookingCancelled", booking, 2, Events.sealedShape(
                Events.booking(booking, "cancelled_by_citizen", OffsetDateTime.now().plusDays(2), null, List.of(),
                        UUID.randomUUID(), UUID.randomUUID())))));
        // issue 17: the code of a booking made from the public site (contact and code sealed), and the expiry of its hold
        Map<String, Object> code = new java.util.HashMap<>(Events.sealedShape(Events.booking(booking, "pending",
                OffsetDateTime.now().plusDays(2), Events.person("Camille", "+33612345678", null, false, false), List.of(),
                UUID.randomUUID(), UUID.randomUUID())));
        code.put("bookingId", booking.toString());
        code.put("code", "s1.1." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[34]));
        code.put("expiresAt", Events.iso(OffsetDateTime.now().plusMinutes(10)));
        code.put("pendingOutcome", "confirmed");
        check("booking.bookings.v1", MAPPER.valueToTree(KafkaTopics.envelope("BookingCodeRequested", booking, 1, code)));
        Map<String, Object> expired = new java.util.HashMap<>(Events.booking(booking, "expired", OffsetDateTime.now().plusDays(2),
                null, List.of(), UUID.randomUUID(), UUID.randomUUID()));
        expired.remove("person");
        expired.remove("selfServiceUrl");
        expired.put("contact", null);
        check("booking.bookings.v1", MAPPER.valueToTree(KafkaTopics.envelope("BookingExpired", booking, 2, expired)));
        // issue 18: a desk booking reminded by voice call, and a new self-service link sent
        Map<String, Object> desk = new java.util.HashMap<>(Events.sealedShape(Events.booking(booking, "confirmed",
                OffsetDateTime.now().plusDays(2), Events.person("Jeanne", "+33299123456", null, false, false), List.of(2880),
                UUID.randomUUID(), UUID.randomUUID())));
        desk.put("bookedBy", "agent");
        desk.put("reminderChannel", "voice");
        check("booking.bookings.v1", MAPPER.valueToTree(KafkaTopics.envelope("BookingConfirmed", booking, 1, desk)));
        Map<String, Object> link = new java.util.HashMap<>(desk);
        link.put("reminderChannel", "sms");
        link.put("sentTo", "sms");
        check("booking.bookings.v1", MAPPER.valueToTree(KafkaTopics.envelope("BookingSelfServiceLinkSent", booking, 2, link)));
        // events of the previous version (contact in clear) may still be in the topic: our schema accepts them
        assertEquals(List.of(), EventSchemas.consumed("booking.bookings.v1", MAPPER.valueToTree(KafkaTopics.envelope(
                "BookingConfirmed", booking, 1, Events.booking(booking, "confirmed", OffsetDateTime.now().plusDays(2),
                        Events.person("Camille", "+33612345678", null, true, false), List.of())))));
        // issue 19: staffing requests on booking.shifts.v1 (answer link sealed), a shift cancelled by an absence, a
        // booking moved or cancelled by one — checked against the producer's schema once it lists them
        UUID request = UUID.randomUUID();
        Map<String, Object> requested = new java.util.HashMap<>(Map.of("requestId", request.toString(), "personId",
                person.toString(), "partnerId", UUID.randomUUID().toString(), "permanenceId", UUID.randomUUID().toString(),
                "start", Events.iso(OffsetDateTime.now().plusDays(2)), "end", Events.iso(OffsetDateTime.now().plusDays(2).plusHours(2)),
                "offer", Map.of("id", UUID.randomUUID().toString(), "title", "Permanence bénévole"),
                "place", Map.of("id", UUID.randomUUID().toString(), "name", "CCAS", "street", "1 place de l'Église",
                        "postalCode", "45760", "commune", "Boigny-sur-Bionne")));
        requested.put("answerUrl", "s1.1." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[40]));
        requested.put("expiresAt", requested.get("start"));
        checkNew("booking.shifts.v1", "StaffingRequested", MAPPER.valueToTree(KafkaTopics.envelope("StaffingRequested",
                request, 1, requested)));
        Map<String, Object> covered = new java.util.HashMap<>(requested);
        covered.remove("answerUrl");
        covered.remove("expiresAt");
        covered.put("status", "covered");
        checkNew("booking.shifts.v1", "StaffingRequestCovered", MAPPER.valueToTree(KafkaTopics.envelope(
                "StaffingRequestCovered", request, 2, covered)));
        Map<String, Object> byAbsence = new java.util.HashMap<>(Events.shift(shift, person, "cancelled",
                OffsetDateTime.now().plusDays(2)));
        byAbsence.put("reason", "Absence déclarée : congés");
        byAbsence.put("absenceId", UUID.randomUUID().toString());
        byAbsence.put("absenceFrom", "2027-03-01");
        byAbsence.put("absenceTo", "2027-03-03");
        checkNew("booking.shifts.v1", "absenceFrom", MAPPER.valueToTree(KafkaTopics.envelope("ShiftCancelled", shift, 2,
                byAbsence)));
        Map<String, Object> moved = new java.util.HashMap<>(Events.sealedShape(Events.booking(booking, "confirmed",
                OffsetDateTime.now().plusDays(9), Events.person("Camille", "+33612345678", null, true, false), List.of(),
                UUID.randomUUID(), UUID.randomUUID())));
        moved.put("previousStart", Events.iso(OffsetDateTime.now().plusDays(2)));
        moved.put("reason", "Fermeture exceptionnelle du lieu : travaux");
        moved.put("absenceId", UUID.randomUUID().toString());
        moved.put("rebookUrl", null);
        checkNew("booking.bookings.v1", "rebookUrl", MAPPER.valueToTree(KafkaTopics.envelope("BookingRescheduled", booking, 3, moved)));
        Map<String, Object> cancelled = new java.util.HashMap<>(moved);
        cancelled.put("status", "cancelled_by_service");
        cancelled.put("cancelReason", "Fermeture exceptionnelle du lieu : travaux");
        cancelled.put("rebookUrl", "http://127.0.0.1:8080/offres/00000000-0000-4000-8000-000000000301");
        checkNew("booking.bookings.v1", "rebookUrl", MAPPER.valueToTree(KafkaTopics.envelope("BookingCancelled", booking, 4,
                cancelled)));
        UUID offer = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        UUID partner = UUID.randomUUID();
        check("offers.offers.v1", MAPPER.valueToTree(KafkaTopics.envelope("OfferUpdated", offer, 3, Events.offer(offer, partner, "published"))));
        check("offers.sessions.v1", MAPPER.valueToTree(KafkaTopics.envelope("SessionCancelled", session, 2,
                Events.session(session, offer, partner, "cancelled", OffsetDateTime.now().plusDays(5)))));
    }

    @Test
    void weRequireNothingTheProducersMayOmit() throws Exception {
        for (var topic : PRODUCERS.entrySet()) {
            JsonNode producer = MAPPER.readTree(Files.readString(Path.of(topic.getValue())));
            JsonNode consumer;
            try (InputStream in = getClass().getClassLoader()
                    .getResourceAsStream("META-INF/events/consumed/" + topic.getKey() + ".schema.json")) {
                consumer = MAPPER.readTree(in);
            }
            assertTrue(required(producer).containsAll(required(consumer)), topic.getKey() + " envelope");
            assertTrue(required(producer.at("/properties/data")).containsAll(required(consumer.at("/properties/data"))),
                    topic.getKey() + " data: we require " + required(consumer.at("/properties/data")) + ", producer guarantees "
                            + required(producer.at("/properties/data")));
        }
    }

    @Test
    void ourSchemasRejectWhatWeCannotUse() {
        UUID booking = UUID.randomUUID();
        Map<String, Object> data = Events.booking(booking, "confirmed", OffsetDateTime.now().plusDays(1), null, List.of());
        data.put("start", "demain 9h");
        List<String> violations = EventSchemas.consumed("booking.bookings.v1",
                MAPPER.valueToTree(KafkaTopics.envelope("BookingConfirmed", booking, 1, data)));
        assertTrue(violations.toString().contains("start"), violations.toString());
        Map<String, Object> person = Events.directoryPerson(UUID.randomUUID(), "0612345678", null, true, false);
        violations = EventSchemas.consumed("directory.people.v1",
                MAPPER.valueToTree(KafkaTopics.envelope("PersonUpserted", UUID.randomUUID(), 1, person)));
        assertTrue(violations.toString().contains("phone"), violations.toString());
    }

    private void check(String topic, JsonNode event) throws Exception {
        JsonSchema producer = FACTORY.getSchema(Files.newInputStream(Path.of(PRODUCERS.get(topic))),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        assertEquals(Set.of(), producer.validate(event), topic + " against the producer's schema");
        assertEquals(List.of(), EventSchemas.consumed(topic, event), topic + " against ours");
    }

    /**
     * An event of issue 19: always against our schema; against the producer's once its schema names {@code marker} (the
     * producers' helpers commit their schemas in the same hours: until then an older one would refuse the new type).
     */
    private void checkNew(String topic, String marker, JsonNode event) throws Exception {
        if (Files.readString(Path.of(PRODUCERS.get(topic))).contains("\"" + marker + "\"")) {
            check(topic, event);
        } else {
            assertEquals(List.of(), EventSchemas.consumed(topic, event), topic + " against ours");
        }
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> names = new HashSet<>();
        schema.path("required").forEach(n -> names.add(n.asText()));
        return names;
    }
}
