package fr.maillage.booking.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.postgresql.util.PSQLException;

import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.BookingStatus;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.events.BookingEvents;
import fr.maillage.booking.events.Outbox;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

/**
 * The SQL of POST /api/v1/bookings, in plain JDBC on the datasource (no entity loaded, nothing for Hibernate to
 * dirty-check or flush): one query to check, then one transaction of three statements to book. Inside a JTA
 * transaction the datasource hands out the transaction's own connection, so an Idempotency-Key claimed by the
 * caller commits or rolls back with the booking.
 */
@ApplicationScoped
public class BookingWriter {
    /** The slot and whether the person already holds an active booking on it (by phone, by e-mail). */
    public record Target(Slot slot, boolean samePhone, boolean sameEmail) {
    }

    /** The booking as stored and the slot it was read with. */
    public record Booked(Booking booking, Slot slot) {
    }

    private static final String ACTIVE = "b.slot_id = s.id AND b.status IN ('" + BookingStatus.CONFIRMED + "', '"
            + BookingStatus.WAITLISTED + "')";
    // The person's active bookings are found through the partial unique indexes (slot_id, phone_hash / email_hash).
    private static final String TARGET = "SELECT " + SlotRows.COLUMNS
            + ", EXISTS (SELECT 1 FROM booking b WHERE " + ACTIVE + " AND b.phone_hash = ?)"
            + ", EXISTS (SELECT 1 FROM booking b WHERE " + ACTIVE + " AND b.email_hash = ?)"
            + " FROM slot s WHERE s.id = ?";
    private static final String BOOKING_COLUMNS = "id, slot_id, offer_id, place_id, status, token, first_name, last_name, "
            + "phone, email, sms_consent, email_consent, phone_hash, email_hash, need_theme, need_text, booked_by, agent_id, "
            + "partner_id, booker_org, version, created_at, updated_at";
    /** The booking and its two events (slot availability, then the booking's) in one statement, one round trip. */
    private static final String INSERT = "WITH events AS (INSERT INTO outbox_event (" + Outbox.COLUMNS + ") VALUES "
            + Outbox.VALUES + ", " + Outbox.VALUES + ") INSERT INTO booking (" + BOOKING_COLUMNS + ") VALUES ("
            + "?, ".repeat(22) + "?)";

    private final AgroalDataSource dataSource;
    private final SlotStore store;
    private final BookingEvents events;

    BookingWriter(AgroalDataSource dataSource, SlotStore store, BookingEvents events) {
        this.dataSource = dataSource;
        this.store = store;
        this.events = events;
    }

    /**
     * Reads the slot (committed state) and the person's active bookings on it, in one query. Outside a transaction
     * this is a single autocommit round trip: the rush on a full slot is refused from it without taking any lock.
     */
    public Target target(UUID slotId, String phoneHash, String emailHash) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(TARGET)) {
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
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    /**
     * Takes a seat with the conditional UPDATE (PostgreSQL's row lock serialises a rush and re-checks
     * {@code confirmed < capacity}), or else a place in the queue when the slot has a waiting list, then inserts
     * the booking and the two events. @return null when the slot is full (or cancelled meanwhile): nothing stored.
     */
    @Transactional
    public Booked book(Booking booking, Slot slot) {
        try (Connection connection = dataSource.getConnection()) {
            Outbox.Event availability = store.takeSeat(connection, slot.id);
            booking.status = BookingStatus.CONFIRMED;
            if (availability == null && slot.waitingList) {
                availability = store.joinQueue(connection, slot.id);
                booking.status = BookingStatus.WAITLISTED;
            }
            if (availability == null) {
                return null;
            }
            Outbox.Event booked = events.event(BookingStatus.CONFIRMED.equals(booking.status) ? "BookingConfirmed"
                    : "BookingWaitlisted", booking, slot);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                int i = booked.bind(insert, availability.bind(insert, 1));
                insert.setObject(i++, booking.id);
                insert.setObject(i++, booking.slotId);
                insert.setObject(i++, booking.offerId);
                insert.setObject(i++, booking.placeId);
                insert.setString(i++, booking.status);
                insert.setString(i++, booking.token);
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
                insert.setObject(i, booking.updatedAt);
                insert.executeUpdate();
            } catch (SQLException e) {
                String constraint = constraint(e);
                if (constraint != null && constraint.contains("booking_one_per_phone")) {
                    throw BookingService.duplicate("person.phone");
                }
                if (constraint != null && constraint.contains("booking_one_per_email")) {
                    throw BookingService.duplicate("person.email");
                }
                throw e;
            }
            return new Booked(booking, slot);
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
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
