package fr.maillage.booking.service;

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
    private static final String RETURNING = " RETURNING id, offer_id, capacity, confirmed, waitlisted, status, event_version";
    private static final String TAKE_SEAT = "confirmed = confirmed + 1";
    private static final String JOIN_QUEUE = "waitlisted = waitlisted + 1";

    private final EntityManager em;
    private final Outbox outbox;

    SlotStore(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    /** data of booking.slots.v1 SlotAvailabilityChanged. */
    public record SlotAvailability(UUID slotId, UUID offerId, int capacity, int confirmed, int remaining, int waitlisted,
            String status) {
    }

    /** Takes a seat if one is left and the slot is planned. @return false when full or cancelled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean takeSeat(UUID slotId) {
        return change(TAKE_SEAT, "status = 'planned' AND confirmed < capacity", slotId);
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
                "status = 'planned' AND confirmed < capacity AND waitlisted > 0", slotId);
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
        return event(update(connection, TAKE_SEAT, "status = 'planned' AND confirmed < capacity", slotId));
    }

    /** Booking path: joins the queue of a planned slot. @return as {@link #takeSeat(Connection, UUID)}. */
    public OutboxRow joinQueue(Connection connection, UUID slotId) throws SQLException {
        return event(update(connection, JOIN_QUEUE, "status = 'planned'", slotId));
    }

    private OutboxRow event(Versioned after) {
        return after == null ? null
                : outbox.row(Topics.SLOTS, "SlotAvailabilityChanged", after.data().slotId(), after.version(), after.data());
    }

    private boolean change(String set, String condition, UUID slotId) {
        em.flush();
        Versioned after = em.unwrap(Session.class).doReturningWork(connection -> update(connection, set, condition, slotId));
        if (after == null) {
            return false;
        }
        outbox.record(Topics.SLOTS, "SlotAvailabilityChanged", slotId, after.version(), after.data());
        return true;
    }

    /** The one conditional UPDATE every counter change goes through. @return the new counters, null if unchanged. */
    private static Versioned update(Connection connection, String set, String condition, UUID slotId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE slot SET " + set
                + ", event_version = event_version + 1, updated_at = now() WHERE id = ? AND " + condition + RETURNING)) {
            update.setObject(1, slotId);
            try (ResultSet row = update.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                int capacity = row.getInt(3);
                int confirmed = row.getInt(4);
                String status = row.getString(6);
                String published = Slot.CANCELLED.equals(status) ? "cancelled" : confirmed >= capacity ? "full" : "open";
                return new Versioned(new SlotAvailability(slotId, row.getObject(2, UUID.class), capacity, confirmed,
                        Math.max(0, capacity - confirmed), row.getInt(5), published), row.getLong(7));
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
