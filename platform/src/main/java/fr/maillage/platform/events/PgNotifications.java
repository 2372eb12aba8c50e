package fr.maillage.platform.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * PostgreSQL LISTEN/NOTIFY for the whole service: one connection, held by one daemon thread, listens on every
 * channel registered with {@link #listen}; a notification (sent by a trigger at commit) runs the channel's callbacks.
 * Waiting sends no query: an idle service costs the database nothing here. When the connection breaks (restart), it
 * reconnects with backoff and runs every callback once, since notifications sent meanwhile are lost.
 */
@ApplicationScoped
public class PgNotifications {
    private static final Logger LOG = Logger.getLogger(PgNotifications.class);

    private final AgroalDataSource dataSource;
    private final Map<String, List<Runnable>> callbacks = new ConcurrentHashMap<>();
    private final Set<String> listening = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private Thread thread;

    PgNotifications(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code onNotify} (on the listener thread: keep it short, e.g. wake a worker) at each NOTIFY on channel. */
    public synchronized void listen(String channel, Runnable onNotify) {
        if (!channel.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain channel name: " + channel);
        }
        callbacks.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(onNotify);
        if (thread == null) {
            thread = new Thread(this::run, "pg-notifications");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }

    private void run() {
        long backoff = 500;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                listening.clear();
                PGConnection pg = connection.unwrap(PGConnection.class);
                subscribe(connection);
                if (backoff > 500) {
                    // back after an outage: whatever was notified meanwhile is lost, so everyone looks once
                    callbacks.values().forEach(list -> list.forEach(PgNotifications::runQuietly));
                }
                backoff = 500;
                while (running) {
                    subscribe(connection);
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    Set<String> channels = new java.util.HashSet<>();
                    for (PGNotification n : notifications) {
                        channels.add(n.getName());
                    }
                    for (String channel : channels) {
                        callbacks.getOrDefault(channel, List.of()).forEach(PgNotifications::runQuietly);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("LISTEN connection lost (%s), reconnecting in %d ms; the poll covers the gap",
                        e.getClass().getSimpleName(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void subscribe(Connection connection) throws SQLException {
        for (String channel : callbacks.keySet()) {
            if (listening.add(channel)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
            }
        }
    }

    private static void runQuietly(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warnf("Notification callback failed: %s", e.getClass().getName());
        }
    }
}
