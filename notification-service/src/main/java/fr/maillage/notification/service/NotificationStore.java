package fr.maillage.notification.service;

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
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.notification.domain.MessageModel;
import fr.maillage.notification.domain.NewNotification;
import fr.maillage.platform.events.Outbox;
import fr.maillage.platform.events.OutboxRow;
import fr.maillage.platform.tracing.TraceHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Every SQL statement on notification rows, with the delivery event each status change emits (same
 * transaction, through the outbox). Plain JDBC on the transaction's connection: the worker needs
 * batched statements and SKIP LOCKED, which JPA would only hide.
 */
@ApplicationScoped
public class NotificationStore {
    /** One claimed row, as the worker needs it. */
    public record Claimed(UUID id, String template, Integer reminderOffsetMinutes, boolean essential, String channel,
            String recipient, UUID bookingId, UUID shiftId, UUID personId, Instant appointmentStart,
            MessageModel model, int attempts, long version, String previousStatus, Instant leaseUntil, String traceHeaders) {
    }

    /** What happened to a claimed row. {@code status} is the new status (pending = try again later). */
    public record Outcome(Claimed row, String status, int attemptsDelta, Integer segments, String providerMessageId,
            String error, String skipReason, Instant nextAttemptAt) {
    }

    /** The data of a notification.deliveries.v1 event (see META-INF/events/notification.deliveries.v1.schema.json). */
    public record DeliveryData(UUID id, UUID bookingId, UUID shiftId, String channel, String template, String status,
            int attempts, Integer segments, String error) {
    }

    private static final String RETURNING = " RETURNING id, booking_id, shift_id, channel, template, status, attempts,"
            + " segments, coalesce(last_error, skip_reason), version";

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final Outbox outbox;
    private final TraceHeaders traceHeaders;

