package fr.maillage.booking.service;

import fr.maillage.platform.territory.Territories;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.hibernate.Session;

import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.events.Topics;
import fr.maillage.platform.events.Outbox;
import fr.maillage.platform.events.OutboxRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The only code that changes seat counters. Each change is ONE conditional UPDATE, so PostgreSQL's
 * row lock serialises concurrent requests on a slot and re-checks the condition after waiting: the
 * last seat goes to exactly one of hundreds of concurrent requests. Each change bumps the slot's
 * event version and records a SlotAvailabilityChanged event in the same transaction.
 */
@ApplicationScoped
public class SlotStore {
    private static final String RETURNING = " RETURNING id, offer_id, capacity, confirmed, waitlisted, status, event_version,"
            + " closure_id, closure_reason, place_insee_code";
    /** A slot that takes bookings: planned by offers and not closed by an absence or closure (issue 19). */
    private static final String OPEN = "status = 'planned' AND closure_id IS NULL";
    private static final String TAKE_SEAT = "confirmed = confirmed + 1";
    private static final String JOIN_QUEUE = "waitlisted = waitlisted + 1";

    private final EntityManager em;
    private final Outbox outbox;

    SlotStore(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    /**
     * data of booking.slots.v1 SlotAvailabilityChanged. A slot closed by an absence or closure (issue 19) is published
     * {@code closed: true} with its {@code closedReason}, and status "cancelled" (not bookable) for readers that ignore
     * the new members.
     */
    public record SlotAvailability(UUID slotId, UUID offerId, int capacity, int confirmed, int remaining, int waitlisted,
            String status, boolean closed, String closedReason, String timeZone) {
    }

    /** Takes a seat if one is left and the slot is planned. @return false when full or cancelled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean takeSeat(UUID slotId) {
        return change(TAKE_SEAT, OPEN + " AND confirmed < capacity", slotId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseSeat(UUID slotId) {
        require(change("confirmed = confirmed - 1", "confirmed > 0", slotId), slotId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void leaveQueue(UUID slotId) {
        require(change("waitlisted = waitlisted - 1", "waitlisted > 0", slotId), slotId);
    }

    /** Moves one person from the queue to a seat if a seat is free. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean promoteOne(UUID slotId) {
        return change("confirmed = confirmed + 1, waitlisted = waitlisted - 1",
                OPEN + " AND confirmed < capacity AND waitlisted > 0", slotId);
    }

    /** Empties a cancelled slot (its bookings were all cancelled in the same transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void clear(UUID slotId) {
        change("confirmed = 0, waitlisted = 0", "true", slotId);
    }

    /** Records the current availability (after a change made by the session consumer). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(UUID slotId) {
        change("status = status", "true", slotId);
    }

    /**
     * Closes a slot for an absence or closure (issue 19): not bookable any more (seats, queue, promotions), published
     * closed. @return false if it was already closed (by this or another absence: the first one keeps it).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean close(UUID slotId, UUID absenceId, String reason) {
        return change("closure_id = ?, closure_reason = ?", "closure_id IS NULL", slotId, absenceId, reason);
    }

    /**
     * Hands a slot closed by a withdrawn absence over to another active one covering it, in one update (never open in
     * between). @return false if {@code from} did not close it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean handOver(UUID slotId, UUID from, UUID to, String reason) {
        return change("closure_id = ?, closure_reason = ?", "closure_id = ?", slotId, to, reason, from);
    }

    /** Reopens a slot closed by this absence (withdrawn). @return false if another one closed it, or none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reopen(UUID slotId, UUID absenceId) {
        return change("closure_id = NULL, closure_reason = NULL", "closure_id = ?", slotId, absenceId);
    }

    /** Row-locks slots in id order (see BookingService#lock): the first step of a change that touches bookings. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(java.util.List<UUID> slotIds) {
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM slot WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
                select.setArray(1, connection.createArrayOf("uuid", slotIds.toArray()));
                select.executeQuery().close();
            }
        });
    }

    /**
     * Booking path (plain JDBC on the transaction's connection, see BookingWriter): takes a seat if one is left
     * and the slot is planned. @return the SlotAvailabilityChanged row for the caller to insert in the same
     * transaction, or null when the slot is full or cancelled (nothing changed).
     */
    public OutboxRow takeSeat(Connection connection, UUID slotId) throws SQLException {
        return event(update(connection, TAKE_SEAT, OPEN + " AND confirmed < capacity", slotId));
    }

    /** Booking path: joins the queue of a planned slot. @return as {@link #takeSeat(Connection, UUID)}. */
    public OutboxRow joinQueue(Connection connection, UUID slotId) throws SQLException {
        return event(update(connection, JOIN_QUEUE, OPEN, slotId));
    }

    private OutboxRow event(Versioned after) {
        return after == null ? null
                : outbox.row(Topics.SLOTS, "SlotAvailabilityChanged", after.data().slotId(), after.version(), after.data());
    }

    /** {@code params} bind the {@code ?} of {@code set}, then those of {@code condition}, in order. */
    private boolean change(String set, String condition, UUID slotId, Object... params) {
        em.flush();
        Versioned after = em.unwrap(Session.class)
                .doReturningWork(connection -> update(connection, set, condition, slotId, params));
        if (after == null) {
            return false;
        }
        outbox.record(Topics.SLOTS, "SlotAvailabilityChanged", slotId, after.version(), after.data());
        return true;
    }

    /** The one conditional UPDATE every counter change goes through. @return the new counters, null if unchanged. */
    private static Versioned update(Connection connection, String set, String condition, UUID slotId, Object... params)
            throws SQLException {
        // the slot id comes first in the statement text; set/condition parameters are bound around it in text order
        String sql = "UPDATE slot SET " + set + ", event_version = event_version + 1, updated_at = now() WHERE id = ? AND "
                + condition + RETURNING;
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            int setParams = (int) set.chars().filter(c -> c == '?').count();
            int i = 1;
            for (int p = 0; p < params.length; p++) {
                if (p == setParams) {
                    update.setObject(i++, slotId);
                }
                update.setObject(i++, params[p]);
            }
            if (params.length <= setParams) {
                update.setObject(i, slotId);
            }
            try (ResultSet row = update.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                int capacity = row.getInt(3);
                int confirmed = row.getInt(4);
                String status = row.getString(6);
                boolean closed = row.getObject(8, UUID.class) != null;
                String published = Slot.CANCELLED.equals(status) || closed ? "cancelled"
                        : confirmed >= capacity ? "full" : "open";
                return new Versioned(new SlotAvailability(slotId, row.getObject(2, UUID.class), capacity, confirmed,
                        Math.max(0, capacity - confirmed), row.getInt(5), published, closed,
                        closed ? row.getString(9) : null, Territories.zoneOf(row.getString(10)).getId()), row.getLong(7));
            }
        }
    }

    private record Versioned(SlotAvailability data, long version) {
    }

    private static void require(boolean changed, UUID slotId) {
        if (!changed) {
            throw new IllegalStateException("Seat counters of slot " + slotId + " are inconsistent");
        }
    }
}
