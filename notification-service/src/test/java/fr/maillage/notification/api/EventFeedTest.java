package fr.maillage.notification.api;

import static fr.maillage.notification.support.Api.randomEmail;
import static fr.maillage.notification.support.Api.randomMobile;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.notification.domain.FeedCursor;
import fr.maillage.notification.events.EventConsumers;
import fr.maillage.notification.service.EventFeed;
import fr.maillage.notification.support.Events;
import fr.maillage.notification.support.Stubs;
import fr.maillage.platform.testing.KafkaTopics;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * GET /api/v1/events: the partners' event feed, filled by the real consumers (events on the real Kafka broker, or
 * handed to the consumer as Kafka would), read through REST with the real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(Stubs.class)
class EventFeedTest {
    private static final String EVENTS = "/api/v1/events";
    private static final String BOOKINGS = "booking.bookings.v1";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    EventConsumers consumers;
    @Inject
    EventFeed feed;
    @Inject
    ObjectMapper mapper;
    @Inject
    DataSource dataSource;

    /** A booking event of {@code booker}'s app at {@code host}'s place, with the citizen's contact in it. */
    private static Map<String, Object> booking(String type, UUID booker, UUID host, String mobile, String email) {
        UUID booking = UUID.randomUUID();
        String status = type.equals("BookingCancelled") ? "cancelled_by_citizen" : "confirmed";
        return KafkaTopics.envelope(type, booking, 1, Events.booking(booking, status, OffsetDateTime.now().plusDays(3),
                Events.person("Maëlys", mobile, email, false, false), null, booker, host));
    }

    private static JsonPath page(String token, String after, int limit) {
        var request = as(token).queryParam("limit", limit);
        if (after != null) {
            request = request.queryParam("after", after);
        }
        return request.when().get(EVENTS).then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    /** Reads the whole feed from {@code after} with pages of {@code limit}; @return the event ids in order and the last next. */
    private static List<String> readAll(String token, String after, int limit, String[] next) {
        List<String> ids = new ArrayList<>();
        long previous = after == null ? 0 : FeedCursor.position(after).orElseThrow();
        String cursor = after;
        for (int pages = 0; pages < 1000; pages++) {
            JsonPath p = page(token, cursor, limit);
            List<String> cursors = p.getList("events.cursor");
            assertTrue(cursors.size() <= limit);
            for (String c : cursors) {
                long position = FeedCursor.position(c).orElseThrow();
                assertTrue(position > previous, "in order, each once");
                previous = position;
            }
            ids.addAll(p.getList("events.id"));
            cursor = p.getString("next");
            if (cursors.size() < limit) {
                next[0] = cursor;
                return ids;
            }
        }
        throw new AssertionError("never caught up");
    }

    @Test
    void aPartnerOfflineForADayCatchesUpWithoutLossInOrderAndSeesOnlyItsOwnEvents() throws Exception {
        UUID partner = UUID.randomUUID();
        UUID host = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        String token = Tokens.partnerApp(partner);
        String mobile = randomMobile();
        String email = randomEmail();
        // before anything happened: an empty feed, and a cursor to start from
        JsonPath empty = page(token, null, 10);
        assertEquals(List.of(), empty.getList("events"));
        String start = empty.getString("next");

        List<String> first = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Map<String, Object> e = booking(i % 3 == 2 ? "BookingCancelled" : "BookingConfirmed", partner, host, mobile, email);
            first.add((String) e.get("eventId"));
            KafkaTopics.send(BOOKINGS, (String) e.get("aggregateId"), e);
            KafkaTopics.send(BOOKINGS, UUID.randomUUID().toString(), booking("BookingConfirmed", stranger, host, mobile, email));
        }
        String[] next = new String[1];
        await().atMost(WAIT).until(() -> readAll(token, start, 500, next).size() == first.size());
        List<String> read = readAll(token, start, 5, next);
        assertEquals(new HashSet<>(first), new HashSet<>(read), "every event of the partner, none of the stranger's");
        assertEquals(first.size(), read.size(), "each once");
        String caughtUp = next[0];

        // the partner stops polling; events keep coming (a day's worth, in small)
        List<String> whileAway = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Map<String, Object> e = booking("BookingConfirmed", i % 2 == 0 ? partner : host, i % 2 == 0 ? host : partner,
                    mobile, email);
            whileAway.add((String) e.get("eventId"));
            KafkaTopics.send(BOOKINGS, (String) e.get("aggregateId"), e);
        }
        await().atMost(WAIT).until(() -> readAll(token, caughtUp, 500, next).size() == whileAway.size());
        List<String> back = readAll(token, caughtUp, 3, next);
        assertEquals(new HashSet<>(whileAway), new HashSet<>(back), "booker or host: all of them, nothing read before");
        assertEquals(whileAway.size(), back.size());
        assertEquals(List.of(), page(token, next[0], 100).getList("events"), "up to date");

