package fr.maillage.notification.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Every SQL statement on webhook subscriptions and deliveries. Plain JDBC on the transaction's
 * connection, like NotificationStore: text[] columns and FOR UPDATE SKIP LOCKED read plainly here.
 * The {@code secret} column holds the subscription's signing secret encrypted ({@link WebhookSecrets}):
 * sealed here on every write, opened here on every read that returns it.
 */
@ApplicationScoped
public class WebhookStore {

    public record Subscription(UUID id, UUID partnerId, String url, List<String> eventTypes, String description,
            String secret, String status, String pausedReason, Instant pausedAt, int consecutiveFailures,
            Instant failingSince, Instant lastDeliveryAt, String lastDeliveryStatus, Integer lastStatusCode,
            String lastError, Instant createdAt, Instant updatedAt) {
    }

    public record Delivery(UUID id, UUID subscriptionId, UUID eventId, String eventType, String status, int attempts,
            Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant lastAttemptAt, Instant deliveredAt,
            Instant createdAt) {
    }

    /** A delivery claimed by a sender round. */
    public record Claimed(UUID id, UUID subscriptionId, UUID eventId, String eventType, String payload, int attempts,
            Instant queuedAt, Instant leaseUntil) {
    }

    /** Fields of a subscription a PUT/PATCH changes; null = unchanged. */
    public record Changes(String url, List<String> eventTypes, String description, boolean descriptionSet) {
    }

    private static final String SUBSCRIPTION_COLUMNS = "id, partner_id, url, event_types, description, secret, status,"
            + " paused_reason, paused_at, consecutive_failures, failing_since, last_delivery_at, last_delivery_status,"
            + " last_status_code, last_error, created_at, updated_at";

    /** A subscription's secret as stored (encrypted, or in clear from before encryption at rest). */
    public record StoredSecret(UUID id, String stored) {
    }

    private final DataSource dataSource;
    private final WebhookSecrets secrets;

    WebhookStore(DataSource dataSource, WebhookSecrets secrets) {
        this.dataSource = dataSource;
        this.secrets = secrets;
    }

    // --- subscriptions

