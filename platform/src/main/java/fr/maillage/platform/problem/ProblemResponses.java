package fr.maillage.platform.problem;

import jakarta.ws.rs.core.Response;

/** Builds the HTTP answer of a {@link Problem}: for the mappers, and for filters that answer before any resource. */
public final class ProblemResponses {
    private ProblemResponses() {
    }

    public static Response of(Problem problem, String instance) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.body(instance));
        problem.headers().forEach(response::header);
        return response.build();
    }
}