        // the stranger's feed: its own events, never the partner's
        List<String> strangers = readAll(Tokens.partnerApp(stranger), null, 500, next);
        assertEquals(12, strangers.size());
        assertTrue(strangers.stream().noneMatch(first::contains));
        // an administrator reads any organisation's feed by naming it
        List<String> asAdmin = new ArrayList<>(as(Tokens.admin()).queryParam("partnerId", partner.toString())
                .queryParam("after", start).queryParam("limit", 500).when().get(EVENTS).then().statusCode(200)
                .extract().jsonPath().getList("events.id"));
        assertEquals(new HashSet<>(read), new HashSet<>(asAdmin.subList(0, read.size())));

        // the webhook body (no name, phone or e-mail) with a cursor
        String body = as(token).queryParam("after", start).queryParam("limit", 500).when().get(EVENTS).then().statusCode(200)
                .extract().asString();
        for (String personal : List.of(mobile, mobile.substring(3), email, "Maëlys", "firstName", "phone", "email",
                "selfServiceUrl", Events.TOKEN)) {
            assertFalse(body.contains(personal), "no personal data in the feed: " + personal);
        }
        JsonPath one = page(token, start, 1);
        assertEquals(java.util.Set.of("cursor", "id", "type", "occurredAt", "data"), one.getMap("events[0]").keySet());
        assertEquals(partner.toString(), one.getString("events[0].data.bookerOrg"));
        assertEquals(host.toString(), one.getString("events[0].data.partnerId"));
        assertTrue(one.getString("events[0].type").startsWith("booking."));
    }

    @Test
    void aRedeliveredOrReplayedEventAddsNothing() throws Exception {
        UUID partner = UUID.randomUUID();
        Map<String, Object> e = booking("BookingConfirmed", partner, null, randomMobile(), randomEmail());
        String json = mapper.writeValueAsString(e);
        consumers.bookings(json, null);
        consumers.bookings(json, null); // a Kafka redelivery
        // a replay after processed_event forgot the event id
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM processed_event WHERE event_id = ?")) {
            ps.setObject(1, UUID.fromString((String) e.get("eventId")));
            assertEquals(1, ps.executeUpdate());
        }
        consumers.bookings(json, null);
        JsonPath p = page(Tokens.partnerApp(partner), null, 500);
        assertEquals(List.of(e.get("eventId")), p.getList("events.id"));
        assertEquals("booking.confirmed", p.getString("events[0].type"));
    }

    @Test
    void rolesCursorsAndLimitsAreCheckedWithProblems() {
        UUID partner = UUID.randomUUID();
        given().when().get(EVENTS).then().spec(problem(401));
        as(Tokens.agent(partner)).when().get(EVENTS).then().spec(problem(403));
        as(Tokens.partnerApp(partner)).queryParam("partnerId", UUID.randomUUID().toString()).when().get(EVENTS)
                .then().spec(problem(403));
        as(Tokens.partnerApp(partner)).queryParam("partnerId", partner.toString()).when().get(EVENTS).then().statusCode(200);
        as(Tokens.admin()).when().get(EVENTS).then().spec(problem(400, "partnerId"));
        as(Tokens.admin()).queryParam("partnerId", "x").when().get(EVENTS).then().spec(problem(400, "partnerId"));
        for (String after : List.of("x!", "bm9wZQ", "ZTE6LTE", FeedCursor.of(Long.MAX_VALUE / 2))) {
            as(Tokens.partnerApp(partner)).queryParam("after", after).when().get(EVENTS).then().spec(problem(400, "after"))
                    .body("detail", containsString("curseur"));
        }
        for (String limit : List.of("0", "501", "-1", "abc", "1e3")) {
            as(Tokens.partnerApp(partner)).queryParam("limit", limit).when().get(EVENTS).then().spec(problem(400, "limit"));
        }
        as(Tokens.partnerApp(partner)).queryParam("limit", 500).when().get(EVENTS).then().statusCode(200);
    }

    @Test
    void eventsOlderThanTheRetentionArePurgedAndACursorFromBeforeIsRefused() throws Exception {
        UUID partner = UUID.randomUUID();
        String token = Tokens.partnerApp(partner);
        String before = page(token, null, 10).getString("next");
        Map<String, Object> old = booking("BookingConfirmed", partner, null, randomMobile(), randomEmail());
        consumers.bookings(mapper.writeValueAsString(old), null);
        JsonPath afterOld = page(token, before, 10);
        assertEquals(List.of(old.get("eventId")), afterOld.getList("events.id"));
        String readOld = afterOld.getString("next");
        Map<String, Object> recent = booking("BookingConfirmed", partner, null, randomMobile(), randomEmail());
        consumers.bookings(mapper.writeValueAsString(recent), null);

        // the first event (and everything written before it) written 31 days ago
        long position = FeedCursor.position(afterOld.getString("events[0].cursor")).orElseThrow();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE partner_event SET created_at = created_at - interval '31 days' WHERE position <= ?")) {
            ps.setLong(1, position);
            ps.executeUpdate();
        }
        assertTrue(feed.purge() >= 1);
        assertEquals(List.of(recent.get("eventId")), page(token, null, 10).getList("events.id"), "the old one is gone");
        as(token).queryParam("after", before).when().get(EVENTS).then().spec(problem(400, "after"))
                .body("detail", containsString("plus de 30 jours"));
        as(token).queryParam("after", FeedCursor.of(0)).when().get(EVENTS).then().spec(problem(400, "after"))
                .body("detail", containsString("plus de 30 jours"));
        assertEquals(List.of(recent.get("eventId")), page(token, readOld, 10).getList("events.id"),
                "a reader who had read it goes on");
        assertEquals(0, feed.purge(), "nothing more to purge");
    }

    /**
     * Two consumers writing at once: the second waits for the first's commit, so a reader polling meanwhile never
     * moves its cursor past a position that is committed later.
     */
    @Test
    void aReaderNeverSkipsAnEventCommittedLaterWithASmallerPosition() throws Exception {
        UUID partner = UUID.randomUUID();
        String token = Tokens.partnerApp(partner);
        String start = page(token, null, 10).getString("next");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            feed.append(first, "booking.confirmed", now, "{}", List.of(partner));
            written.countDown();
            try {
                assertTrue(commit.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertTrue(written.await(30, TimeUnit.SECONDS));
        CompletableFuture<Void> fast = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                .run(() -> feed.append(second, "booking.confirmed", now, "{}", List.of(partner))));
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingAdvisoryLocks() >= 1);
        JsonPath meanwhile = page(token, start, 10);
        assertEquals(List.of(), meanwhile.getList("events"), "nothing committed yet");
        String cursor = meanwhile.getString("next");
        commit.countDown();
        slow.get(30, TimeUnit.SECONDS);
        fast.get(30, TimeUnit.SECONDS);
        assertEquals(List.of(first.toString(), second.toString()), page(token, cursor, 10).getList("events.id"),
                "both, in commit order, after the cursor handed out meanwhile");
    }

    private long waitingAdvisoryLocks() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
