package fr.maillage.platform.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import fr.maillage.platform.json.RefusedValueException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Every error of every service, answered once as RFC 9457 problem+json in French (see {@link Problem} for the shape
 * and the catalogue). Priority {@value #FIRST} goes before the mappers of Quarkus and of libraries for the same type;
 * a service may still map one of its own exception types. Nothing here logs a request body, a token or a value sent.
 */
public class ProblemMappers {
    static final int FIRST = 100;
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    CurrentIdentityAssociation identity;

    @ServerExceptionMapper(priority = FIRST)
    public Response problem(Problem problem, UriInfo uri) {
        return ProblemResponses.of(problem, uri.getPath());
    }

    // --- Bean Validation: 400 naming the query/path parameter or the body property ---

    @ServerExceptionMapper(priority = FIRST)
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri, ResourceInfo resource) {
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            violations.add(new Violation(fieldOf(v.getPropertyPath(), resource), v.getMessage()));
        }
        violations.sort(Comparator.comparing(Violation::field));
        if (violations.isEmpty()) {
            return problem(Problem.badRequest("body", "La requête est invalide."), uri);
        }
        return problem(Problem.badRequest(violations), uri);
    }

    /** "create.request.address.postalCode" → "address.postalCode"; "list.size" → the @QueryParam name. */
    static String fieldOf(Path path, ResourceInfo resource) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
                    || node.getKind() == ElementKind.RETURN_VALUE || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = parameterName(node.as(Path.ParameterNode.class).getParameterIndex(), node.getName(), resource);
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null) {
                name = (name == null ? "" : name) + "[" + node.getIndex() + "]";
            } else if (node.getKey() != null) {
                name = (name == null ? "" : name) + "[" + node.getKey() + "]";
            }
            if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return parameter == null ? "body" : parameter;
        }
        return String.join(".", names).replace(".[", "[");
    }

    private static String parameterName(int index, String javaName, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null || index >= method.getParameterCount()) {
            return javaName;
        }
        for (Annotation a : method.getParameterAnnotations()[index]) {
            if (a instanceof QueryParam q) {
                return q.value();
            } else if (a instanceof PathParam p) {
                return p.value();
            } else if (a instanceof HeaderParam h) {
                return h.value();
            } else if (a instanceof FormParam f) {
                return f.value();
            } else if (a instanceof CookieParam c) {
                return c.value();
            } else if (a instanceof BeanParam) {
                return javaName;
            }
        }
        return javaName;
    }

    // --- Bodies Jackson cannot read: 400 naming the field ---

    @ServerExceptionMapper(priority = FIRST)
    public Response unrecognized(UnrecognizedPropertyException e, UriInfo uri) {
        String field = JsonErrors.path(e);
        return problem(Problem.badRequest(field, "Le champ « " + field + " » n'existe pas : retirez-le ou corrigez son nom."), uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response refusedValue(RefusedValueException e, UriInfo uri) {
        String field = JsonErrors.fieldOrBody(e);
        return problem(Problem.badRequest(field, "Valeur refusée pour " + field + " : " + e.reason() + "."), uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        String field = JsonErrors.fieldOrBody(e);
        return problem(Problem.badRequest(field, "Valeur invalide pour " + field + " : " + JsonErrors.expected(e.getTargetType())
                + " est attendu."), uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = JsonErrors.fieldOrBody(e);
        return problem(Problem.badRequest(field, "Type de valeur inattendu pour " + (field.equals("body") ? "le corps" : field)
                + " : " + JsonErrors.expected(e.getTargetType()) + " est attendu."), uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = JsonErrors.path(m);
            return problem(Problem.badRequest(field, "Valeur invalide pour " + field + "."), uri);
        }
        String where = e.getLocation() == null ? ""
                : " (ligne " + e.getLocation().getLineNr() + ", colonne " + e.getLocation().getColumnNr() + ")";
        return problem(Problem.badRequest("body", (e instanceof JsonParseException ? "JSON mal formé" : "Corps illisible")
                + where + " : envoyez un seul objet JSON valide, sans rien après."), uri);
    }

    // --- JAX-RS: unknown path, method, media type, parameter conversion ---

    @ServerExceptionMapper(priority = FIRST)
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status < 400 || (original != null && original.hasEntity())) {
            return original;
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        Problem problem = switch (status) {
            case 400 -> Problem.badRequest(null, "La requête est invalide : vérifiez les paramètres et le corps envoyés.");
            case 401 -> Problem.unauthorized(unauthenticatedDetail(headers));
            case 403 -> Problem.forbidden("Vous n'avez pas accès à cette ressource.");
            case 404 -> Problem.notFound(null, "Aucune ressource à cette adresse : vérifiez le chemin et l'identifiant.");
            case 405 -> new Problem(Problem.Kind.METHOD_NOT_ALLOWED, null,
                    "Cette méthode HTTP n'est pas acceptée à cette adresse" + allowed(original) + ".");
            case 406 -> new Problem(Problem.Kind.NOT_ACCEPTABLE, "Accept",
                    "Ce format de réponse n'est pas disponible : demandez application/json.");
            case 413 -> new Problem(Problem.Kind.PAYLOAD_TOO_LARGE, "body", "Le corps de la requête est trop volumineux.");
            case 415 -> new Problem(Problem.Kind.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
                    "Ce format de corps n'est pas accepté : envoyez du JSON avec Content-Type: application/json.");
            default -> status >= 500 ? Problem.internal()
                    : new Problem(Problem.Kind.of(status), null, "La requête ne peut pas être traitée.");
        };
        if (original != null) {
            for (String name : List.of("Allow", "Retry-After", "WWW-Authenticate")) {
                String value = original.getHeaderString(name);
                if (value != null) {
                    problem.header(name, value);
                }
            }
        }
        return problem(problem, uri);
    }

    private static String allowed(Response response) {
        String allow = response == null ? null : response.getHeaderString("Allow");
        return allow == null || allow.isBlank() ? "" : " (acceptées : " + allow + ")";
    }

    // --- Security: 401 and 403, never echoing the token ---

    @ServerExceptionMapper(priority = FIRST)
    public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return problem(Problem.unauthorized(unauthenticatedDetail(headers)), uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        return problem(Problem.unauthorized(unauthenticatedDetail(headers)), uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
        String required = requiredRoles(resource);
        return problem(Problem.forbidden("Votre rôle (" + heldRoles() + ") ne permet pas cette opération"
                + (required == null ? "." : " : rôle requis parmi " + required + ".")), uri);
    }

    public static String unauthenticatedDetail(HttpHeaders headers) {
        boolean sent = headers != null && headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        return sent
                ? "Jeton refusé : il est mal formé, expiré, signé par une clé inconnue ou émis pour un autre service. "
                        + "Obtenez un nouveau jeton et envoyez-le dans l'en-tête Authorization: Bearer <jeton>."
                : "Cette opération demande un jeton : envoyez-le dans l'en-tête Authorization: Bearer <jeton> "
                        + "(en développement : deploy/maillage token --role ... --org ...).";
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
            Set<String> roles = new TreeSet<>(identity.getIdentity().getRoles());
            return roles.isEmpty() ? "aucun" : String.join(", ", roles);
        } catch (RuntimeException e) {
            return "inconnu";
        }
    }

    // --- Database ---

    @ServerExceptionMapper(priority = FIRST)
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return problem(staleVersion(), uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response persistence(PersistenceException e, UriInfo uri) {
        return problem(Databases.problemOf(e), uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response sql(SQLException e, UriInfo uri) {
        return problem(Databases.problemOf(e), uri);
    }

    static Problem staleVersion() {
        return Problem.conflict("If-Match", "La ressource a été modifiée en même temps par quelqu'un d'autre : "
                + "relisez-la puis recommencez.");
    }

    // --- Anything else: a 500 that says nothing of the internals ---

    @ServerExceptionMapper(priority = FIRST)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e.getCause() != null && e.getCause() != e && !(e instanceof Problem)) {
            // A Problem or a database error wrapped by an interceptor (e.g. ArcUndeclaredThrowableException).
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof Problem p) {
                    return problem(p, uri);
                }
                if (t instanceof PersistenceException || t instanceof SQLException) {
                    return problem(Databases.problemOf(t), uri);
                }
            }
        }
        // The class and where it happened, never the message: messages can carry the values of a request.
        StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        LOG.errorf("Unexpected %s on %s at %s (cause: %s)", e.getClass().getName(), uri.getPath(), at,
                causes(e));
        return problem(Problem.internal(), uri);
    }

    private static String causes(Throwable e) {
        Collection<String> names = new ArrayList<>();
        for (Throwable t = e.getCause(); t != null && names.size() < 5; t = t.getCause()) {
            names.add(t.getClass().getName());
        }
        return names.isEmpty() ? "none" : names.stream().collect(Collectors.joining(" <- "));
    }
}
