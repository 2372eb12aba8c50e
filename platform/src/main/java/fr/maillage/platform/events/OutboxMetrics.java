package fr.maillage.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import fr.maillage.platform.metrics.Snapshot;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The outbox seen by an operator, for every service: {@code maillage_outbox_backlog} (events committed but not yet
 * acknowledged by Kafka) and {@code maillage_outbox_oldest_unpublished_age_seconds} (how long the oldest of them has
 * waited; 0 when none). A relay that cannot reach the broker shows as a growing age long before anyone misses a message.
 */
@Startup
@ApplicationScoped
public class OutboxMetrics {
    private static final String QUERY = """
            SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)
            FROM outbox_event WHERE published_at IS NULL""";
    private static final double[] UNKNOWN = { Double.NaN, Double.NaN };

    private final AgroalDataSource dataSource;
    private final Snapshot<double[]> backlog;

    OutboxMetrics(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.backlog = new Snapshot<>(Duration.ofSeconds(1), this::read, UNKNOWN);
        Gauge.builder("maillage.outbox.backlog", backlog, b -> b.get()[0]).strongReference(true)
                .description("Events recorded in the outbox and not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("maillage.outbox.oldest.unpublished.age", backlog, b -> b.get()[1]).strongReference(true)
                .description("Age of the oldest event not yet acknowledged by Kafka (0: none waiting)").baseUnit("seconds")
                .register(registry);
    }

    private double[] read() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(QUERY);
                ResultSet r = s.executeQuery()) {
            r.next();
            return new double[] { r.getLong(1), r.getDouble(2) };
        } catch (SQLException e) {
            return UNKNOWN;
        }
    }
}
