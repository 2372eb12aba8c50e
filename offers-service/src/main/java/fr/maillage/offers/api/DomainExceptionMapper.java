package fr.maillage.offers.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.maillage.offers.domain.DomainException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Domain refusals as RFC 9457 problem+json, the same shape quarkus-resteasy-problem gives validation
 * errors: type/title/status/detail/instance plus {@code violations} [{field, in, message}] naming each
 * field and what to fix, in French.
 */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {
    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Set<String> HEADERS = Set.of("If-Match", "Idempotency-Key", "Authorization");

    @Context
    UriInfo uriInfo;

    DomainExceptionMapper withUri(UriInfo uri) {
        this.uriInfo = uri;
        return this;
    }

    @Override
    public Response toResponse(DomainException e) {
        int status = switch (e.kind()) {
            case INVALID -> 422;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case MALFORMED -> 400;
            case FORBIDDEN -> 403;
        };
        List<Map<String, String>> violations = e.violations().stream().map(v -> Map.of("field", v.field(), "in",
                HEADERS.contains(v.field()) ? "header" : v.field().equals("id") ? "path" : e.inBody() ? "body" : "query",
                "message", v.message())).toList();
        return problem(status, e.kind().name().toLowerCase().replace('_', '-'), e.getMessage(), uriInfo, violations).build();
    }

    /**
     * The one problem+json shape of this service (also used for 401/403 by {@link SecurityExceptionMappers}):
     * type, title, status, detail (French), instance, violations.
     */
    static Response.ResponseBuilder problem(int status, String typeSlug, String detail, UriInfo uri,
            List<Map<String, String>> violations) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", URI.create("https://maillage.fr/problems/" + typeSlug));
        body.put("title", switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            default -> Response.Status.fromStatusCode(status).getReasonPhrase();
        });
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", uri == null ? null : uri.getPath());
        body.put("violations", violations);
        return Response.status(status).type(PROBLEM_JSON).entity(body);
    }
}
