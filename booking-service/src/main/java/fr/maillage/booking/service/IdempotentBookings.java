package fr.maillage.booking.service;

import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.platform.idempotency.IdempotentRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

/**
 * POST /api/v1/bookings with an Idempotency-Key, through the platform's {@link IdempotentRequests} (the same behaviour
 * as every service): the key is claimed in the booking's own local transaction, on the request's one connection, so a
 * concurrent retry waits on the key and then replays the committed answer; a failed attempt rolls its key back and may
 * be retried; the same key with another body is refused (422). Keys are scoped to the operation and the verified
 * caller (token issuer and subject): another caller's key is never replayed, since the stored answer holds a person's
 * data and self-service link (kept 24 h, then purged). The request's fingerprint covers the body and who books (derived
 * from the token, see {@link BookingAccess#booker}). Without a key, the checks run in autocommit and only the booking
 * itself is a transaction (see {@link BookingWriter}).
 */
@ApplicationScoped
public class IdempotentBookings {
    static final String SCOPE = "POST /api/v1/bookings";

    public record Answer(int status, String body, boolean replayed) {
    }

    private final BookingWriter writer;
    private final ObjectMapper mapper;
    private final BookingService bookings;
    private final BookingAccess access;
    private final IdempotentRequests requests;

    IdempotentBookings(BookingWriter writer, ObjectMapper mapper, BookingService bookings, BookingAccess access,
            IdempotentRequests requests) {
        this.writer = writer;
        this.mapper = mapper;
        this.bookings = bookings;
        this.access = access;
        this.requests = requests;
    }

    /** Books for the caller (who books is derived from the token, see {@link BookingAccess#booker}). */
    public Answer create(String clientKey, NewBooking request, Function<BookingWriter.Booked, Object> view) {
        if (clientKey != null) {
            IdempotentRequests.check(clientKey);
        }
        BookingAccess.Booker booker = access.booker(request);
        IdempotentRequests.Key key = requests.key(SCOPE, clientKey, request, booker);
        IdempotentRequests.Outcome outcome = writer.withConnection(connection -> IdempotentRequests.run(connection, key,
                c -> new IdempotentRequests.Answer(201, null, null, MediaType.APPLICATION_JSON,
                        json(view.apply(bookings.create(connection, request, booker))))));
        return new Answer(outcome.answer().status(), outcome.answer().body(), outcome.replayed());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
