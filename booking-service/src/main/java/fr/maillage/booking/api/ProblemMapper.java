package fr.maillage.booking.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Same problem+json shape as quarkus-resteasy-problem produces for validation errors
 * (type/title/status/detail/instance + violations[{field, in, message}]), plus a top-level
 * {@code field} so a client can highlight the input to fix without parsing the list.
 */
public class ProblemMapper {
    public static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response map(ApiProblem problem, UriInfo uri) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (problem.field != null) {
            extra.put("field", problem.field);
            extra.put("violations", List.of(Map.of("field", problem.field, "in", inOf(problem.field),
                    "message", problem.getMessage())));
        }
        extra.putAll(problem.extensions);
        return problem(problem.status, problem.title, problem.getMessage(), uri.getPath(), extra).build();
    }

    static Response.ResponseBuilder problem(int status, String title, String detail, String instance) {
        return problem(status, title, detail, instance, Map.of());
    }

    static Response.ResponseBuilder problem(int status, String title, String detail, String instance,
            Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://maillage.fr/problems/" + switch (status) {
            case 400 -> "requete-invalide";
            case 401 -> "authentification-requise";
            case 403 -> "acces-refuse";
            case 404 -> "introuvable";
            case 409 -> "conflit";
            default -> "regle-metier";
        });
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        body.putAll(extra);
        return Response.status(status).type(PROBLEM_JSON).entity(body);
    }

    private static String inOf(String field) {
        return switch (field) {
            case "Idempotency-Key" -> "header";
            case "offerId", "from", "to", "page", "size", "status", "placeId", "personId", "available" -> "query";
            case "id", "token", "shiftId" -> "path";
            default -> "body";
        };
    }
}
