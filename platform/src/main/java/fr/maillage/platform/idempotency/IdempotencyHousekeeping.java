package fr.maillage.platform.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Deletes Idempotency-Key rows older than maillage.idempotency.retention (24 h): their stored answers may hold personal
 * data. Runs on its own daemon thread every maillage.idempotency.purge-every (1 h), first one minute after start;
 * one DELETE in autocommit, harmless when several replicas run it. A service without the table (no db/platform
 * migration) only logs at debug level.
 */
@ApplicationScoped
public class IdempotencyHousekeeping {
    private static final Logger LOG = Logger.getLogger(IdempotencyHousekeeping.class);

    private final Instance<AgroalDataSource> dataSource;
    private final IdempotencyConfig config;
    private ScheduledExecutorService executor;

    IdempotencyHousekeeping(Instance<AgroalDataSource> dataSource, IdempotencyConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.purgeEnabled() || !dataSource.isResolvable()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "idempotency-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, config.purgeEvery().toSeconds());
        executor.scheduleWithFixedDelay(this::purge, Math.min(60, every), every, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Deletes the expired keys. @return how many */
    public int purge() {
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM idempotent_request WHERE created_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(Instant.now().minus(config.retention())));
            int purged = delete.executeUpdate();
            if (purged > 0) {
                LOG.debugf("Purged %d expired Idempotency-Key rows", purged);
            }
            return purged;
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Idempotency-Key purge postponed: %s", e.getClass().getSimpleName());
            return 0;
        }
    }
}
