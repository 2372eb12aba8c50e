package fr.maillage.offers.territory;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import fr.maillage.offers.Fixtures;
import fr.maillage.offers.Fixtures.Place;
import fr.maillage.offers.KafkaTestSupport;
import fr.maillage.platform.events.EventSchemas;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Issue 20 §2b: the read model fed by booking.bookings.v1 and booking.referrals.v1 (events produced to the real Kafka as
 * booking-service would), and GET /api/v1/territory/indicators on a small territory whose every figure is computed by
 * hand below. The territory is an EPCI drawn at random among France's (its first three communes A, B, C by code) where
 * no place and no booking is known yet, so that what other tests and runs publish on the shared topics (the Somme's
 * demo, system tests) never lands in it.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TerritoryIndicatorsTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String BOOKINGS = "booking.bookings.v1";
    static final String REFERRALS = "booking.referrals.v1";
    static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    EntityManager em;

    String epci;
    String dep;
    String otherDep;
    String a, b, c, d;
    Place p1, p2, p3;
    UUID o1, o2;
    final LocalDate today = LocalDate.now(PARIS);
    final LocalDate from = today.minusDays(20);
    final LocalDate to = today.plusDays(9);
    /** D0: when the bookings were made; S: when their slot started (both inside the period, S in the past). */
    final OffsetDateTime d0 = today.minusDays(10).atTime(LocalTime.of(14, 0)).atZone(PARIS).toOffsetDateTime();
    final OffsetDateTime s = d0.plusDays(2).withHour(10);
    final List<String> personal = List.of("Josiane", "Testard", "+33612345678", "josiane@example.org");
    int fillSessions;

    static String iso(OffsetDateTime at) {
        return at.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    @SuppressWarnings("unchecked")
    <T> T sql(String query, Supplier<Map<String, Object>> params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(query);
            params.get().forEach(q::setParameter);
            return (T) q.getResultList();
        });
    }

    @BeforeAll
    void territory() {
        List<Object[]> epcis = sql("""
                SELECT epci_code, min(department_code) FROM commune_ref c WHERE epci_code IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM commune_ref o WHERE o.epci_code = c.epci_code AND (
                    EXISTS (SELECT 1 FROM place_ref p WHERE p.insee_code = o.insee_code
                            OR o.insee_code = ANY (p.served_communes))
                    OR EXISTS (SELECT 1 FROM territory_booking t WHERE t.commune_code = o.insee_code)
                    OR EXISTS (SELECT 1 FROM territory_referral r WHERE r.commune_code = o.insee_code)))
                GROUP BY epci_code HAVING count(*) BETWEEN 3 AND 60 AND count(DISTINCT department_code) = 1
                ORDER BY random() LIMIT 1""", Map::of);
        epci = (String) epcis.get(0)[0];
        dep = (String) epcis.get(0)[1];
        List<String> codes = sql("SELECT insee_code FROM commune_ref WHERE epci_code = :e ORDER BY insee_code",
                () -> Map.of("e", epci));
        a = codes.get(0);
        b = codes.get(1);
        c = codes.get(2);
        List<Object[]> outside = sql("""
                SELECT insee_code, department_code FROM commune_ref WHERE department_code <> :dep
                AND department_code IS NOT NULL ORDER BY random() LIMIT 1""", () -> Map.of("dep", dep));
        d = (String) outside.get(0)[0];
        otherDep = (String) outside.get(0)[1];
        p1 = Place.near("Mairie A", a, "A", "00000", 48.0, 2.0);
        p2 = Place.near("Mairie B", b, "B", "00000", 48.01, 2.01);
        p3 = Place.near("Mairie D", d, "D", "00000", 45.0, 5.0);
        for (Place p : List.of(p1, p2, p3)) {
            Fixtures.publishPlaceAndWait(p);
        }
    }

    // ---- events as booking-service publishes them (shapes of its produced schema) ----

    static String envelope(UUID eventId, String type, String aggregateId, long version, OffsetDateTime at, Object data) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", eventId.toString());
        e.put("type", type);
        e.put("occurredAt", iso(at));
        e.put("aggregateId", aggregateId);
        e.put("version", version);
        e.put("data", data);
        try {
            return KafkaTestSupport.JSON.writeValueAsString(e);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A booking and the events it went through, sent in order (one key, one partition). */
    final class Booking {
        final UUID id = UUID.randomUUID();
        final UUID slot = UUID.randomUUID();
        final Place place;
        final String residence;
        final String theme;
        OffsetDateTime start = s;
        long version;
        final List<String> sent = new ArrayList<>();

        Booking(Place place, String residence, String theme) {
            this.place = place;
            this.residence = residence;
            this.theme = theme;
        }

        Map<String, Object> data(String status) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", id.toString());
            data.put("slotId", slot.toString());
            data.put("offerId", UUID.randomUUID().toString());
            data.put("placeId", place.id().toString());
            data.put("status", status);
            data.put("start", iso(start));
            data.put("end", iso(start.plusHours(1)));
            data.put("previousStart", null);
            data.put("cancelReason", status.startsWith("cancelled") ? "Empêchement" : null);
            data.put("bookedBy", "citizen");
            data.put("contact", "expired".equals(status) ? null : "s1.1.c2VhbGVk"); // sealed: never opened by offers
            data.put("offer", Map.of("title", "Aide", "type", "permanence_individuelle"));
            Map<String, Object> placeData = new HashMap<>();
            placeData.put("name", place.name());
            placeData.put("street", null);
            placeData.put("postalCode", null);
            placeData.put("commune", place.commune());
            placeData.put("phone", null);
            data.put("place", placeData);
            data.put("reminderOffsetsMinutes", List.of(120));
            data.put("icsUrl", "http://127.0.0.1:8080/api/v1/bookings/" + id + ".ics");
            data.put("partnerId", place.partnerId().toString());
            data.put("residenceInsee", residence);
            data.put("theme", theme);
            data.put("reminderChannel", "sms");
            if ("pending".equals(status)) {
                data.put("bookingId", id.toString());
                data.put("code", "s1.1.Y29kZQ");
                data.put("expiresAt", iso(d0.plusMinutes(10)));
                data.put("pendingOutcome", "confirmed");
            }
            return data;
        }

        Booking event(String type, String status, OffsetDateTime at) {
            version++;
            sent.add(envelope(UUID.randomUUID(), type, id.toString(), version, at, data(status)));
            return this;
        }

        Booking confirmed() {
            return event("BookingConfirmed", "confirmed", d0);
        }

        Booking waitlisted() {
            return event("BookingWaitlisted", "waitlisted", d0);
        }

        void send() {
            sent.forEach(e -> KafkaTestSupport.send(BOOKINGS, id.toString(), e));
        }
    }

    static Map<String, Object> refusedData(Place place, String residence, String theme, OffsetDateTime start) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("slotId", UUID.randomUUID().toString());
        data.put("offerId", UUID.randomUUID().toString());
        data.put("placeId", place.id().toString());
        data.put("partnerId", place.partnerId().toString());
        data.put("start", iso(start));
        data.put("theme", theme);
        data.put("residenceInsee", residence);
        data.put("reason", "full");
        data.put("bookedBy", "citizen");
        return data;
    }

    static String refused(Place place, String residence, String theme, OffsetDateTime at, OffsetDateTime start) {
        Map<String, Object> data = refusedData(place, residence, theme, start);
        return envelope(UUID.randomUUID(), "BookingRefused", (String) data.get("slotId"), 3, at, data);
    }

    static void sendRefused(String event) {
        try {
            KafkaTestSupport.send(BOOKINGS, KafkaTestSupport.JSON.readTree(event).get("aggregateId").asText(), event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> referralData(UUID id, String status, String need, String residence, UUID targetOffer,
            OffsetDateTime created) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id.toString());
        data.put("status", status);
        data.put("need", need);
        data.put("fromPartnerId", UUID.randomUUID().toString());
        data.put("targetPartnerId", UUID.randomUUID().toString());
        data.put("targetOfferId", targetOffer == null ? null : targetOffer.toString());
        data.put("bookingId", null);
        data.put("residenceInsee", residence);
        data.put("createdAt", iso(created));
        data.put("outcome", "sent".equals(status) ? null : status);
        data.put("outcomeAt", "sent".equals(status) ? null : iso(created.plusDays(1)));
        return data;
    }

    /** A referral created at D0 (ReferralCreated), then its outcome if not « sent ». */
    static void referral(String outcome, String need, String residence, UUID targetOffer) {
        UUID id = UUID.randomUUID();
        KafkaTestSupport.send(REFERRALS, id.toString(), envelope(UUID.randomUUID(), "ReferralCreated", id.toString(), 1,
                TERRITORY_D0.get(), referralData(id, "sent", need, residence, targetOffer, TERRITORY_D0.get())));
        if (!"sent".equals(outcome)) {
            KafkaTestSupport.send(REFERRALS, id.toString(), envelope(UUID.randomUUID(), "ReferralOutcomeRecorded",
                    id.toString(), 2, TERRITORY_D0.get().plusDays(1), referralData(id, outcome, need, residence,
                            targetOffer, TERRITORY_D0.get())));
        }
    }

    static final java.util.concurrent.atomic.AtomicReference<OffsetDateTime> TERRITORY_D0_REF = new java.util.concurrent.atomic.AtomicReference<>();
    static final Supplier<OffsetDateTime> TERRITORY_D0 = TERRITORY_D0_REF::get;

    /** Sends the event again and again (same event id) until {@code shown}: the consumers start at the topics' end. */
    void sendUntil(String topic, String key, String event, Supplier<Boolean> shown) {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        int polls = 0;
        while (System.currentTimeMillis() < deadline) {
            if (polls++ % 10 == 0) {
                KafkaTestSupport.send(topic, key, event);
            }
            Fixtures.sleep(300);
            if (shown.get()) {
                return;
            }
        }
        throw new AssertionError("the consumer of " + topic + " never applied " + event);
    }

    long count(String query, Map<String, Object> params) {
        List<?> rows = sql(query, () -> params);
        return ((Number) rows.get(0)).longValue();
    }

    void awaitState(String what, Supplier<Boolean> condition) {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (condition.get()) {
                return;
            }
            Fixtures.sleep(300);
        }
        throw new AssertionError("read model never reached: " + what);
    }

    Response indicators(String token, Map<String, ?> params) {
        return Tokens.as(token).queryParams(params).get("/api/v1/territory/indicators");
    }

    @Test
    @Order(1)
    void the_read_model_counts_what_booking_publishes() throws Exception {
        TERRITORY_D0_REF.set(d0);
        // the consumers hold their partitions once a sentinel of each topic (in commune D, outside the territory) shows
        Booking sentinel = new Booking(p3, d, "aide_demarches").confirmed();
        sendUntil(BOOKINGS, sentinel.id.toString(), sentinel.sent.get(0),
                () -> count("SELECT count(*) FROM territory_booking WHERE id = :id", Map.of("id", sentinel.id)) == 1);
        UUID sentinelReferral = UUID.randomUUID();
        sendUntil(REFERRALS, sentinelReferral.toString(), envelope(UUID.randomUUID(), "ReferralCreated",
                sentinelReferral.toString(), 1, d0, referralData(sentinelReferral, "sent", "caf", d, null, d0)),
                () -> count("SELECT count(*) FROM territory_referral WHERE id = :id", Map.of("id", sentinelReferral)) == 1);

        // fill rates: O1 at P1 (A), every day 10:00-12:00, 10 seats; O2 at P2 (B), same
        o1 = Fixtures.createPublished(daily(p1, "Atelier A", List.of("aide_demarches")));
        o2 = Fixtures.createPublished(daily(p2, "Atelier B", List.of("impots")));

        List<Booking> all = new ArrayList<>();
        // commune A (residence A): a1..a8 confirmed at P1, a1..a5 attended, a6..a8 absent
        for (int i = 1; i <= 8; i++) {
            Booking x = new Booking(p1, a, "aide_demarches").confirmed();
            x.event(i <= 5 ? "BookingAttended" : "BookingNoShow", i <= 5 ? "attended" : "no_show", s.plusHours(2));
            all.add(x);
        }
        // a9, a10: residence A, booked at P3 (commune D, outside): still A's; cancelled the next day
        for (int i = 0; i < 2; i++) {
            all.add(new Booking(p3, a, "aide_demarches").confirmed().event("BookingCancelled", "cancelled_by_citizen",
                    d0.plusDays(1)));
        }
        // waiting list (A): w1, w2 still waiting when the slot started; w3 promoted before; w4 cancelled before
        all.add(new Booking(p1, a, "aide_demarches").waitlisted());
        all.add(new Booking(p1, a, "aide_demarches").waitlisted());
        all.add(new Booking(p1, a, "aide_demarches").waitlisted().event("BookingPromoted", "confirmed", d0.plusDays(1)));
        all.add(new Booking(p1, a, "aide_demarches").waitlisted().event("BookingCancelled", "cancelled_by_citizen",
                d0.plusDays(1)));
        // n1: no residence, booked at P1: A's (the place's commune)
        all.add(new Booking(p1, null, "aide_demarches").confirmed());
        // a code booking never verified: not demand
        all.add(new Booking(p1, a, "aide_demarches").event("BookingCodeRequested", "pending", d0)
                .event("BookingExpired", "expired", d0.plusMinutes(10)));
        // before the period (made 40 days ago, slot 38 days ago): outside every figure
        Booking old = new Booking(p1, a, "aide_demarches");
        old.start = s.minusDays(28);
        all.add(old.event("BookingConfirmed", "confirmed", d0.minusDays(30)).event("BookingAttended", "attended",
                old.start.plusHours(1)));
        // commune B (residence B, theme impots): b1..b5 at P2, b1..b3 attended, b4, b5 absent
        for (int i = 1; i <= 5; i++) {
            Booking x = new Booking(p2, b, "impots").confirmed();
            x.event(i <= 3 ? "BookingAttended" : "BookingNoShow", i <= 3 ? "attended" : "no_show", s.plusHours(2));
            all.add(x);
        }
        // commune C (residence C, theme caf): c1, c2 confirmed at P1
        all.add(new Booking(p1, c, "caf").confirmed());
        all.add(new Booking(p1, c, "caf").confirmed());
        // commune D (outside) booked at P1: D's, never the territory's
        all.add(new Booking(p1, d, "aide_demarches").confirmed());
        // a free-text theme is not stored (counted as « non précisé »): residence D, so outside the figures anyway
        all.add(new Booking(p1, d, "Renouveler ma carte grise de Josiane").confirmed());

        // contract: what we feed is what booking's schema allows, and what ours accepts
        JsonSchema produced = producedSchema(BOOKINGS);
        for (Booking x : all) {
            for (String e : x.sent) {
                JsonNode json = KafkaTestSupport.JSON.readTree(e);
                assertEquals(List.of(), produced.validate(json).stream().map(Object::toString).toList(), e);
                assertEquals(List.of(), EventSchemas.consumed(BOOKINGS, json), e);
            }
            x.send();
        }
        // refusals because full: r1 residence A at P1; rb no residence at P2 (B's); r0 residence D
        String r1 = refused(p1, a, "aide_demarches", d0, s);
        assertEquals(List.of(), produced.validate(KafkaTestSupport.JSON.readTree(r1)).stream().map(Object::toString).toList());
        sendRefused(r1);
        sendRefused(refused(p2, null, "impots", d0, s));
        sendRefused(refused(p1, d, "aide_demarches", d0, s));
        // a redelivered event (same event id) counts once
        sendRefused(r1);
        all.get(0).send();

        // referrals: five residence A attended (need caf), one without residence to O1 (at P1: A's) sent, one without
        // residence nor offer (dropped), one residence D
        for (int i = 0; i < 5; i++) {
            referral("attended", "caf", a, null);
        }
        referral("sent", "aide_demarches", null, o1);
        referral("received", "aide_demarches", null, null);
        referral("no_show", "aide_demarches", d, null);

        // every booking event applied: 26 bookings + 3 refusals + the sentinel; 8 referrals + the sentinel
        int bookingRows = all.size() + 3 + 1;
        awaitState("bookings and referrals", () -> count("SELECT count(*) FROM territory_booking", Map.of()) == bookingRows
                && count("SELECT count(*) FROM territory_booking WHERE attendance IS NOT NULL", Map.of()) == 14
                && count("SELECT count(*) FROM territory_booking WHERE cancelled_at IS NOT NULL", Map.of()) == 3
                && count("SELECT count(*) FROM territory_booking WHERE status = 'expired'", Map.of()) == 1
                && count("SELECT count(*) FROM territory_booking WHERE confirmed_at IS NOT NULL", Map.of()) == 1 + 8 + 2 + 1
                        + 1 + 1 + 5 + 2 + 2
                && count("SELECT count(*) FROM territory_referral", Map.of()) == 9
                && count("SELECT count(*) FROM territory_referral WHERE outcome = 'attended'", Map.of()) == 5);
        assertEquals(1L, count("SELECT count(*) FROM processed_event WHERE event_id = CAST(:id AS uuid)",
                Map.of("id", KafkaTestSupport.JSON.readTree(r1).get("eventId").asText())), "redelivered: recorded once");
        assertEquals(3L, count("SELECT count(*) FROM territory_booking WHERE refused", Map.of()));

        // fill: O1's sessions in the period, two with 3 confirmed, one closed (not counted) with 4; O2 one with 2
        List<UUID> s1 = sessions(o1);
        List<UUID> s2 = sessions(o2);
        assertTrue(s1.size() >= 4, "O1 has sessions in the period: " + s1);
        setConfirmed(s1.get(0), 3, null);
        setConfirmed(s1.get(1), 3, null);
        setConfirmed(s1.get(2), 4, "Fermeture exceptionnelle");
        setConfirmed(s2.get(0), 2, null);
        fillSessions = s1.size() - 1;
    }

    static Map<String, Object> daily(Place place, String title, List<String> themes) {
        Map<String, Object> body = new HashMap<>();
        body.put("placeId", place.id().toString());
        body.put("title", title);
        body.put("type", "atelier_collectif");
        body.put("themes", themes);
        body.put("capacity", 10);
        body.put("sessionDurationMinutes", 120);
        body.put("schedule", Map.of("rules", List.of(Map.of("rrule", "FREQ=DAILY",
                "startDate", LocalDate.now(PARIS).toString(), "startTime", "10:00", "endTime", "12:00"))));
        return body;
    }

    List<UUID> sessions(UUID offer) {
        return sql("""
                SELECT id FROM session WHERE offer_id = :o AND status = 'planned' AND start_at >= :f AND start_at < :t
                ORDER BY start_at""", () -> Map.of("o", offer,
                "f", from.atStartOfDay(PARIS).toOffsetDateTime(), "t", to.plusDays(1).atStartOfDay(PARIS).toOffsetDateTime()));
    }

    void setConfirmed(UUID session, int confirmed, String closed) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE session SET confirmed = :c, closed_reason = CAST(:r AS text) WHERE id = :id")
                .setParameter("c", confirmed).setParameter("r", closed).setParameter("id", session).executeUpdate());
    }

    JsonSchema producedSchema(String topic) throws Exception {
        Path schema = Path.of("../booking-service/src/main/resources/META-INF/events/" + topic + ".schema.json");
        try (InputStream in = Files.newInputStream(schema)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    Map<String, String> period(String key, String value) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(key, value);
        p.put("from", from.toString());
        p.put("to", to.toString());
        return p;
    }

    @Test
    @Order(2)
    void the_figures_of_the_territory_are_the_ones_computed_by_hand() {
        JsonPath body = indicators(Tokens.coordinator("epci:" + epci), period("epci", epci)).then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
        assertEquals("epci", body.getString("territory.type"));
        assertEquals(epci, body.getString("territory.code"));
        assertEquals(5, body.getInt("secrecyThreshold"));
        assertEquals(from.toString(), body.getString("from"));
        // A: demand = a1..a8 + a9,a10 + w1..w4 + n1 + r1 = 16; B: b1..b5 + rb = 6; C: c1, c2 = 2 -> 24
        assertEquals(24, body.getInt("totals.demand"));
        // bookings: A 8 + 2 + w3 + n1 = 12, B 5, C 2 -> 19
        assertEquals(19, body.getInt("totals.bookings"));
        // attended A 5 + B 3 = 8; noShows A 3 + B 2 = 5; rate 5 / 13
        assertEquals(8, body.getInt("totals.attended"));
        assertEquals(5, body.getInt("totals.noShows"));
        assertEquals(0.3846, body.getDouble("totals.noShowRate"), 1e-9);
        // cancellations a9, a10, w4 = 3; waitlisted 4; left w1, w2 = 2; refused r1, rb = 2; unmet 4: all hidden
        Map<String, Object> totals = body.getMap("totals");
        for (String hidden : List.of("cancellations", "waitlisted", "leftOnWaitingList", "refusedFull", "unmetDemand")) {
            assertTrue(totals.containsKey(hidden) && totals.get(hidden) == null, hidden + " is 1-4: null, got " + totals);
        }
        // referrals: five A attended + one to O1 (A) = 6; outcomes attended 5, sent 1 (hidden), the others 0
        assertEquals(6, body.getInt("totals.referrals"));
        Map<String, Object> outcomes = body.getMap("totals.referralOutcomes");
        assertEquals(5, outcomes.get("attended"));
        assertTrue(outcomes.containsKey("sent") && outcomes.get("sent") == null, outcomes.toString());
        assertEquals(0, outcomes.get("no_show"));
        assertEquals(0, outcomes.get("received"));

        // communes: A (>= 5 shown), B (6 demand, the rest hidden), C (all 1-4: null); never D
        List<Map<String, Object>> communes = body.getList("communes");
        assertEquals(List.of(a, b, c), communes.stream().map(m -> m.get("code")).toList(), "by demand desc, D never");
        Map<String, Object> ca = communes.get(0);
        assertEquals(16, ca.get("demand"));
        assertEquals(12, ca.get("bookings"));
        assertEquals(5, ca.get("attended"));
        assertNull(ca.get("noShows"));
        assertNull(ca.get("noShowRate"), "a rate whose count is 1-4 is hidden (3 absences)");
        assertNull(ca.get("cancellations"));
        assertNull(ca.get("leftOnWaitingList"));
        assertNull(ca.get("unmetDemand")); // 2 + 1
        assertEquals(6, ca.get("referrals"));
        Map<String, Object> cb = communes.get(1);
        assertEquals(6, cb.get("demand"));
        assertEquals(5, cb.get("bookings"));
        assertNull(cb.get("attended"));
        assertNull(cb.get("refusedFull")); // rb: the place's commune, no residence given
        assertEquals(0, cb.get("cancellations"));
        Map<String, Object> cc = communes.get(2);
        assertNull(cc.get("demand"));
        assertNull(cc.get("bookings"));
        assertEquals(0, cc.get("referrals"));
        assertTrue(cc.get("name") != null && cc.get("population") != null);

        // demand by theme: aide_demarches 16, impots 6, caf 2 (hidden)
        List<Map<String, Object>> themes = body.getList("demandByTheme");
        assertEquals(List.of("aide_demarches", "impots", "caf"), themes.stream().map(m -> m.get("theme")).toList());
        assertEquals("Aide aux démarches administratives", themes.get(0).get("label"));
        assertEquals(16, themes.get(0).get("demand"));
        assertEquals(6, themes.get(1).get("demand"));
        assertNull(themes.get(2).get("demand"));

        // fill rates: O1 at P1 (A): fillSessions sessions of 10 seats, 6 confirmed; O2 at P2 (B): 2 confirmed, hidden
        List<Map<String, Object>> offers = body.getList("offers");
        Map<String, Object> f1 = offers.stream().filter(m -> o1.toString().equals(m.get("offerId"))).findFirst().orElseThrow();
        assertEquals(fillSessions, f1.get("sessions"));
        assertEquals(10 * fillSessions, f1.get("capacity"));
        assertEquals(6, f1.get("confirmed"));
        assertEquals(Math.round(6.0 / (10 * fillSessions) * 10000) / 10000.0, ((Number) f1.get("fillRate")).doubleValue(), 1e-6);
        assertEquals(a, f1.get("communeCode"));
        assertEquals(p1.id().toString(), f1.get("placeId"));
        Map<String, Object> f2 = offers.stream().filter(m -> o2.toString().equals(m.get("offerId"))).findFirst().orElseThrow();
        assertNull(f2.get("confirmed"));
        assertNull(f2.get("fillRate"), "confirmed 2 people: the rate is hidden");
        List<Map<String, Object>> places = body.getList("places");
        assertEquals(java.util.Set.of(p1.id().toString(), p2.id().toString()),
                places.stream().map(m -> m.get("placeId")).collect(java.util.stream.Collectors.toSet()));
        Map<String, Object> pl1 = places.stream().filter(m -> p1.id().toString().equals(m.get("placeId"))).findFirst().orElseThrow();
        assertEquals(6, pl1.get("confirmed"));
        assertEquals("Mairie A", pl1.get("name"));
    }

    @Test
    @Order(3)
    void a_theme_and_a_commune_narrow_the_figures() {
        // impots: only B's bookings and refusal
        JsonPath impots = indicators(Tokens.admin(), withTheme(period("epci", epci), "impots")).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("impots", impots.getString("theme"));
        assertEquals(6, impots.getInt("totals.demand"));
        assertEquals(List.of(b), impots.getList("communes.code"));
        assertEquals(0, impots.getInt("totals.referrals"));
        assertEquals(List.of(o2.toString()), impots.getList("offers.offerId"));
        // aide_demarches takes its topics (impots, caf): everything
        assertEquals(24, indicators(Tokens.admin(), withTheme(period("epci", epci), "aide_demarches")).then()
                .statusCode(200).extract().jsonPath().getInt("totals.demand"));
        // commune C alone: 2 bookings, hidden
        indicators(Tokens.coordinator("epci:" + epci), period("commune", c)).then().statusCode(200)
                .body("territory.type", equalTo("commune")).body("totals.demand", nullValue())
                .body("totals.bookings", nullValue()).body("totals.attended", equalTo(0));
        // a period before everything: zeros, not nulls
        indicators(Tokens.admin(), Map.of("epci", epci, "from", from.minusDays(200).toString(), "to",
                from.minusDays(100).toString())).then().statusCode(200).body("totals.demand", equalTo(0))
                .body("totals.noShowRate", nullValue()).body("communes.size()", equalTo(0));
    }

    static Map<String, String> withTheme(Map<String, String> params, String theme) {
        params.put("theme", theme);
        return params;
    }

    @Test
    @Order(4)
    void the_csv_has_a_total_row_and_one_row_per_commune() {
        Response csv = Tokens.as(Tokens.coordinator("dep:" + dep)).accept("text/csv").queryParams(period("epci", epci))
                .get("/api/v1/territory/indicators");
        csv.then().statusCode(200).contentType(containsString("text/csv")).header("Content-Disposition",
                equalTo("attachment; filename=\"indicateurs-epci-" + epci + "-" + from + "-" + to + ".csv\""));
        String[] lines = csv.asString().split("\r\n");
        assertEquals("code_insee;commune;population;demandes;rendez_vous;venues;absences;annulations;"
                + "liste_attente_non_servie;refus_complet;demande_non_satisfaite;orientations", lines[0]);
        assertEquals(";Total;;24;19;8;5;<5;<5;<5;<5;6", lines[1]);
        assertEquals(5, lines.length, csv.asString());
        assertTrue(lines[2].startsWith(a + ";") && lines[2].endsWith(";16;12;5;<5;<5;<5;<5;<5;6"), lines[2]);
        assertTrue(lines[3].startsWith(b + ";"), lines[3]);
        assertTrue(lines[4].startsWith(c + ";") && lines[4].endsWith(";<5;<5;0;0;0;0;0;0;0"), lines[4]);
        // ?format=csv&table=offres: the fill rates per offer
        String offers = Tokens.as(Tokens.admin()).queryParams(period("epci", epci)).queryParam("format", "csv")
                .queryParam("table", "offres").get("/api/v1/territory/indicators").then().statusCode(200)
                .header("Content-Disposition", containsString("indicateurs-offres-epci-" + epci)).extract().asString();
        assertTrue(offers.startsWith("offre;titre;lieu;nom_lieu;code_insee;seances;places;inscrits;taux_remplissage\r\n"));
        assertTrue(offers.contains(o1 + ";Atelier A;" + p1.id() + ";Mairie A;" + a + ";" + fillSessions + ";"
                + 10 * fillSessions + ";6;"), offers);
        assertTrue(offers.contains(o2 + ";Atelier B;" + p2.id() + ";Mairie B;" + b + ";"), offers);
        assertTrue(offers.contains(";<5;<5\r\n"), offers);
    }

    @Test
    @Order(5)
    void who_may_ask_and_what_is_refused() {
        Map<String, String> q = period("epci", epci);
        given().queryParams(q).get("/api/v1/territory/indicators").then().spec(problem(401));
        indicators(Tokens.agent(UUID.randomUUID()), q).then().spec(problem(403));
        indicators(Tokens.partnerApp(UUID.randomUUID()), q).then().spec(problem(403));
        indicators(Tokens.coordinator("dep:" + otherDep), q).then().spec(problem(403, "epci"))
                .body("detail", containsString("ne fait pas partie de ceux que vous coordonnez"));
        indicators(Tokens.coordinator(), q).then().spec(problem(403, "epci"));
        indicators(Tokens.coordinator("dep:" + dep), period("departement", otherDep)).then().spec(problem(403, "departement"));
        indicators(Tokens.admin(), period("departement", dep)).then().statusCode(200)
                .body("territory.type", equalTo("departement"));
        // malformed requests: 400 naming the parameter, in French
        indicators(Tokens.admin(), Map.of("from", from.toString())).then().spec(problem(400, "departement"));
        indicators(Tokens.admin(), Map.of("epci", epci, "departement", dep)).then().spec(problem(400, "departement"));
        indicators(Tokens.admin(), Map.of("epci", epci, "from", "2026-13-01")).then().spec(problem(400, "from"));
        indicators(Tokens.admin(), Map.of("epci", epci, "to", "demain")).then().spec(problem(400, "to"));
        indicators(Tokens.admin(), Map.of("epci", epci, "from", "2026-06-02", "to", "2026-06-01")).then()
                .spec(problem(400, "from"));
        indicators(Tokens.admin(), Map.of("epci", epci, "from", "2024-01-01", "to", "2026-01-02")).then()
                .spec(problem(400, "to")).body("detail", containsString("731"));
        indicators(Tokens.admin(), Map.of("epci", epci, "theme", "jardinage")).then().spec(problem(400, "theme"))
                .body("detail", containsString("Thème inconnu"));
        indicators(Tokens.admin(), Map.of("epci", epci, "format", "xls")).then().spec(problem(400, "format"));
        indicators(Tokens.admin(), Map.of("epci", epci, "table", "lieux")).then().spec(problem(400, "table"));
        indicators(Tokens.admin(), Map.of("commune", "99999")).then().spec(problem(404, "commune"));
        // default period: the last 12 months ending today
        indicators(Tokens.admin(), Map.of("epci", epci)).then().statusCode(200)
                .body("to", equalTo(today.toString())).body("from", equalTo(today.minusYears(1).plusDays(1).toString()));
    }

    @Test
    @Order(6)
    void the_read_model_holds_no_personal_data() {
        List<String> columns = sql("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_name IN ('territory_booking', 'territory_referral')""", Map::of);
        assertTrue(columns.size() > 10, columns.toString());
        for (String column : columns) {
            String lower = column.toLowerCase(Locale.ROOT);
            for (String forbidden : List.of("name", "phone", "mail", "contact", "token", "note", "text", "person")) {
                assertFalse(lower.contains(forbidden), column + " looks personal");
            }
        }
        // and no value of the sealed contact or free text reached the rows
        List<String> dump = new ArrayList<>(sql("SELECT CAST(t AS text) FROM territory_booking t", Map::of));
        dump.addAll(sql("SELECT CAST(r AS text) FROM territory_referral r", Map::of));
        for (String row : dump) {
            assertFalse(row.contains("s1.1.") || row.contains("Josiane") || row.contains("carte grise"), row);
        }
        assertTrue(personal.stream().noneMatch(p -> String.join("\n", dump).contains(p)));
    }

    @Test
    @Order(7)
    void the_operation_is_documented_with_examples_that_fit_the_answer() throws Exception {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        String op = "paths.'/api/v1/territory/indicators'.get";
        assertEquals(List.of("Territoire"), doc.getList(op + ".tags"));
        assertEquals(List.of("admin", "coordinator"), doc.getList(op + ".security[0].bearer").stream().sorted().toList());
        assertTrue(doc.getMap(op + ".responses").keySet().containsAll(List.of("200", "400", "401", "403", "404")));
        // the JSON example fits the documented schema (every member declared, types and nulls as declared, required present)
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        JsonNode openapi = json.readTree(given().get("/q/openapi?format=json").asString());
        JsonNode content = openapi.at("/paths/~1api~1v1~1territory~1indicators/get/responses/200/content/application~1json");
        List<String> errors = new ArrayList<>();
        fits(openapi, content.get("schema"), content.at("/examples/epci/value"), "$", errors);
        assertEquals(List.of(), errors);
        assertEquals("248000499", content.at("/examples/epci/value/territory/code").asText());
        String csv = doc.getString(op + ".responses.'200'.content.'text/csv'.examples.csv.value");
        assertTrue(csv.startsWith(IndicatorsCsv.COMMUNES_HEADER + "\n"), csv);
    }

    /** A small check of a JSON value against an OpenAPI 3.x schema ($ref, type / nullable, properties, items, required). */
    static void fits(JsonNode doc, JsonNode declared, JsonNode value, String at, List<String> errors) {
        JsonNode resolved = declared;
        while (resolved.has("$ref")) {
            resolved = doc.at(resolved.get("$ref").asText().substring(1));
        }
        final JsonNode schema = resolved;
        if (schema.has("allOf")) {
            for (JsonNode part : schema.get("allOf")) {
                fits(doc, part, value, at, errors);
            }
        }
        if (value.isNull()) {
            boolean nullable = schema.path("nullable").asBoolean(false) || schema.path("type").toString().contains("null")
                    || (schema.has("oneOf") && schema.get("oneOf").toString().contains("null"))
                    || (schema.has("anyOf") && schema.get("anyOf").toString().contains("null"));
            if (!nullable && schema.has("type")) {
                errors.add(at + " is null but not nullable: " + schema);
            }
            return;
        }
        String type = schema.path("type").isArray() ? schema.get("type").get(0).asText() : schema.path("type").asText("");
        if (schema.path("type").isArray()) {
            for (JsonNode t : schema.get("type")) {
                if (!"null".equals(t.asText())) {
                    type = t.asText();
                }
            }
        }
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    errors.add(at + " is not an object");
                    return;
                }
                JsonNode properties = schema.path("properties");
                value.fieldNames().forEachRemaining(name -> {
                    if (properties.has(name)) {
                        fits(doc, properties.get(name), value.get(name), at + "." + name, errors);
                    } else if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
                        fits(doc, schema.get("additionalProperties"), value.get(name), at + "." + name, errors);
                    } else {
                        errors.add(at + "." + name + " is not declared");
                    }
                });
                schema.path("required").forEach(r -> {
                    if (!value.has(r.asText())) {
                        errors.add(at + "." + r.asText() + " is required");
                    }
                });
            }
            case "array" -> {
                if (!value.isArray()) {
                    errors.add(at + " is not an array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    fits(doc, schema.path("items"), value.get(i), at + "[" + i + "]", errors);
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    errors.add(at + " is not an integer");
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    errors.add(at + " is not a number");
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    errors.add(at + " is not a string");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(at + " is not a boolean");
                }
            }
            default -> {
                if (!schema.has("allOf") && !schema.isEmpty()) {
                    errors.add(at + ": schema without type " + schema);
                }
            }
        }
    }
}
