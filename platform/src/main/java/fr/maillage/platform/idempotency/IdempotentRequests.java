package fr.maillage.platform.idempotency;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Supplier;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Idempotency-Key, the same in every service. A POST carrying the header:
 * <ul>
 * <li>the first time, runs its effect; the key's row is inserted in the SAME transaction as the effect and holds the
 * answer (status, Location, ETag, media type, body) when it commits; if the effect fails, the key goes with it;</li>
 * <li>again with the same key and the same request (canonical JSON, see {@link RequestHash}): the first answer,
 * identical, plus {@code Idempotent-Replayed: true}; nothing runs;</li>
 * <li>with the same key and another request: 422 naming the field {@code Idempotency-Key}, nothing runs;</li>
 * <li>in parallel with the first: the insert waits on the key's primary key until the first transaction ends, then
 * replays its answer (or, if it rolled back, runs as the first).</li>
 * </ul>
 * Keys are scoped to the operation ({@code scope}, e.g. {@code "POST /api/v1/places"}) and to the client: the verified
 * token's issuer and subject (another client's key is never replayed: answers hold personal data). An anonymous
 * caller cannot use a key (400): nothing verified would tell two anonymous clients apart. A key is 1 to 200 printable
 * ASCII characters (400 otherwise), kept {@code maillage.idempotency.retention} (24 h; {@link IdempotencyHousekeeping}
 * purges, and an expired key is taken over by a new request).
 */
@ApplicationScoped
public class IdempotentRequests {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final int MAX_LENGTH = 200;

    /**
     * A stored answer. {@code location}: path (and query) of the Location header, made absolute again against the
     * current request by {@link #response}.
     */
    public record Answer(int status, String location, String etag, String mediaType, String body) {
        /** The answer as a response; {@code replayed} adds {@code Idempotent-Replayed: true}. */
        public Response response(boolean replayed) {
            Response.ResponseBuilder builder = Response.status(status);
            if (location != null) {
                builder.location(URI.create(location));
            }
            if (etag != null) {
                builder.header(HttpHeaders.ETAG, etag);
            }
            if (body != null) {
                builder.entity(body).type(mediaType == null ? MediaType.APPLICATION_JSON : mediaType);
            }
            if (replayed) {
                builder.header(REPLAYED, "true");
            }
            return builder.build();
        }
    }

    /** The first answer to a key, and whether this request is a replay of it. */
    public record Outcome(Answer answer, boolean replayed) {
        public Response response() {
            return answer.response(replayed);
        }
    }

