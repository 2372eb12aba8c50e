package fr.maillage.booking.service;

import static fr.maillage.booking.support.Bookings.post;
import static fr.maillage.booking.support.Bookings.request;
import static fr.maillage.booking.support.Bookings.uniquePhone;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.booking.support.FreshSessionsGroup;
import fr.maillage.booking.support.Sessions;
import fr.maillage.platform.testing.Metrics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The meters an operator watches (issue 23), read on /q/metrics as Prometheus scrapes them, moving on real actions:
 * booking outcomes, the outbox backlog and its age, dead letters, the Kafka consumers' lag; and every meter the
 * dashboard and the alerts name for booking-service (deploy/k8s/monitoring/meters.txt) is exposed.
 */
@QuarkusTest
@QuarkusTestResource(FreshSessionsGroup.class)
class MetricsTest {
    private static final String APP = "booking-service";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void booking_outcomes_are_counted_by_outcome() {
        var session = Sessions.plan(Sessions.session().with(s -> s.capacity = 1));
        var queued = Sessions.plan(Sessions.session().with(s -> {
            s.capacity = 1;
            s.waitingList = true;
        }));
        double confirmed = bookings("confirmed");
        double waitlisted = bookings("waitlisted");
        double refused = bookings("refused_full");

        post(request(session.id, uniquePhone(), null)).then().statusCode(201).body("status", equalTo("confirmed"));
        post(request(session.id, uniquePhone(), null)).then().statusCode(409);
        post(request(queued.id, uniquePhone(), null)).then().statusCode(201);
        post(request(queued.id, uniquePhone(), null)).then().statusCode(201).body("status", equalTo("waitlisted"));
        post(request(session.id, "12", null)).then().statusCode(422); // not an outcome: the phone number is invalid

        assertEquals(confirmed + 2, bookings("confirmed"));
        assertEquals(waitlisted + 1, bookings("waitlisted"));
        assertEquals(refused + 1, bookings("refused_full"));
    }

    @Test
    void the_outbox_backlog_and_the_age_of_its_oldest_event_show_what_waits_for_kafka() throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> Metrics.value("maillage_outbox_backlog", "application", APP) == 0);
        assertEquals(0, Metrics.value("maillage_outbox_oldest_unpublished_age_seconds", "application", APP));
        // The relay stalls (as with a broker down) while this connection holds its lock: an event committed a minute ago
        // waits, and both gauges say so.
        UUID id = UUID.randomUUID();
        try (Connection relayLock = dataSource.getConnection(); Statement s = relayLock.createStatement()) {
            s.execute("SELECT pg_advisory_lock(hashtext('outbox-relay'))");
            try {
                s.executeUpdate("INSERT INTO outbox_event (id, topic, aggregate_id, type, payload, created_at) VALUES ('"
                        + id + "', 'booking.bookings.v1', '" + id + "', 'MetricsProbe', '{}', now() - interval '60 seconds')");
                await().atMost(Duration.ofSeconds(5)).until(() -> Metrics.value("maillage_outbox_backlog", "application", APP) >= 1
                        && Metrics.value("maillage_outbox_oldest_unpublished_age_seconds", "application", APP) >= 60);
            } finally {
                // a probe, not an event consumers know: removed before the relay may publish it
                s.executeUpdate("DELETE FROM outbox_event WHERE id = '" + id + "'");
                s.execute("SELECT pg_advisory_unlock(hashtext('outbox-relay'))");
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Metrics.value("maillage_outbox_backlog", "application", APP) == 0);
    }

    @Test
    void a_poison_event_counts_as_dead_lettered_on_its_topic() {
        double before = Metrics.value("maillage_events_dead_lettered_total", "topic", Sessions.TOPIC);
        Sessions.send("{pas du json", UUID.randomUUID());
        await().atMost(Duration.ofSeconds(20)).until(
                () -> Metrics.value("maillage_events_dead_lettered_total", "topic", Sessions.TOPIC) == before + 1);
    }

    @Test
    void the_consumers_lag_and_every_meter_of_the_dashboard_and_alerts_are_exposed() {
        // Kafka's own consumer metrics (Micrometer's Kafka binder): the lag per topic partition, once assigned
        await().atMost(Duration.ofSeconds(20)).until(() -> Metrics.exposed("kafka_consumer_fetch_manager_records_lag",
                "topic", Sessions.TOPIC.replace('.', '_')) || Metrics.exposed("kafka_consumer_fetch_manager_records_lag",
                        "topic", Sessions.TOPIC));
        io.restassured.RestAssured.given().get("/api/v1/bookings").then().statusCode(401); // one request for the HTTP meters
        var missing = fr.maillage.platform.testing.Meters.missing(APP);
        assertTrue(missing.isEmpty(), "meters listed for " + APP + " in meters.txt but not exposed: " + missing);
        assertFalse(Metrics.page().contains("+33"), "no phone number in any label");
    }

    private static double bookings(String outcome) {
        return Metrics.value("maillage_bookings_total", "application", APP, "outcome", outcome);
    }
}
