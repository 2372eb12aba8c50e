package fr.maillage.notification.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import fr.maillage.notification.service.AccessDenied;
import fr.maillage.notification.service.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * 401 and 403 as RFC 9457 problem+json with a French detail (ahead of the library's generic mappers):
 * no token or a bad one (malformed, expired, wrong issuer or audience, foreign signature) is 401 with
 * {@code WWW-Authenticate: Bearer}; a valid token without the role or the organisation is 403, naming
 * what is missing. The token itself is never echoed nor logged.
 */
@Singleton
public class SecurityProblems {
    // quarkus-resteasy-problem registers its own mappers for these exceptions; ours must come first
    private static final int BEFORE_LIBRARY_MAPPERS = 1;

    private final Caller caller;

    SecurityProblems(Caller caller) {
        this.caller = caller;
    }

    @ServerExceptionMapper(priority = BEFORE_LIBRARY_MAPPERS)
    public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return unauthenticated(uri, headers);
    }

    @ServerExceptionMapper(priority = BEFORE_LIBRARY_MAPPERS)
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        return unauthenticated(uri, headers);
    }

    @ServerExceptionMapper(priority = BEFORE_LIBRARY_MAPPERS)
    public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
        String detail = e.getMessage();
        if (!(e instanceof AccessDenied)) { // @RolesAllowed refused the role: say which ones the operation takes
            RolesAllowed allowed = resource == null || resource.getResourceMethod() == null ? null
                    : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
            detail = allowed == null ? "Votre jeton ne permet pas cette opération."
                    : "Cette opération demande le rôle " + String.join(" ou ", Arrays.stream(allowed.value()).sorted().toList())
                            + " ; votre jeton porte : " + caller.roles() + ".";
        }
        return problem(403, "Accès refusé", detail, uri).build();
    }

    private static Response unauthenticated(UriInfo uri, HttpHeaders headers) {
        boolean sent = headers != null && headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        String detail = sent
                ? "Jeton d'accès invalide : illisible, expiré, d'un autre émetteur ou mal signé. Obtenez-en un nouveau (développement : deploy/maillage token --role ...)."
                : "Authentification requise : envoyez un jeton JWT dans l'en-tête Authorization: Bearer <jeton>.";
        return problem(401, "Non authentifié", detail, uri).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    static Response.ResponseBuilder problem(int status, String title, String detail, UriInfo uri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", uri == null ? null : uri.getPath());
        return Response.status(status).type("application/problem+json").entity(body);
    }
}
