package fr.maillage.booking.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

/**
 * POST /api/v1/bookings with an Idempotency-Key: the key is claimed (INSERT … ON CONFLICT DO
 * NOTHING) in the booking's own transaction, so a concurrent retry waits on the key's unique index
 * and then replays the committed answer; a failed attempt rolls its key back and may be retried.
 * The same key with a different body is refused (422). Keys are scoped per caller (token subject): another
 * caller's key is never replayed, since the stored answer holds a person's data and self-service link.
 * All on one connection, in a local transaction opened before the claim (see {@link BookingWriter}); without a key,
 * the checks run in autocommit and only the booking itself is a transaction.
 */
@ApplicationScoped
public class IdempotentBookings {
    public record Answer(int status, String body, boolean replayed) {
    }

    private record Claim(String hash, int status, String body) {
    }

    private final BookingWriter writer;
    private final ObjectMapper mapper;
    private final BookingService bookings;
    private final BookingAccess access;
    private final Caller caller;

    IdempotentBookings(BookingWriter writer, ObjectMapper mapper, BookingService bookings, BookingAccess access,
            Caller caller) {
        this.writer = writer;
        this.mapper = mapper;
        this.bookings = bookings;
        this.access = access;
        this.caller = caller;
    }

    /** Books for the caller (who books is derived from the token, see {@link BookingAccess#booker}). */
    public Answer create(String clientKey, NewBooking request, Function<BookingWriter.Booked, Object> view) {
        if (clientKey != null && (clientKey.isBlank() || clientKey.length() > 200)) {
            throw Problem.badRequest("Idempotency-Key", "La clé d'idempotence doit faire de 1 à 200 caractères.");
        }
        BookingAccess.Booker booker = access.booker(request);
        if (clientKey == null) {
            BookingWriter.Booked booked = writer.withConnection(connection -> bookings.create(connection, request, booker));
            return new Answer(201, json(view.apply(booked)), false);
        }
        String key = caller.subject() + "\n" + clientKey;
        String hash = sha256(json(request) + "\n" + json(booker));
        return writer.withConnection(connection -> BookingWriter.transaction(connection, c -> {
            Claim first = claim(connection, key, hash);
            if (first != null) {
                if (!hash.equals(first.hash())) {
                    throw Problem.ruleBroken("Idempotency-Key", "Cette clé d'idempotence a déjà servi pour une "
                            + "autre demande : utilisez une nouvelle clé pour une nouvelle réservation.");
                }
                return new Answer(first.status(), first.body(), true);
            }
            String body = json(view.apply(bookings.create(connection, request, booker)));
            try (PreparedStatement answer = connection.prepareStatement(
                    "UPDATE idempotency_key SET status = 201, body = ? WHERE key = ?")) {
                answer.setString(1, body);
                answer.setString(2, key);
                answer.executeUpdate();
            }
            return new Answer(201, body, false);
        }));
    }

    /** Claims the key in the connection's transaction. @return null once claimed, else the first request's claim. */
    private static Claim claim(Connection connection, String key, String hash) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO idempotency_key (key, request_hash, status, body) VALUES (?, ?, 0, '')
                ON CONFLICT DO NOTHING""")) {
            insert.setString(1, key);
            insert.setString(2, hash);
            if (insert.executeUpdate() == 1) {
                return null;
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT request_hash, status, body FROM idempotency_key WHERE key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new PersistenceException("Idempotency-Key row vanished after a conflict");
                }
                return new Claim(row.getString(1), row.getInt(2), row.getString(3));
            }
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
