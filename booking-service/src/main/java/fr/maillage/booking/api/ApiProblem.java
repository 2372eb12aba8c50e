package fr.maillage.booking.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A domain error answered as RFC 9457 problem+json by {@link ProblemMapper}: the status, a short
 * title, the request field at fault and a French explanation of what to fix.
 */
public class ApiProblem extends RuntimeException {
    public final int status;
    public final String title;
    public final String field;
    public final Map<String, Object> extensions = new LinkedHashMap<>();

    public ApiProblem(int status, String title, String field, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public static ApiProblem badRequest(String field, String detail) {
        return new ApiProblem(400, "Requête invalide", field, detail);
    }

    /** Authenticated, but this caller may not do this (role or organisation); detail says what is missing. */
    public static ApiProblem forbidden(String detail) {
        return forbidden(null, detail);
    }

    public static ApiProblem forbidden(String field, String detail) {
        return new ApiProblem(403, "Accès refusé", field, detail);
    }

    public static ApiProblem notFound(String field, String detail) {
        return new ApiProblem(404, "Introuvable", field, detail);
    }

    public static ApiProblem conflict(String field, String detail) {
        return new ApiProblem(409, "Conflit", field, detail);
    }

    public static ApiProblem unprocessable(String field, String detail) {
        return new ApiProblem(422, "Règle métier non respectée", field, detail);
    }

    public ApiProblem with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }
}
