package fr.maillage.booking.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.postgresql.util.PSQLException;

import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.BookingStatus;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.events.BookingEvents;
import fr.maillage.platform.events.Outbox;
import fr.maillage.platform.events.OutboxRow;
import fr.maillage.platform.problem.Problem;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

/**
 * The SQL of POST /api/v1/bookings, in plain JDBC on one pooled connection per request (no entity loaded, nothing
 * for Hibernate to dirty-check or flush, no JTA): one autocommit query to check, then one local transaction of
 * three statements to book ({@link #transaction}). With an Idempotency-Key the caller opens the transaction first,
 * so the key's claim, the checks and the booking commit or roll back together on that connection.
 */
@ApplicationScoped
public class BookingWriter {
    /** The slot and whether the person already holds an active booking on it (by phone, by e-mail). */
    public record Target(Slot slot, boolean samePhone, boolean sameEmail) {
    }

    /** The booking as stored and the slot it was read with. */
    public record Booked(Booking booking, Slot slot) {
    }

    // the statuses of the partial unique indexes: a pending booking counts
    private static final String ACTIVE = "b.slot_id = s.id AND b.status IN ('" + BookingStatus.CONFIRMED + "', '"
            + BookingStatus.WAITLISTED + "', '" + BookingStatus.PENDING + "')";
    // The person's active bookings are found through the partial unique indexes (slot_id, phone_hash / email_hash).
    private static final String TARGET = "SELECT " + SlotRows.COLUMNS
            + ", EXISTS (SELECT 1 FROM booking b WHERE " + ACTIVE + " AND b.phone_hash = ?)"
            + ", EXISTS (SELECT 1 FROM booking b WHERE " + ACTIVE + " AND b.email_hash = ?)"
            + " FROM slot s WHERE s.id = ?";
    private static final String BOOKING_COLUMNS = "id, slot_id, offer_id, place_id, status, token_hash, first_name, last_name, "
            + "phone, email, sms_consent, email_consent, phone_hash, email_hash, need_theme, need_text, booked_by, agent_id, "
            + "partner_id, booker_org, version, created_at, updated_at, residence_insee, pending_outcome, hold_expires_at, code_hash, "
            + "code_attempts_left, creator_subject";
    /** The booking and its two events (slot availability, then the booking's) in one statement, one round trip. */
    private static final String INSERT = "WITH events AS (INSERT INTO outbox_event (" + Outbox.COLUMNS + ") VALUES "
            + Outbox.VALUES + ", " + Outbox.VALUES + ") INSERT INTO booking (" + BOOKING_COLUMNS + ") VALUES ("
            + "?, ".repeat(28) + "?)";

    private static final String NEXT = "SELECT " + SlotRows.COLUMNS + " FROM slot s WHERE s.offer_id = ? AND s.status = '"
            + Slot.PLANNED + "' AND s.closure_id IS NULL AND s.confirmed < s.capacity AND s.start_at > now() ORDER BY s.start_at, s.id LIMIT ?";

