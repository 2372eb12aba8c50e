package fr.maillage.booking.api;

import java.util.Set;
import java.util.TreeSet;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Authentication and role failures as problem+json in French: 401 (no token, or a malformed, expired,
 * wrongly-signed or foreign token) with {@code WWW-Authenticate: Bearer}, 403 (valid token, wrong role)
 * naming the roles required. Priority over quarkus-resteasy-problem's English mappers (4999). Nothing is
 * logged here and the token is never echoed back.
 */
public class SecurityProblemMapper {
    private static final int BEFORE_RESTEASY_PROBLEM = 100;

    @Inject
    SecurityIdentity identity;

    @ServerExceptionMapper(priority = BEFORE_RESTEASY_PROBLEM)
    public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return unauthenticated(uri, headers);
    }

    @ServerExceptionMapper(priority = BEFORE_RESTEASY_PROBLEM)
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        return unauthenticated(uri, headers);
    }

    @ServerExceptionMapper(priority = BEFORE_RESTEASY_PROBLEM)
    public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
        String required = requiredRoles(resource);
        String held = heldRoles();
        return ProblemMapper.problem(403, "Accès refusé", "Votre rôle (" + held + ") ne permet pas cette opération"
                + (required == null ? "." : " : rôle requis parmi " + required + "."), uri.getPath()).build();
    }

    private static Response unauthenticated(UriInfo uri, HttpHeaders headers) {
        boolean sent = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        return ProblemMapper.problem(401, "Authentification requise", sent
                ? "Jeton refusé : il est mal formé, expiré, signé par une clé inconnue ou émis pour un autre service. "
                        + "Obtenez un nouveau jeton et envoyez-le dans l'en-tête Authorization: Bearer <jeton>."
                : "Cette opération demande un jeton : envoyez-le dans l'en-tête Authorization: Bearer <jeton> "
                        + "(en développement : deploy/maillage token --role ... --org ...).", uri.getPath())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static String requiredRoles(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        RolesAllowed roles = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (roles == null && resource.getResourceClass() != null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null ? null : String.join(", ", roles.value());
    }

    private String heldRoles() {
        try {
            Set<String> roles = new TreeSet<>(identity.getRoles());
            return roles.isEmpty() ? "aucun" : String.join(", ", roles);
        } catch (RuntimeException e) {
            return "inconnu";
        }
    }
}