    /** Inserts the subscription unless {@code id} exists already (a concurrent retry): then empty. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Subscription> insert(UUID id, UUID partnerId, String url, List<String> eventTypes, String description,
            String secret) {
        int inserted = update("INSERT INTO webhook_subscription (id, partner_id, url, event_types, description, secret)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", (c, ps) -> {
                    ps.setObject(1, id);
                    ps.setObject(2, partnerId);
                    ps.setString(3, url);
                    ps.setArray(4, c.createArrayOf("text", eventTypes.toArray()));
                    ps.setString(5, description);
                    ps.setString(6, secrets.seal(id, secret));
                });
        return inserted == 1 ? find(id) : Optional.empty();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Subscription> find(UUID id) {
        return subscriptions("SELECT " + SUBSCRIPTION_COLUMNS + " FROM webhook_subscription WHERE id = ?",
                (c, ps) -> ps.setObject(1, id), true).stream().findFirst();
    }

    /**
     * One page of subscriptions, newest first; {@code partnerId} null = every partner's (administrators).
     * Without their secrets (null): a list never shows them, so they are not decrypted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Subscription> list(UUID partnerId, int page, int size) {
        return subscriptions("SELECT " + SUBSCRIPTION_COLUMNS + " FROM webhook_subscription"
                + " WHERE (?::uuid IS NULL OR partner_id = ?::uuid) ORDER BY created_at DESC, id LIMIT ? OFFSET ?", (c, ps) -> {
                    ps.setObject(1, partnerId, Types.OTHER);
                    ps.setObject(2, partnerId, Types.OTHER);
                    ps.setInt(3, size);
                    ps.setLong(4, (long) page * size);
                }, false);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long count(UUID partnerId) {
        return single("SELECT count(*) FROM webhook_subscription WHERE (?::uuid IS NULL OR partner_id = ?::uuid)", (c, ps) -> {
            ps.setObject(1, partnerId, Types.OTHER);
            ps.setObject(2, partnerId, Types.OTHER);
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void change(UUID id, Changes changes) {
        update("UPDATE webhook_subscription SET url = coalesce(?, url), event_types = coalesce(?, event_types),"
                + " description = CASE WHEN ? THEN ? ELSE description END, updated_at = now() WHERE id = ?", (c, ps) -> {
                    ps.setString(1, changes.url());
                    ps.setArray(2, changes.eventTypes() == null ? null : c.createArrayOf("text", changes.eventTypes().toArray()));
                    ps.setBoolean(3, changes.descriptionSet());
                    ps.setString(4, changes.description());
                    ps.setObject(5, id);
                });
    }

    /**
     * Resumes a subscription: the failure count starts again and the deliveries waiting while it was
     * paused are due at once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resume(UUID id, Instant now) {
        if (update("UPDATE webhook_subscription SET status = 'active', paused_reason = NULL, paused_at = NULL,"
                + " consecutive_failures = 0, failing_since = NULL, updated_at = now() WHERE id = ? AND status = 'paused'",
                (c, ps) -> ps.setObject(1, id)) == 0) {
            return; // already active: its retries keep their backoff
        }
        update("UPDATE webhook_delivery SET next_attempt_at = ? WHERE subscription_id = ? AND status = 'pending'"
                + " AND next_attempt_at > ?", (c, ps) -> {
                    ps.setObject(1, ts(now));
                    ps.setObject(2, id);
                    ps.setObject(3, ts(now));
                });
    }

    /** @return true if the subscription was active and is now paused with {@code reason}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean pause(UUID id, String reason) {
        return update("UPDATE webhook_subscription SET status = 'paused', paused_reason = ?, paused_at = now(),"
                + " updated_at = now() WHERE id = ? AND status = 'active'", (c, ps) -> {
                    ps.setString(1, reason);
                    ps.setObject(2, id);
                }) == 1;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void rotateSecret(UUID id, String secret) {
        update("UPDATE webhook_subscription SET secret = ?, updated_at = now() WHERE id = ?", (c, ps) -> {
            ps.setString(1, secrets.seal(id, secret));
            ps.setObject(2, id);
        });
    }

    /** Every subscription's secret as stored, for {@link WebhookSecretEncryption}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<StoredSecret> storedSecrets() {
        List<StoredSecret> rows = new ArrayList<>();
        query("SELECT id, secret FROM webhook_subscription ORDER BY id", (c, ps) -> {
        }, rs -> rows.add(new StoredSecret(rs.getObject(1, UUID.class), rs.getString(2))));
        return rows;
    }

    /**
     * Replaces a stored secret by the same secret in another stored form, only if it is still {@code expected}
     * (a rotation or another replica may have written it meanwhile). Not a change the owner made: updated_at stays.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean replaceStoredSecret(UUID id, String expected, String replacement) {
        return update("UPDATE webhook_subscription SET secret = ? WHERE id = ? AND secret = ?", (c, ps) -> {
            ps.setString(1, replacement);
            ps.setObject(2, id);
            ps.setString(3, expected);
        }) == 1;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean delete(UUID id) {
        return update("DELETE FROM webhook_subscription WHERE id = ?", (c, ps) -> ps.setObject(1, id)) == 1;
    }

    // --- deliveries

    /**
     * Queues one delivery of an event per active subscription of {@code organisations} that asked for
     * {@code type} and existed when the event happened (a new subscription does not receive the past, even
     * when a topic is replayed). Idempotent per (event, subscription). @return deliveries queued.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int fanOut(UUID eventId, String type, String payload, List<UUID> organisations, Instant occurredAt, Instant now) {
        return update("""
                INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, payload, next_attempt_at)
                SELECT gen_random_uuid(), s.id, ?, ?, ?, ? FROM webhook_subscription s
                WHERE s.status = 'active' AND ? = ANY (s.event_types) AND s.partner_id = ANY (?)
                  AND s.created_at <= ? + interval '1 minute'
                ON CONFLICT (event_id, subscription_id) DO NOTHING""", (c, ps) -> {
                    ps.setObject(1, eventId);
                    ps.setString(2, type);
                    ps.setString(3, payload);
                    ps.setObject(4, ts(now));
                    ps.setString(5, type);
                    ps.setArray(6, c.createArrayOf("uuid", organisations.toArray()));
                    ps.setObject(7, ts(occurredAt));
                });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Delivery> deliveries(UUID subscriptionId, String status, int page, int size) {
        List<Delivery> rows = new ArrayList<>();
        query("SELECT id, subscription_id, event_id, event_type, status, attempts, next_attempt_at, last_status_code,"
                + " last_error, last_attempt_at, delivered_at, created_at FROM webhook_delivery"
                + " WHERE subscription_id = ? AND (?::text IS NULL OR status = ?::text)"
                + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?", (c, ps) -> {
                    ps.setObject(1, subscriptionId);
                    ps.setString(2, status);
                    ps.setString(3, status);
                    ps.setInt(4, size);
                    ps.setLong(5, (long) page * size);
                }, rs -> {
                    String s = rs.getString(5);
                    boolean waiting = "pending".equals(s) || "sending".equals(s);
                    rows.add(new Delivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getString(4), s, rs.getInt(6),
                            waiting ? instant(rs.getTimestamp(7)) : null, (Integer) rs.getObject(8), rs.getString(9),
                            instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12))));
                });
        return rows;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long countDeliveries(UUID subscriptionId, String status) {
        return single("SELECT count(*) FROM webhook_delivery WHERE subscription_id = ? AND (?::text IS NULL OR status = ?::text)",
                (c, ps) -> {
                    ps.setObject(1, subscriptionId);
                    ps.setString(2, status);
                    ps.setString(3, status);
                });
    }

    /**
     * Claims due deliveries of active subscriptions (and deliveries whose lease expired: their sender
     * crashed) until {@code leaseUntil}. SKIP LOCKED: replicas claim disjoint rows without waiting, so a
     * delivery is in the hands of one sender at a time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Claimed> claim(Instant now, Instant leaseUntil, int limit) {
        Instant lease = leaseUntil.truncatedTo(ChronoUnit.MICROS);
        List<Claimed> claimed = new ArrayList<>();
        query("""
                UPDATE webhook_delivery d SET status = 'sending', lease_until = ?
                FROM (SELECT d2.id FROM webhook_delivery d2 JOIN webhook_subscription s ON s.id = d2.subscription_id
                      WHERE s.status = 'active'
                        AND ((d2.status = 'pending' AND d2.next_attempt_at <= ?) OR (d2.status = 'sending' AND d2.lease_until < ?))
                      ORDER BY d2.next_attempt_at, d2.created_at LIMIT ? FOR UPDATE OF d2 SKIP LOCKED) c
                WHERE d.id = c.id
                RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.payload, d.attempts, d.created_at""",
                (c, ps) -> {
                    ps.setObject(1, ts(lease));
                    ps.setObject(2, ts(now));
                    ps.setObject(3, ts(now));
                    ps.setInt(4, limit);
                }, rs -> claimed.add(new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getInt(6),
                        instant(rs.getTimestamp(7)), lease)));
        // one subscription's deliveries go out in the order their events were queued
        claimed.sort(Comparator.comparing(Claimed::subscriptionId).thenComparing(Claimed::queuedAt)
                .thenComparing(Claimed::id));
        return claimed;
    }

    /** A 2xx: the delivery is done and the subscription's failure count starts again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean delivered(Claimed d, int statusCode, Instant now) {
        boolean ours = update("UPDATE webhook_delivery SET status = 'delivered', attempts = attempts + 1, delivered_at = ?,"
                + " last_attempt_at = ?, last_status_code = ?, last_error = NULL, lease_until = NULL"
                + " WHERE id = ? AND status = 'sending' AND lease_until = ?", (c, ps) -> {
                    ps.setObject(1, ts(now));
                    ps.setObject(2, ts(now));
                    ps.setInt(3, statusCode);
                    ps.setObject(4, d.id());
                    ps.setObject(5, ts(d.leaseUntil()));
                }) == 1;
        update("UPDATE webhook_subscription SET consecutive_failures = 0, failing_since = NULL, last_delivery_at = ?,"
                + " last_delivery_status = 'delivered', last_status_code = ?, last_error = NULL WHERE id = ?", (c, ps) -> {
                    ps.setObject(1, ts(now));
                    ps.setInt(2, statusCode);
                    ps.setObject(3, d.subscriptionId());
                });
        return ours;
    }

    /**
     * A failed attempt: the delivery waits {@code retryAt} (null = given up, 'failed'); the subscription
     * counts one more failure in a row. @return the subscription as it is now (to decide on pausing).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Subscription> failed(Claimed d, Integer statusCode, String error, Instant retryAt, Instant now) {
        update("UPDATE webhook_delivery SET status = ?, attempts = attempts + 1, next_attempt_at = coalesce(?, next_attempt_at),"
                + " last_attempt_at = ?, last_status_code = ?, last_error = ?, lease_until = NULL"
                + " WHERE id = ? AND status = 'sending' AND lease_until = ?", (c, ps) -> {
                    ps.setString(1, retryAt == null ? "failed" : "pending");
                    ps.setObject(2, ts(retryAt));
                    ps.setObject(3, ts(now));
                    ps.setObject(4, statusCode, Types.INTEGER);
                    ps.setString(5, error);
                    ps.setObject(6, d.id());
                    ps.setObject(7, ts(d.leaseUntil()));
                });
        update("UPDATE webhook_subscription SET consecutive_failures = consecutive_failures + 1,"
                + " failing_since = coalesce(failing_since, ?), last_delivery_at = ?, last_delivery_status = 'failed',"
                + " last_status_code = ?, last_error = ? WHERE id = ?", (c, ps) -> {
                    ps.setObject(1, ts(now));
                    ps.setObject(2, ts(now));
                    ps.setObject(3, statusCode, Types.INTEGER);
                    ps.setString(4, error);
                    ps.setObject(5, d.subscriptionId());
                });
        return find(d.subscriptionId());
    }

    /**
     * Gives claimed deliveries back untouched (no attempt counted): their subscription was paused or
     * deleted meanwhile, or an earlier delivery to the same URL just failed, in which case they wait at
     * least until {@code notBefore} instead of hammering a receiver that is down.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(List<Claimed> rows, Instant notBefore) {
        for (Claimed d : rows) {
            update("UPDATE webhook_delivery SET status = 'pending', lease_until = NULL,"
                    + " next_attempt_at = greatest(next_attempt_at, coalesce(?, next_attempt_at))"
                    + " WHERE id = ? AND status = 'sending' AND lease_until = ?", (c, ps) -> {
                        ps.setObject(1, ts(notBefore));
                        ps.setObject(2, d.id());
                        ps.setObject(3, ts(d.leaseUntil()));
                    });
        }
    }

    /** Deletes finished deliveries older than the log retention. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int purge(Instant createdBefore) {
        return update("DELETE FROM webhook_delivery WHERE status IN ('delivered', 'failed') AND created_at < ?",
                (c, ps) -> ps.setObject(1, ts(createdBefore)));
    }

    // --- plumbing

    @FunctionalInterface
    interface Binder {
        void bind(Connection c, PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private List<Subscription> subscriptions(String sql, Binder binder, boolean withSecret) {
        List<Subscription> rows = new ArrayList<>();
        query(sql, binder, rs -> {
            Array types = rs.getArray(4);
            UUID id = rs.getObject(1, UUID.class);
            rows.add(new Subscription(id, rs.getObject(2, UUID.class), rs.getString(3),
                    types == null ? List.of() : Arrays.asList((String[]) types.getArray()), rs.getString(5),
                    withSecret ? secrets.open(id, rs.getString(6)) : null, rs.getString(7), rs.getString(8), instant(rs.getTimestamp(9)), rs.getInt(10),
                    instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), rs.getString(13),
                    (Integer) rs.getObject(14), rs.getString(15), instant(rs.getTimestamp(16)),
                    instant(rs.getTimestamp(17))));
        });
        return rows;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(c, ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void query(String sql, Binder binder, RowReader reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(c, ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private long single(String sql, Binder binder) {
        long[] value = new long[1];
        query(sql, binder, rs -> value[0] = rs.getLong(1));
        return value[0];
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