    /** Work on the request's connection. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final AgroalDataSource dataSource;
    private final SlotStore store;
    private final BookingEvents events;
    private final CodeLimits codeLimits;
    private final double maxPendingShare;

    BookingWriter(AgroalDataSource dataSource, SlotStore store, BookingEvents events, CodeLimits codeLimits,
            fr.maillage.booking.config.BookingConfig config) {
        this.dataSource = dataSource;
        this.store = store;
        this.events = events;
        this.codeLimits = codeLimits;
        this.maxPendingShare = config.booking().verification().maxPendingShare();
    }

    private static final String PENDING_SEATS = "SELECT count(*) FROM booking WHERE slot_id = ? AND status = '"
            + BookingStatus.PENDING + "' AND pending_outcome = '" + BookingStatus.CONFIRMED + "'";

    /**
     * Seats of the slot held by bookings waiting for their code, counted under the slot's row lock (taken by the seat's
     * UPDATE just before): refused past {@code max-pending-share} of the capacity (at least one seat).
     */
    private void checkPendingShare(Connection connection, Slot slot) throws SQLException {
        int allowed = Math.max(1, (int) Math.ceil(slot.capacity * maxPendingShare));
        try (PreparedStatement count = connection.prepareStatement(PENDING_SEATS)) {
            count.setObject(1, slot.id);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                if (row.getInt(1) >= allowed) {
                    throw Problem.conflict("slotId", "Trop de réservations de ce créneau attendent encore leur code de "
                            + "confirmation : réessayez dans quelques minutes, ou choisissez un autre créneau.");
                }
            }
        }
    }

    /** Runs {@code work} on one pooled connection (autocommit unless {@code work} opens a {@link #transaction}). */
    public <T> T withConnection(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    /**
     * Runs {@code work} in a local transaction of the connection: committed if it returns, rolled back if it throws
     * (a refusal included: a refused request stores nothing). Inside a
     * transaction already open on the connection, it simply joins it.
     */
    public static <T> T transaction(Connection connection, Work<T> work) throws SQLException {
        if (!connection.getAutoCommit()) {
            return work.run(connection);
        }
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Reads the slot (committed state) and the person's active bookings on it, in one query. In autocommit this is
     * a single round trip: the rush on a full slot is refused from it without taking any lock.
     */
    public Target target(Connection connection, UUID slotId, String phoneHash, String emailHash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(TARGET)) {
            select.setString(1, phoneHash);
            select.setString(2, emailHash);
            select.setObject(3, slotId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return new Target(null, false, false);
                }
                int extra = SlotRows.COUNT + 1;
                return new Target(SlotRows.read(row), row.getBoolean(extra), row.getBoolean(extra + 1));
            }
        }
    }

    private static final String INSERT_EVENT = "INSERT INTO outbox_event (" + Outbox.COLUMNS + ") VALUES " + Outbox.VALUES;

    /**
     * Stores one event in a transaction of its own (issue 20: BookingRefused, the trace of a request refused because
     * the slot is full, while the request itself stores nothing). In autocommit it is one statement on the request's
     * connection; when the request runs inside a transaction (an Idempotency-Key claimed first, rolled back with the
     * refusal), on another pooled connection, so that it survives that rollback.
     */
    public void recordAlone(Connection connection, OutboxRow event) throws SQLException {
        if (connection.getAutoCommit()) {
            insertEvent(connection, event);
            return;
        }
        try (Connection own = dataSource.getConnection()) {
            own.setAutoCommit(true);
            insertEvent(own, event);
        }
    }

    private static void insertEvent(Connection connection, OutboxRow event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
            event.bind(insert, 1);
            insert.executeUpdate();
        }
    }

    /** The next bookable slots of an offer, soonest first (proposed with a 409 "full"). */
    public List<Slot> nextAvailable(Connection connection, UUID offerId, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(NEXT)) {
            select.setObject(1, offerId);
            select.setInt(2, limit);
            List<Slot> next = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    next.add(SlotRows.read(rows));
                }
            }
            return next;
        }
    }

    /**
     * Takes a seat with the conditional UPDATE (PostgreSQL's row lock serialises a rush and re-checks
     * {@code confirmed < capacity}), or else a place in the queue when the slot has a waiting list, then inserts
     * the booking and the two events. @return null when the slot is full (or cancelled meanwhile): nothing stored.
     * <p>
     * A booking to be verified by a code ({@code booking.code} set) takes its seat or place in the very same way, so a
     * pending booking holds it exactly like a confirmed one; it is stored {@code pending} with the counter it holds
     * ({@code pendingOutcome}), counts one code against the person's contacts (429 past the limit: everything rolls
     * back), and its event is BookingCodeRequested instead of BookingConfirmed / BookingWaitlisted.
     */
    public Booked book(Connection connection, Booking booking, Slot slot) throws SQLException {
        return transaction(connection, c -> {
            OutboxRow availability = store.takeSeat(connection, slot.id);
            String outcome = BookingStatus.CONFIRMED;
            if (availability == null && slot.waitingList) {
                availability = store.joinQueue(connection, slot.id);
                outcome = BookingStatus.WAITLISTED;
            }
            if (availability == null) {
                return null;
            }
            OutboxRow booked;
            if (booking.code != null) {
                // after the slot's row lock, as the resend does (slot, then the contact's advisory lock): no cycle
                if (BookingStatus.CONFIRMED.equals(outcome)) {
                    checkPendingShare(connection, slot);
                }
                codeLimits.take(connection, java.util.Arrays.asList(booking.phoneHash, booking.emailHash));
                booking.status = BookingStatus.PENDING;
                booking.pendingOutcome = outcome;
                booked = events.codeRequestedEvent(booking, slot);
            } else {
                booking.status = outcome;
                booked = events.event(BookingStatus.CONFIRMED.equals(outcome) ? "BookingConfirmed" : "BookingWaitlisted",
                        booking, slot);
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                int i = booked.bind(insert, availability.bind(insert, 1));
                insert.setObject(i++, booking.id);
                insert.setObject(i++, booking.slotId);
                insert.setObject(i++, booking.offerId);
                insert.setObject(i++, booking.placeId);
                insert.setString(i++, booking.status);
                insert.setString(i++, booking.tokenHash);
                insert.setString(i++, booking.firstName);
                insert.setString(i++, booking.lastName);
                insert.setString(i++, booking.phone);
                insert.setString(i++, booking.email);
                insert.setBoolean(i++, booking.smsConsent);
                insert.setBoolean(i++, booking.emailConsent);
                insert.setString(i++, booking.phoneHash);
                insert.setString(i++, booking.emailHash);
                insert.setString(i++, booking.needTheme);
                insert.setString(i++, booking.needText);
                insert.setString(i++, booking.bookedBy);
                insert.setObject(i++, booking.agentId);
                insert.setObject(i++, booking.partnerId);
                insert.setObject(i++, booking.bookerOrg);
                insert.setLong(i++, booking.version);
                insert.setObject(i++, booking.createdAt);
                insert.setObject(i++, booking.updatedAt);
                insert.setString(i++, booking.residenceInsee);
                insert.setString(i++, booking.pendingOutcome);
                insert.setObject(i++, booking.holdExpiresAt);
                insert.setString(i++, booking.codeHash);
                insert.setObject(i++, booking.codeAttemptsLeft, java.sql.Types.INTEGER);
                insert.setString(i, booking.creatorSubject);
                insert.executeUpdate();
            } catch (SQLException e) {
                String constraint = constraint(e);
                if (constraint != null && constraint.contains("booking_one_per_phone")) {
                    throw duplicate("person.phone");
                }
                if (constraint != null && constraint.contains("booking_one_per_email")) {
                    throw duplicate("person.email");
                }
                throw e;
            }
            return new Booked(booking, slot);
        });
    }

    /**
     * The same person already holds an active booking on the slot: answered from the check query, or decided by the
     * partial unique indexes under concurrency (on this booking path, or at the flush of a reschedule).
     */
    static Problem duplicate(String field) {
        return Problem.conflict(field, "Cette personne a déjà un rendez-vous sur ce créneau ("
                + (field.endsWith("phone") ? "même numéro de téléphone" : "même adresse e-mail") + ").");
    }

    private static String constraint(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                return p.getServerErrorMessage().getConstraint();
            }
        }
        return null;
    }
}
