package fr.maillage.offers.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

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
        };
        String title = switch (e.kind()) {
            case INVALID -> "Unprocessable Entity";
            case NOT_FOUND -> "Not Found";
            case CONFLICT -> "Conflict";
            case MALFORMED -> "Bad Request";
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", URI.create("https://maillage.fr/problems/" + e.kind().name().toLowerCase().replace('_', '-')));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", e.getMessage());
        body.put("instance", uriInfo == null ? null : uriInfo.getPath());
        body.put("violations", e.violations().stream().map(v -> Map.of("field", v.field(), "in",
                v.field().equals("If-Match") || v.field().equals("Idempotency-Key") ? "header" : v.field().equals("id") ? "path"
                        : e.inBody() ? "body" : "query",
                "message", v.message())).toList());
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }

}
