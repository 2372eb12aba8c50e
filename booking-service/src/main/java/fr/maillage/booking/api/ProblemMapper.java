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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://maillage.fr/problems/" + switch (problem.status) {
            case 400 -> "requete-invalide";
            case 404 -> "introuvable";
            case 409 -> "conflit";
            default -> "regle-metier";
        });
        body.put("title", problem.title);
        body.put("status", problem.status);
        body.put("detail", problem.getMessage());
        body.put("instance", uri.getPath());
        if (problem.field != null) {
            body.put("field", problem.field);
            body.put("violations", List.of(Map.of("field", problem.field, "in", inOf(problem.field),
                    "message", problem.getMessage())));
        }
        body.putAll(problem.extensions);
        return Response.status(problem.status).type(PROBLEM_JSON).entity(body).build();
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
