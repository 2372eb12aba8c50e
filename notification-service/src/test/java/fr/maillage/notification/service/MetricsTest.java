package fr.maillage.notification.service;

import static fr.maillage.notification.support.Api.byBooking;
import static fr.maillage.notification.support.Api.randomMobile;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import fr.maillage.notification.support.Events;
import fr.maillage.notification.support.Stubs;
import fr.maillage.platform.testing.KafkaTopics;
import fr.maillage.platform.testing.Meters;
import fr.maillage.platform.testing.Metrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The notification queue on /q/metrics follows the table (issue 23); every meter deploy/k8s/monitoring/meters.txt lists
 * for notification-service is exposed. Failures by channel and class, webhook failures and dead letters are asserted
 * where they happen: NotificationFlowTest, WebhookTest.
 */
@QuarkusTest
@QuarkusTestResource(Stubs.class)
class MetricsTest {
    private static final String APP = "notification-service";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @Test
    void the_queue_by_status_is_what_the_table_holds() throws Exception {
        // a booking in three days: its reminders wait, pending
        UUID booking = UUID.randomUUID();
        KafkaTopics.send("booking.bookings.v1", booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1,
                Events.booking(booking, "confirmed", OffsetDateTime.now().plusDays(3),
                        Events.person("Lou", randomMobile(), null, true, false), null)));
        await().atMost(WAIT).until(() -> byBooking(booking).stream().anyMatch(r -> "pending".equals(r.get("status"))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(pending(), Metrics.value("maillage_notification_queue", "application", APP, "status", "pending"));
        });
        assertTrue(Metrics.value("maillage_notification_queue", "application", APP, "status", "pending") >= 1);
        assertTrue(Metrics.exposed("maillage_notification_queue", "application", APP, "status", "sending"));
        for (String channel : List.of("sms", "email", "voice")) {
            assertTrue(Metrics.exposed("maillage_notification_sent_total", "channel", channel), channel);
        }
    }

    @Test
    void every_meter_the_dashboard_and_the_alerts_name_for_this_service_is_exposed() {
        given().get("/api/v1/notifications").then().statusCode(401); // one request for the HTTP meters
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var missing = Meters.missing(APP);
            assertTrue(missing.isEmpty(), "listed for " + APP + " in meters.txt but not on /q/metrics: " + missing);
        });
    }

    private double pending() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM notification WHERE status = 'pending'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