    /** Work on a JDBC connection. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final ObjectMapper mapper;
    private final Caller caller;
    private final Instance<SecurityIdentity> identity;
    private final Instance<EntityManager> em;
    private final IdempotencyConfig config;

    IdempotentRequests(ObjectMapper mapper, Caller caller, Instance<SecurityIdentity> identity, Instance<EntityManager> em,
            IdempotencyConfig config) {
        this.mapper = mapper;
        this.caller = caller;
        this.identity = identity;
        this.em = em;
        this.config = config;
    }

    /**
     * A POST whose effect runs through JPA / Panache (JTA). Without a key, {@code effect} simply runs. With one, the
     * claim, the effect and the stored answer share one transaction (joined if one is open, else begun and committed
     * here): the response is the stored answer, the first time as on every replay. {@code effect} returns the
     * response it would give without a key (its entity is serialised with the service's ObjectMapper).
     *
     * @param request what the request asks (the bound body; add what else it depends on, e.g. path parameters)
     */
    public Response execute(String scope, String idempotencyKey, Object request, Supplier<Response> effect) {
        Key key = key(scope, idempotencyKey, request);
        if (key == null) {
            return effect.get();
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            Session session = em.get().unwrap(Session.class);
            Answer first = session.doReturningWork(key::claim);
            if (first != null) {
                return first.response(true);
            }
            Answer answer = answer(effect.get());
            session.flush();
            session.doWork(connection -> key.store(connection, answer));
            return answer.response(false);
        });
    }

    /**
     * The key of a request, for services that write with JDBC: {@link Key#claim} then {@link Key#store} on the
     * connection of the effect's transaction. Null without a key (the header absent).
     *
     * @throws Problem 400 for a malformed key or an anonymous caller
     */
    public Key key(String scope, String idempotencyKey, Object... request) {
        if (idempotencyKey == null) {
            return null;
        }
        check(idempotencyKey);
        if (caller.anonymous()) {
            throw Problem.badRequest(HEADER, "La clé d'idempotence est réservée aux appelants authentifiés : "
                    + "retirez l'en-tête Idempotency-Key ou présentez un jeton.");
        }
        return new Key(scope, client(), idempotencyKey, RequestHash.of(mapper, request));
    }

    /**
     * The JDBC path in one call: in a local transaction of {@code connection} (joined if already open), claims the key,
     * and either returns the first answer (replayed) or runs {@code effect} and stores its answer. Without a key
     * ({@code key} null), {@code effect} runs alone, in the connection's current mode.
     */
    public static Outcome run(Connection connection, Key key, Work<Answer> effect) throws SQLException {
        if (key == null) {
            return new Outcome(effect.run(connection), false);
        }
        boolean begun = connection.getAutoCommit();
        if (begun) {
            connection.setAutoCommit(false);
        }
        try {
            Outcome outcome;
            Answer first = key.claim(connection);
            if (first != null) {
                outcome = new Outcome(first, true);
            } else {
                Answer answer = effect.run(connection);
                key.store(connection, answer);
                outcome = new Outcome(answer, false);
            }
            if (begun) {
                connection.commit();
            }
            return outcome;
        } catch (SQLException | RuntimeException | Error e) {
            if (begun) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        } finally {
            if (begun) {
                connection.setAutoCommit(true);
            }
        }
    }

    /** 400 unless 1 to 200 printable ASCII characters (space included, not only spaces). */
    public static void check(String key) {
        if (key.isBlank() || key.length() > MAX_LENGTH) {
            throw Problem.badRequest(HEADER, "La clé d'idempotence doit faire de 1 à " + MAX_LENGTH + " caractères.");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw Problem.badRequest(HEADER, "La clé d'idempotence ne peut contenir que des caractères ASCII "
                        + "imprimables (lettres, chiffres, ponctuation), par exemple un UUID.");
            }
        }
    }

    /** The answer to store for {@code response}: its entity serialised, Location reduced to its path. */
    Answer answer(Response response) {
        Object entity = response.getEntity();
        String body;
        try {
            body = entity == null ? null : entity instanceof String text ? text : mapper.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Answer not serialisable: " + e.getClass().getSimpleName());
        }
        MediaType type = response.getMediaType();
        return new Answer(response.getStatus(), pathOf(response.getLocation()), response.getHeaderString(HttpHeaders.ETAG),
                type == null ? null : type.toString(), body);
    }

    static String pathOf(URI location) {
        if (location == null) {
            return null;
        }
        if (!location.isAbsolute()) {
            return location.toString();
        }
        String path = location.getRawPath() == null || location.getRawPath().isEmpty() ? "/" : location.getRawPath();
        return location.getRawQuery() == null ? path : path + "?" + location.getRawQuery();
    }

    /** The verified client: the token's issuer and subject (the principal's name for another kind of identity). */
    private String client() {
        SecurityIdentity who = identity.get();
        if (who.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return (jwt.getIssuer() == null ? "" : jwt.getIssuer()) + " " + jwt.getSubject();
        }
        return caller.subject();
    }

    /** One request's key: scope, verified client, client's key and the request's hash. */
    public final class Key {
        private final String scope;
        private final String client;
        private final String key;
        private final String hash;

        Key(String scope, String client, String key, String hash) {
            this.scope = scope;
            this.client = client;
            this.key = key;
            this.hash = hash;
        }

        /**
         * In the connection's open transaction: inserts the key (or takes over an expired one) and returns null, the
         * effect is this request's to run; or, when a request with this key committed first (waiting for it if it is
         * still running), returns its answer.
         *
         * @throws Problem 422 if that first request asked something else
         */
        public Answer claim(Connection connection) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO idempotent_request (scope, client, key, request_hash, status, created_at)
                    VALUES (?, ?, ?, ?, 0, now())
                    ON CONFLICT (scope, client, key) DO UPDATE
                    SET request_hash = EXCLUDED.request_hash, status = 0, location = NULL, etag = NULL,
                        media_type = NULL, body = NULL, created_at = now()
                    WHERE idempotent_request.created_at < ?""")) {
                insert.setString(1, scope);
                insert.setString(2, client);
                insert.setString(3, key);
                insert.setString(4, hash);
                insert.setTimestamp(5, Timestamp.from(Instant.now().minus(config.retention())));
                if (insert.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT request_hash, status, location, etag, media_type, body FROM idempotent_request
                    WHERE scope = ? AND client = ? AND key = ?""")) {
                select.setString(1, scope);
                select.setString(2, client);
                select.setString(3, key);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new PersistenceException("Idempotency-Key row vanished after a conflict");
                    }
                    if (!hash.equals(row.getString(1))) {
                        throw Problem.ruleBroken(HEADER, "Cette clé d'idempotence a déjà servi pour une autre demande "
                                + "(contenu différent) : utilisez une nouvelle clé pour une nouvelle demande.");
                    }
                    if (row.getInt(2) == 0) {
                        throw Problem.conflict(HEADER, "La première demande faite avec cette clé n'a pas abouti.");
                    }
                    return new Answer(row.getInt(2), row.getString(3), row.getString(4), row.getString(5), row.getString(6));
                }
            }
        }

        /** Records the first request's answer, in the same transaction as {@link #claim} and the effect. */
        public void store(Connection connection, Answer answer) throws SQLException {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE idempotent_request SET status = ?, location = ?, etag = ?, media_type = ?, body = ?
                    WHERE scope = ? AND client = ? AND key = ?""")) {
                update.setInt(1, answer.status());
                update.setString(2, answer.location());
                update.setString(3, answer.etag());
                update.setString(4, answer.mediaType());
                update.setString(5, answer.body());
                update.setString(6, scope);
                update.setString(7, client);
                update.setString(8, key);
                if (update.executeUpdate() != 1) {
                    throw new PersistenceException("Idempotency-Key row not claimed before its answer");
                }
            }
        }
    }
}
