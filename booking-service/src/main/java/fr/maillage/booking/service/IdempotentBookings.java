package fr.maillage.booking.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.booking.api.ApiProblem;
import fr.maillage.booking.api.BookingRequest;
import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * POST /api/v1/bookings with an Idempotency-Key: the key is claimed (INSERT … ON CONFLICT DO
 * NOTHING) in the booking's own transaction, so a concurrent retry waits on the key's unique index
 * and then replays the committed answer; a failed attempt rolls its key back and may be retried.
 * The same key with a different body is refused (422). Keys are scoped per caller (token subject): another
 * caller's key is never replayed, since the stored answer holds a person's data and self-service link.
 */
@ApplicationScoped
public class IdempotentBookings {
    public record Answer(int status, String body, boolean replayed) {
    }

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final BookingService bookings;
    private final BookingAccess access;
    private final Caller caller;

    IdempotentBookings(EntityManager em, ObjectMapper mapper, BookingService bookings, BookingAccess access, Caller caller) {
        this.em = em;
        this.mapper = mapper;
        this.bookings = bookings;
        this.access = access;
        this.caller = caller;
    }

    /** Books for the caller (who books is derived from the token, see {@link BookingAccess#booker}). */
    @Transactional
    public Answer create(String clientKey, BookingRequest request, Function<Booking, Object> view) {
        if (clientKey != null && (clientKey.isBlank() || clientKey.length() > 200)) {
            throw ApiProblem.badRequest("Idempotency-Key", "La clé d'idempotence doit faire de 1 à 200 caractères.");
        }
        BookingAccess.Booker booker = access.booker(request);
        String key = clientKey == null ? null : caller.subject() + "\n" + clientKey;
        if (key != null) {
            String hash = sha256(json(request) + "\n" + json(booker));
            int claimed = em.createNativeQuery("""
                    INSERT INTO idempotency_key (key, request_hash, status, body) VALUES (:key, :hash, 0, '')
                    ON CONFLICT DO NOTHING""").setParameter("key", key).setParameter("hash", hash).executeUpdate();
            if (claimed == 0) {
                Object[] first = (Object[]) em.createNativeQuery(
                        "SELECT request_hash, status, body FROM idempotency_key WHERE key = :key")
                        .setParameter("key", key).getSingleResult();
                if (!hash.equals(first[0])) {
                    throw ApiProblem.unprocessable("Idempotency-Key", "Cette clé d'idempotence a déjà servi pour une "
                            + "autre demande : utilisez une nouvelle clé pour une nouvelle réservation.");
                }
                return new Answer(((Number) first[1]).intValue(), (String) first[2], true);
            }
        }
        Booking booking = bookings.create(request, booker);
        String body = json(view.apply(booking));
        if (key != null) {
            em.createNativeQuery("UPDATE idempotency_key SET status = 201, body = :body WHERE key = :key")
                    .setParameter("body", body).setParameter("key", key).executeUpdate();
        }
        return new Answer(201, body, false);
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
