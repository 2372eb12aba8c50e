package fr.maillage.notification.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import fr.maillage.notification.config.EventFeedConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The partners' event feed (GET /api/v1/events): the webhook events of each organisation, in the order they were
 * written, read with a cursor, kept {@code maillage.events.retention} (P30D).
 * <p>
 * <b>Ordering under concurrent writers.</b> Positions come from an identity column, but a sequence value is taken at
 * insert time while the row becomes visible at commit: two consumers (two topics, or two replicas) could commit
 * positions 8 then 7, and a reader polling in between would see 8, move its cursor past it, and never see 7. So
 * every append first takes one transaction-scoped advisory lock, held until the commit: positions are handed out
 * and committed one transaction at a time, in order, and once a reader sees position P every smaller position is
 * committed and visible too. Chosen over exposing only positions below the oldest transaction in flight (xid
 * snapshots) because it is plain to read and to test, and its cost is small: the lock is taken at the end of the
 * consumer's work (EventConsumers calls the fan-out last) and held for the insert and the commit. A deadlock with it
 * is not possible (it is the last lock a consumer takes), and would be retried as transient anyway.
 */
@ApplicationScoped
public class EventFeed {
    private static final Logger LOG = Logger.getLogger(EventFeed.class);

    public record Event(long position, UUID id, String type, OffsetDateTime occurredAt, String data) {
    }

    /**
     * One read: the events after the cursor, the newest position written at that moment ({@code head}) and up to
     * which position events were purged, all from one snapshot.
     */
    public record Read(List<Event> events, long head, long purgedUpTo) {
    }

    private final DataSource dataSource;
    private final EventFeedConfig config;
    private final AppClock clock;

    EventFeed(DataSource dataSource, EventFeedConfig config, AppClock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Writes one event for each organisation, in the consumer's transaction; an event already written for an
     * organisation (redelivered, replayed) adds nothing. Events that occurred before the retention are not written
     * (a topic replayed from the start must not bring back what was purged). @return rows written
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int append(UUID eventId, String type, OffsetDateTime occurredAt, String data, List<UUID> organisations) {
        if (organisations.isEmpty() || occurredAt.toInstant().isBefore(clock.now().minus(config.retention()))) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('partner-event-feed'))")) {
                lock.execute();
            }
            int written = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO partner_event (partner_id, event_id, event_type,"
                    + " occurred_at, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (partner_id, event_id) DO NOTHING")) {
                for (UUID org : organisations) {
                    ps.setObject(1, org);
                    ps.setObject(2, eventId);
                    ps.setString(3, type);
                    ps.setObject(4, occurredAt);
                    ps.setString(5, data);
                    written += ps.executeUpdate();
                }
            }
            return written;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Up to {@code limit} events of {@code partnerId} after position {@code after}, in order. */
    @Transactional
    public Read read(UUID partnerId, long after, int limit) {
        // one statement, so one snapshot: head and the page agree (a second statement could see a later commit)
        String sql = """
                SELECT h.head, s.purged_up_to, p.position, p.event_id, p.event_type, p.occurred_at, p.data
                FROM (SELECT coalesce(max(position), 0) AS head FROM partner_event) h
                CROSS JOIN partner_event_purge s
                LEFT JOIN LATERAL (SELECT position, event_id, event_type, occurred_at, data FROM partner_event
                                   WHERE partner_id = ? AND position > ? ORDER BY position LIMIT ?) p ON true
                ORDER BY p.position""";
        List<Event> events = new ArrayList<>();
        long head = 0;
        long purged = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, partnerId);
            ps.setLong(2, after);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    head = rs.getLong(1);
                    purged = rs.getLong(2);
                    if (rs.getObject(3) != null) {
                        events.add(new Event(rs.getLong(3), rs.getObject(4, UUID.class), rs.getString(5),
                                rs.getObject(6, OffsetDateTime.class), rs.getString(7)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new Read(events, head, purged);
    }

    @Scheduled(every = "${maillage.events.purge-every:1h}", delayed = "40s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /**
     * Deletes the events written before the retention: a prefix of positions (up to the newest such event), and
     * records how far, so a cursor from before is refused rather than silently missing events. @return rows deleted
     */
    public int purge() {
        Instant limit = clock.now().minus(config.retention());
        int deleted = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    WITH upto AS (SELECT max(position) AS p FROM partner_event WHERE created_at < ?),
                    gone AS (DELETE FROM partner_event WHERE position <= (SELECT p FROM upto) RETURNING 1),
                    mark AS (UPDATE partner_event_purge SET purged_up_to = greatest(purged_up_to, (SELECT p FROM upto))
                             WHERE (SELECT p FROM upto) IS NOT NULL RETURNING 1)
                    SELECT count(*) FROM gone""")) {
                ps.setObject(1, WebhookStore.ts(limit));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        if (deleted > 0) {
            LOG.infof("%d feed events older than %s purged", deleted, config.retention());
        }
        return deleted;
    }
}
