package fr.maillage.directory.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.maillage.directory.domain.ConflictException;
import fr.maillage.directory.domain.DomainValidationException;
import fr.maillage.directory.domain.FieldError;
import fr.maillage.directory.domain.NotFoundException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Domain errors as RFC 9457 problem+json, in the shape quarkus-resteasy-problem gives to validation
 * errors (type/title/status/detail/instance plus {@code violations} naming each field), so a client
 * handles one format whatever the cause.
 */
public final class ProblemMapper {
    public static final String PROBLEM_JSON = "application/problem+json";

    private ProblemMapper() {
    }

    static Response problem(int status, String title, String detail, String instance, List<FieldError> violations) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        if (violations != null && !violations.isEmpty()) {
            body.put("violations", violations.stream()
                    .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
            body.put("field", violations.get(0).field());
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }

    @Provider
    public static class Validation implements ExceptionMapper<DomainValidationException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(DomainValidationException e) {
            String detail = e.errors().size() == 1 ? e.errors().get(0).field() + " : " + e.errors().get(0).message()
                    : e.errors().size() + " champs sont invalides : " + e.errors().stream().map(FieldError::field).toList();
            return problem(422, "Unprocessable Content", detail, uri.getPath(), e.errors());
        }
    }

    @Provider
    public static class Conflict implements ExceptionMapper<ConflictException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(ConflictException e) {
            return problem(409, "Conflict", e.getMessage(), uri.getPath(), List.of(new FieldError(e.field(), e.getMessage())));
        }
    }

    @Provider
    public static class OptimisticLock implements ExceptionMapper<OptimisticLockException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(OptimisticLockException e) {
            String message = "la ressource a été modifiée en même temps par quelqu'un d'autre : relisez-la puis recommencez";
            return problem(409, "Conflict", message, uri.getPath(), List.of(new FieldError("If-Match", message)));
        }
    }

    @Provider
    public static class NotFound implements ExceptionMapper<NotFoundException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(NotFoundException e) {
            return problem(404, "Not Found", e.getMessage(), uri.getPath(), List.of(new FieldError("id", e.getMessage())));
        }
    }

    /** Bad query parameters detected by resources (not bean-validated): 400 naming the parameter. */
    public static class BadRequestException extends RuntimeException {
        final String field;

        public BadRequestException(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    @Provider
    public static class BadRequest implements ExceptionMapper<BadRequestException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(BadRequestException e) {
            return problem(400, "Bad Request", e.field + " : " + e.getMessage(), uri.getPath(),
                    List.of(new FieldError(e.field, e.getMessage())));
        }
    }

    /**
     * The database is saturated (no pooled connection within the acquisition timeout) or unreachable: a
     * 503 the client may retry, rather than a 500 that reads like a bug.
     */
    @Provider
    public static class DatabaseUnavailable implements ExceptionMapper<org.hibernate.exception.JDBCConnectionException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(org.hibernate.exception.JDBCConnectionException e) {
            return unavailable(uri);
        }
    }

    @Provider
    public static class DatabaseBusy implements ExceptionMapper<org.hibernate.exception.GenericJDBCException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(org.hibernate.exception.GenericJDBCException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase();
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            // 08xxx: connection lost; 57P0x: the server is shutting down or restarting (e.g. 57P01
            // "terminating connection due to administrator command"); both pass once it is back.
            if (message.contains("acquisition timeout") || message.contains("unable to acquire jdbc connection")
                    || state.startsWith("08") || state.startsWith("57P")) {
                return unavailable(uri);
            }
            return problem(500, "Internal Server Error", "erreur interne de la base de données", uri.getPath(), List.of());
        }
    }

    /** Two writers raced on the same id (e.g. two PUTs creating it): the loser retries and then replaces. */
    @Provider
    public static class WriteConflict implements ExceptionMapper<org.hibernate.exception.ConstraintViolationException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(org.hibernate.exception.ConstraintViolationException e) {
            String message = "une écriture concurrente sur la même ressource a eu lieu au même moment : relisez-la puis recommencez";
            return problem(409, "Conflict", message, uri.getPath(), List.of(new FieldError("id", message)));
        }
    }

    static Response unavailable(UriInfo uri) {
        String message = "le service est momentanément saturé ou sa base de données injoignable : réessayez dans quelques secondes";
        return Response.fromResponse(problem(503, "Service Unavailable", message, uri.getPath(), List.of()))
                .header("Retry-After", "1").build();
    }
}
