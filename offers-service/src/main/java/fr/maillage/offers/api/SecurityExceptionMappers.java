package fr.maillage.offers.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * 401 and 403 as problem+json in the service's one shape, details in French. Priority 500 wins over
 * quarkus-resteasy-problem's and Quarkus' own security mappers. Neither the token nor the Authorization header
 * is ever echoed or logged: the answer only says what kind of problem it is.
 */
public class SecurityExceptionMappers {
    static final String BEARER = "Bearer";
    private static final String HOW_TO = " Jeton de développement : deploy/maillage token --role <rôle> --org <structure>.";

    @Inject
    CurrentIdentityAssociation identity;

    @ServerExceptionMapper(priority = 500)
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri, "Authentification requise : envoyez un jeton dans l'en-tête Authorization: Bearer <jeton>."
                + HOW_TO);
    }

    @ServerExceptionMapper(priority = 500)
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri, refusal(e));
    }

    @ServerExceptionMapper(priority = 500)
    public Response authenticationCompletion(AuthenticationCompletionException e, UriInfo uri) {
        return unauthorized(uri, refusal(e));
    }

    /**
     * Wrong role (from @RolesAllowed). The identity is read through its deferred form: this mapper may run on the
     * event loop, where the blocking accessor is not allowed.
     */
    @ServerExceptionMapper(priority = 500)
    public Uni<Response> forbidden(ForbiddenException e, UriInfo uri, SimpleResourceInfo resource) {
        RolesAllowed allowed = resource == null || resource.getResourceClass() == null || resource.getMethodName() == null ? null
                : rolesAllowed(resource);
        return identity.getDeferredIdentity().onItemOrFailure().transform((who, failure) -> {
            Set<String> roles = who == null || who.isAnonymous() ? Set.of() : new TreeSet<>(who.getRoles());
            String detail = (allowed == null ? "Votre rôle ne permet pas cette opération."
                    : "Cette opération demande le rôle " + String.join(" ou ", allowed.value()) + ".")
                    + " Votre jeton porte : " + (roles.isEmpty() ? "aucun rôle" : String.join(", ", roles)) + ".";
            return DomainExceptionMapper.problem(403, "forbidden", detail, uri,
                    List.of(Map.of("field", "Authorization", "in", "header", "message", detail))).build();
        });
    }

    private static RolesAllowed rolesAllowed(SimpleResourceInfo resource) {
        try {
            RolesAllowed onMethod = resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes())
                    .getAnnotation(RolesAllowed.class);
            return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(RolesAllowed.class);
        } catch (NoSuchMethodException ex) {
            return null;
        }
    }

    /** Says why a presented token was refused when it is safe and useful (expired), generically otherwise. */
    private static String refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidJwtException jwt && jwt.hasExpired()) {
                return "Jeton expiré : demandez-en un nouveau." + HOW_TO;
            }
        }
        return "Jeton refusé : mal formé, expiré, émis par un autre émetteur ou pour une autre audience, ou signé par une clé"
                + " inconnue. Envoyez un jeton valide dans l'en-tête Authorization: Bearer <jeton>." + HOW_TO;
    }

    private static Response unauthorized(UriInfo uri, String detail) {
        return DomainExceptionMapper.problem(401, "unauthorized", detail, uri,
                List.of(Map.of("field", "Authorization", "in", "header", "message", detail)))
                .header(HttpHeaders.WWW_AUTHENTICATE, BEARER).build();
    }
}
