package fr.maillage.offers.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.maillage.offers.Fixtures;
import fr.maillage.platform.testing.Meters;
import fr.maillage.platform.testing.Metrics;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every meter the dashboard and the alerts name for offers-service (deploy/k8s/monitoring/meters.txt) is on its
 * /q/metrics as Prometheus scrapes it (issue 23), like booking's and notification's MetricsTest.
 */
@QuarkusTest
class MetricsTest {
    private static final String APP = "offers-service";

    @Test
    void every_meter_the_dashboard_and_the_alerts_name_for_this_service_is_exposed() {
        given().get("/api/v1/offers/themes").then().statusCode(200); // one request for the HTTP meters
        // Kafka's consumer lag appears once the consumers have their partitions (the platform refreshes it every 10 s)
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> missing = Meters.missing(APP);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Fixtures.sleep(500);
            missing = Meters.missing(APP);
        }
        assertTrue(missing.isEmpty(), "listed for " + APP + " in meters.txt but not on /q/metrics: " + missing);
        // each consumed topic has its dead-letter counter (0 rather than absent)
        assertTrue(Metrics.exposed("maillage_events_dead_lettered_total", "application", APP, "topic", "directory.places.v1"));
        assertFalse(Metrics.page().contains("+33"), "no phone number in any label");
    }
}