    NotificationStore(DataSource dataSource, ObjectMapper mapper, Outbox outbox, TraceHeaders traceHeaders) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.outbox = outbox;
        this.traceHeaders = traceHeaders;
    }

    /** Creates the row unless its dedupe key exists. @return true if created. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insert(NewNotification n) {
        String status = n.skipReason() == null ? "pending" : "skipped";
        String sql = """
                INSERT INTO notification (id, dedupe_key, template, reminder_offset_minutes, essential, channel,
                  recipient, booking_id, shift_id, person_id, appointment_start, model, due_at, next_attempt_at,
                  status, skip_reason, booker_org, partner_id, trace_headers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
                ON CONFLICT (dedupe_key) DO NOTHING""" + RETURNING;
        return !query(sql, ps -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, n.dedupeKey());
            ps.setString(3, n.template());
            ps.setObject(4, n.reminderOffsetMinutes(), Types.INTEGER);
            ps.setBoolean(5, n.essential());
            ps.setString(6, n.channel());
            ps.setString(7, n.recipient());
            ps.setObject(8, n.bookingId());
            ps.setObject(9, n.shiftId());
            ps.setObject(10, n.personId());
            ps.setObject(11, ts(n.appointmentStart()));
            ps.setString(12, json(n.model()));
            ps.setObject(13, ts(n.dueAt()));
            ps.setObject(14, ts(n.dueAt()));
            ps.setString(15, status);
            ps.setString(16, n.skipReason());
            ps.setObject(17, n.orgs().bookerOrg());
            ps.setObject(18, n.orgs().partnerId());
            ps.setString(19, traceHeaders.currentJson());
        }).isEmpty();
    }

    /**
     * Rows created before booking events carried organisations (or from an event without them) learn
     * them from a later event of the same booking, so partners can then read them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int fillOrganisations(UUID bookingId, NewNotification.Orgs orgs) {
        if (orgs.bookerOrg() == null && orgs.partnerId() == null) {
            return 0;
        }
        return update("UPDATE notification SET booker_org = coalesce(booker_org, ?), partner_id = coalesce(partner_id, ?)"
                + " WHERE booking_id = ? AND ((booker_org IS NULL AND ?::uuid IS NOT NULL)"
                + " OR (partner_id IS NULL AND ?::uuid IS NOT NULL))", ps -> {
                    ps.setObject(1, orgs.bookerOrg());
                    ps.setObject(2, orgs.partnerId());
                    ps.setObject(3, bookingId);
                    ps.setObject(4, orgs.bookerOrg());
                    ps.setObject(5, orgs.partnerId());
                });
    }

    /**
     * Moves the pending reminder ({@code offset} minutes before, on {@code channel}) of a booking or shift
     * to a new appointment time. @return true if there was one to move.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean moveReminder(String ownerColumn, UUID ownerId, String channel, int offset, NewNotification moved) {
        String sql = "UPDATE notification SET dedupe_key = ?, due_at = ?, next_attempt_at = ?, appointment_start = ?,"
                + " model = ?, recipient = ?, version = version + 1, updated_at = now() WHERE " + column(ownerColumn)
                + " = ? AND status = 'pending' AND channel = ? AND reminder_offset_minutes = ?";
        return update(sql, ps -> {
            ps.setString(1, moved.dedupeKey());
            ps.setObject(2, ts(moved.dueAt()));
            ps.setObject(3, ts(moved.dueAt()));
            ps.setObject(4, ts(moved.appointmentStart()));
            ps.setString(5, json(moved.model()));
            ps.setString(6, moved.recipient());
            ps.setObject(7, ownerId);
            ps.setString(8, channel);
            ps.setInt(9, offset);
        }) > 0;
    }

    /** {@code reminderOffset} value selecting every reminder, whatever its offset. */
    public static final Integer ANY_REMINDER = -1;

    /**
     * Skips pending rows of a booking/shift/person, emitting NotificationSkipped: all of them, or those
     * of one {@code channel}, or only reminders ({@link #ANY_REMINDER} or one offset in minutes).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int skipPending(String ownerColumn, UUID ownerId, String channel, Integer reminderOffset, String reason) {
        String sql = "UPDATE notification SET status = 'skipped', skip_reason = ?, next_attempt_at = now(),"
                + " version = version + 1, updated_at = now() WHERE " + column(ownerColumn) + " = ? AND status = 'pending'"
                + (channel != null ? " AND channel = ?" : "")
                + (ANY_REMINDER.equals(reminderOffset) ? " AND reminder_offset_minutes IS NOT NULL"
                        : reminderOffset != null ? " AND reminder_offset_minutes = ?" : "")
                + RETURNING;
        List<Object[]> rows = query(sql, ps -> {
            int i = 1;
            ps.setString(i++, reason);
            ps.setObject(i++, ownerId);
            if (channel != null) {
                ps.setString(i++, channel);
            }
            if (reminderOffset != null && !ANY_REMINDER.equals(reminderOffset)) {
                ps.setInt(i, reminderOffset);
            }
        });
        emit(rows);
        return rows.size();
    }

    /**
     * Skips the pending rows whose dedupe key starts with {@code prefix} (issue 19: a staffing request's message not sent
     * yet when the permanence is covered), emitting NotificationSkipped. @return how many.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int skipPendingKeys(String prefix, String reason) {
        List<Object[]> rows = query("UPDATE notification SET status = 'skipped', skip_reason = ?, next_attempt_at = now(),"
                + " version = version + 1, updated_at = now() WHERE dedupe_key LIKE ? AND status = 'pending'" + RETURNING,
                ps -> {
                    ps.setString(1, reason);
                    ps.setString(2, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                });
        emit(rows);
        return rows.size();
    }

    /**
     * A booking's new self-service link (issue 18, the old one is dead): its messages still to send carry the new one.
     * @return the rows changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int replaceLink(UUID bookingId, String link) {
        return update("UPDATE notification SET model = jsonb_set(model::jsonb, '{selfServiceUrl}', to_jsonb(?::text))::text,"
                + " updated_at = now() WHERE booking_id = ? AND status = 'pending' AND model IS NOT NULL", ps -> {
                    ps.setString(1, link);
                    ps.setObject(2, bookingId);
                });
    }

    /** A person's new contact: their pending messages on {@code channel} go to the new address. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int updatePendingRecipient(UUID personId, String channel, String recipient) {
        return update("UPDATE notification SET recipient = ?, updated_at = now() WHERE person_id = ? AND channel = ?"
                + " AND status = 'pending'", ps -> {
                    ps.setString(1, recipient);
                    ps.setObject(2, personId);
                    ps.setString(3, channel);
                });
    }

    /**
     * Claims due rows (and rows whose lease expired: their worker crashed) for this worker until
     * {@code leaseUntil}. SKIP LOCKED: concurrent replicas claim disjoint rows without waiting.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Claimed> claim(Instant now, Instant leaseUntil, int limit) {
        Instant lease = leaseUntil.truncatedTo(ChronoUnit.MICROS);
        String sql = """
                UPDATE notification n SET status = 'sending', lease_until = ?, updated_at = ?
                FROM (SELECT id, status AS previous_status FROM notification
                      WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until < ?)
                      ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) c
                WHERE n.id = c.id
                RETURNING n.id, n.template, n.reminder_offset_minutes, n.essential, n.channel, n.recipient,
                  n.booking_id, n.shift_id, n.person_id, n.appointment_start, n.model, n.attempts, n.version,
                  c.previous_status, CAST(n.trace_headers AS text)""";
        List<Claimed> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, ts(lease));
            ps.setObject(2, ts(now));
            ps.setObject(3, ts(now));
            ps.setObject(4, ts(now));
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp start = rs.getTimestamp(10);
                    claimed.add(new Claimed(rs.getObject(1, UUID.class), rs.getString(2),
                            (Integer) rs.getObject(3), rs.getBoolean(4), rs.getString(5), rs.getString(6),
                            rs.getObject(7, UUID.class), rs.getObject(8, UUID.class), rs.getObject(9, UUID.class),
                            start == null ? null : start.toInstant(), model(rs.getString(11)), rs.getInt(12),
                            rs.getLong(13), rs.getString(14), lease, rs.getString(15)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Claim failed: " + e.getMessage(), e);
        }
        return claimed;
    }

    /**
     * Records the outcomes of claimed rows in one batch, with their events. A row whose lease was taken
     * over meanwhile (this worker was too slow) is left to its new owner.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int record(List<Outcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return 0;
        }
        String sql = """
                UPDATE notification SET status = ?, attempts = attempts + ?, segments = coalesce(?, segments),
                  provider_message_id = coalesce(?, provider_message_id), last_error = ?, skip_reason = ?,
                  next_attempt_at = coalesce(?, next_attempt_at),
                  sent_at = CASE WHEN ? THEN ? ELSE sent_at END, lease_until = NULL,
                  version = version + 1, updated_at = ?,
                  model = CASE WHEN template = 'booking_code' AND ? <> 'pending' THEN NULL ELSE model END
                WHERE id = ? AND status = 'sending' AND lease_until = ?""";
        List<OutboxRow> events = new ArrayList<>();
        int recorded = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Outcome o : outcomes) {
                ps.setString(1, o.status());
                ps.setInt(2, o.attemptsDelta());
                ps.setObject(3, o.segments(), Types.INTEGER);
                ps.setString(4, o.providerMessageId());
                ps.setString(5, o.error());
                ps.setString(6, o.skipReason());
                ps.setObject(7, ts(o.nextAttemptAt()));
                ps.setBoolean(8, "sent".equals(o.status()));
                ps.setObject(9, ts(now));
                ps.setObject(10, ts(now));
                // a one-time code (sealed in the model) goes once its message is done with: never kept after sending
                ps.setString(11, o.status());
                ps.setObject(12, o.row().id());
                ps.setObject(13, ts(o.row().leaseUntil()));
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    continue;
                }
                recorded++;
                Outcome o = outcomes.get(i);
                if (!"pending".equals(o.status())) {
                    Claimed r = o.row();
                    events.add(event(new DeliveryData(r.id(), r.bookingId(), r.shiftId(), r.channel(), r.template(),
                            o.status(), r.attempts() + o.attemptsDelta(), o.segments(),
                            o.error() != null ? o.error() : o.skipReason()), r.version() + 1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Recording outcomes failed: " + e.getMessage(), e);
        }
        saveEvents(events);
        return recorded;
    }

    /**
     * A provider's delivery report on {@code channel} (the SMS provider reports SMS only, the voice provider calls only).
     * @return false if no sent notification of that channel has that id / provider id.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordDelivery(String channel, String providerMessageId, UUID notificationId, boolean delivered,
            String error) {
        String sql = "UPDATE notification SET status = ?, delivered_at = CASE WHEN ? THEN now() ELSE delivered_at END,"
                + " last_error = coalesce(?, last_error), version = version + 1, updated_at = now()"
                + " WHERE (provider_message_id = ? OR id = ?) AND channel = ? AND status IN ('sent', 'delivered')"
                + RETURNING;
        List<Object[]> rows = query(sql, ps -> {
            ps.setString(1, delivered ? "delivered" : "failed");
            ps.setBoolean(2, delivered);
            ps.setString(3, error);
            ps.setString(4, providerMessageId);
            ps.setObject(5, notificationId);
            ps.setString(6, channel);
        });
        emit(rows);
        return !rows.isEmpty();
    }

    /** Removes personal data from receipts (recipient, message data); the facts (status, dates) stay. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int anonymise(String ownerColumn, UUID ownerId, Instant createdBefore) {
        String where = ownerColumn != null ? column(ownerColumn) + " = ?" : "created_at < ?";
        return update("UPDATE notification SET recipient = NULL, model = NULL, last_error = NULL,"
                + " anonymised_at = now() WHERE anonymised_at IS NULL AND status NOT IN ('pending', 'sending') AND "
                + where, ps -> ps.setObject(1, ownerColumn != null ? ownerId : ts(createdBefore)));
    }

    /** The topic of the delivery events (NotificationSent, ...Delivered, ...Failed, ...Skipped). */
    public static final String DELIVERIES_TOPIC = "notification.deliveries.v1";

    public OutboxRow event(DeliveryData data, long version) {
        String type = switch (data.status()) {
            case "sent" -> "NotificationSent";
            case "delivered" -> "NotificationDelivered";
            case "failed" -> "NotificationFailed";
            case "skipped" -> "NotificationSkipped";
            default -> throw new IllegalArgumentException("No event for status " + data.status());
        };
        return outbox.row(DELIVERIES_TOPIC, type, data.id(), version, data);
    }

    private void emit(List<Object[]> rows) {
        List<OutboxRow> events = new ArrayList<>();
        for (Object[] r : rows) {
            if ("pending".equals(r[5]) || "sending".equals(r[5])) {
                continue;
            }
            events.add(event(new DeliveryData((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                    (String) r[5], (Integer) r[6], (Integer) r[7], (String) r[8]), (Long) r[9]));
        }
        saveEvents(events);
    }

    /** The events of a worker round in one JDBC batch, in the round's transaction (the platform's relay publishes them). */
    private void saveEvents(List<OutboxRow> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_event (" + Outbox.COLUMNS + ") VALUES "
                        + Outbox.VALUES)) {
            for (OutboxRow e : events) {
                e.bind(ps, 1);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Outbox write failed: " + e.getMessage(), e);
        }
    }

    private static String column(String ownerColumn) {
        return switch (ownerColumn) {
            case "booking_id", "shift_id", "person_id" -> ownerColumn;
            default -> throw new IllegalArgumentException(ownerColumn);
        };
    }

    private String json(MessageModel model) {
        try {
            return model == null ? null : mapper.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private MessageModel model(String json) {
        try {
            return json == null ? null : mapper.readValue(json, MessageModel.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private List<Object[]> query(String sql, Binder binder) {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return rows;
    }
}
