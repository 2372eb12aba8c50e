package fr.maillage.directory.api;

import java.util.Arrays;
import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import fr.maillage.directory.security.AccessDeniedException;
import fr.maillage.directory.security.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * 401 and 403 as problem+json in French, like every other error of the service. Registered ahead of
 * quarkus-resteasy-problem's own security mappers (lower priority value wins; it registers its
 * ForbiddenException mapper at 999 and its 401 mappers at 4999), whose detail would be the exception's
 * English message or nothing. Nothing of the token is ever logged or echoed.
 */
public class SecurityProblems {
    /** Ahead of every quarkus-resteasy-problem mapper. */
    static final int PRIORITY = 900;

    static final String PROBLEM_401 = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"authentification requise : envoyez un jeton JWT dans l'en-tête Authorization: Bearer <jeton>\",\"instance\":\"/api/v1/people\"}";
    static final String PROBLEM_403 = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"impossible de modifier le lieu 00000000-0000-4000-8000-000000000101 : votre jeton agit pour la structure 00000000-0000-4000-8000-000000000002, or cela est réservé à la structure 00000000-0000-4000-8000-000000000001 ou à l'administrateur du territoire (rôle admin)\",\"instance\":\"/api/v1/places/00000000-0000-4000-8000-000000000101\"}";

    private static final Logger LOG = Logger.getLogger(SecurityProblems.class);

    @Inject
    Caller caller;

    @ServerExceptionMapper(value = { UnauthorizedException.class, AuthenticationFailedException.class }, priority = PRIORITY)
    public Response unauthorized(Exception e, UriInfo uri, Request request) {
        boolean refused = e instanceof AuthenticationFailedException;
        String detail = refused
                ? "jeton refusé : il est mal formé, expiré, signé par une autre clé, ou émis par un autre émetteur ou pour un autre public ; obtenez-en un nouveau (en développement : deploy/maillage token --role …)"
                : "authentification requise : envoyez un jeton JWT dans l'en-tête Authorization: Bearer <jeton> (en développement : deploy/maillage token --role … --org …)";
        LOG.infof("401 %s %s : %s", request.getMethod(), uri.getPath(), refused ? "jeton refusé" : "sans jeton");
        return Response.fromResponse(ProblemMapper.problem(401, "Unauthorized", detail, uri.getPath(), List.of()))
                .header("WWW-Authenticate", "Bearer").build();
    }

    /** A role the operation does not admit ({@code @RolesAllowed}). */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response forbidden(ForbiddenException e, UriInfo uri, Request request, ResourceInfo resource) {
        RolesAllowed allowed = resource == null || resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        String detail = allowed == null ? "accès refusé pour le rôle « " + caller.role() + " »"
                : "votre jeton porte le rôle « " + caller.role() + " » ; cette opération demande le rôle "
                        + String.join(" ou ", Arrays.asList(allowed.value()));
        return forbidden(detail, uri, request);
    }

    /** The right role, but not for this organisation (or an action reserved to the administrator). */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response denied(AccessDeniedException e, UriInfo uri, Request request) {
        return forbidden(e.getMessage(), uri, request);
    }

    private Response forbidden(String detail, UriInfo uri, Request request) {
        LOG.infof("403 %s %s : %s", request.getMethod(), uri.getPath(), detail);
        return ProblemMapper.problem(403, "Forbidden", detail, uri.getPath(), List.of());
    }
}
