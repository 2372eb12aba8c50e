package fr.maillage.platform.problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one error type of every service: a kind (which fixes the status, the {@code type} URI and the French title),
 * the field at fault and a French detail saying what to fix. Answered as RFC 9457 {@code application/problem+json}
 * by {@link ProblemMappers}, in the same shape whatever the service and the cause.
 */
public class Problem extends RuntimeException {
    /** Base of every problem {@code type} URI: one catalogue for all services. */
    public static final String TYPE_BASE = "https://maillage.fr/problemes/";
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The catalogue: status, slug of the type URI, French title. */
    public enum Kind {
        BAD_REQUEST(400, "requete-invalide", "Requête invalide"),
        UNAUTHORIZED(401, "authentification-requise", "Authentification requise"),
        FORBIDDEN(403, "acces-refuse", "Accès refusé"),
        NOT_FOUND(404, "introuvable", "Introuvable"),
        METHOD_NOT_ALLOWED(405, "methode-non-autorisee", "Méthode non autorisée"),
        NOT_ACCEPTABLE(406, "format-non-pris-en-charge", "Format non pris en charge"),
        CONFLICT(409, "conflit", "Conflit"),
        PRECONDITION_FAILED(412, "precondition-echouee", "Précondition non remplie"),
        PAYLOAD_TOO_LARGE(413, "requete-trop-volumineuse", "Requête trop volumineuse"),
        UNSUPPORTED_MEDIA_TYPE(415, "format-non-pris-en-charge", "Format non pris en charge"),
        RULE_BROKEN(422, "regle-non-respectee", "Règle non respectée"),
        TOO_MANY_REQUESTS(429, "trop-de-requetes", "Trop de requêtes"),
        INTERNAL(500, "erreur-interne", "Erreur interne"),
        UNAVAILABLE(503, "service-indisponible", "Service momentanément indisponible"),
        /** Answered by the gateway when a service is too slow: the request may have been carried out. */
        GATEWAY_TIMEOUT(504, "delai-depasse", "Délai de réponse dépassé");

        public final int status;
        public final String slug;
        public final String title;

        Kind(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        public String type() {
            return TYPE_BASE + slug;
        }

        /** The kind answered for an HTTP status (500 for an unknown 5xx, 400 for an unknown 4xx). */
        public static Kind of(int status) {
            for (Kind kind : values()) {
                if (kind.status == status) {
                    return kind;
                }
            }
            return status >= 500 ? INTERNAL : BAD_REQUEST;
        }
    }

    private final Kind kind;
    private final List<Violation> violations;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public Problem(Kind kind, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.kind = kind;
        this.violations = List.copyOf(violations);
    }

    public Problem(Kind kind, String field, String detail) {
        this(kind, detail, field == null ? List.of() : List.of(new Violation(field, detail)));
    }

    public static Problem badRequest(String field, String detail) {
        return new Problem(Kind.BAD_REQUEST, field, detail);
    }

    public static Problem badRequest(List<Violation> violations) {
        return new Problem(Kind.BAD_REQUEST, summary(violations), violations);
    }

    public static Problem unauthorized(String detail) {
        return new Problem(Kind.UNAUTHORIZED, null, detail).header("WWW-Authenticate", "Bearer");
    }

    public static Problem forbidden(String detail) {
        return new Problem(Kind.FORBIDDEN, null, detail);
    }

    public static Problem forbidden(String field, String detail) {
        return new Problem(Kind.FORBIDDEN, field, detail);
    }

    public static Problem notFound(String field, String detail) {
        return new Problem(Kind.NOT_FOUND, field, detail);
    }

    public static Problem conflict(String field, String detail) {
        return new Problem(Kind.CONFLICT, field, detail);
    }

    /** A domain rule is broken (422). */
    public static Problem ruleBroken(String field, String detail) {
        return new Problem(Kind.RULE_BROKEN, field, detail);
    }

    /** Several fields break domain rules (422): the detail lists them, each violation says what to fix. */
    public static Problem ruleBroken(List<Violation> violations) {
        return new Problem(Kind.RULE_BROKEN, summary(violations), violations);
    }

    public static Problem tooManyRequests(String detail, long retryAfterSeconds) {
        return new Problem(Kind.TOO_MANY_REQUESTS, null, detail).header("Retry-After", Long.toString(retryAfterSeconds));
    }

    public static Problem unavailable(String detail, long retryAfterSeconds) {
        return new Problem(Kind.UNAVAILABLE, null, detail).header("Retry-After", Long.toString(retryAfterSeconds));
    }

    public static Problem internal() {
        return new Problem(Kind.INTERNAL, null,
                "Une erreur inattendue s'est produite de notre côté. Réessayez plus tard ; si elle persiste, signalez-la.");
    }

    /** Adds an extension member to the body (e.g. the next available slots of a 409). */
    public Problem with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    /** Adds a response header (e.g. Retry-After, ETag). */
    public Problem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return kind.status;
    }

    public String detail() {
        return getMessage();
    }

    /** The first field at fault, or null. */
    public String field() {
        return violations.isEmpty() ? null : violations.get(0).field();
    }

    public List<Violation> violations() {
        return violations;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The RFC 9457 body: type, title, status, detail, instance, field, violations, then extensions. */
    public Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", kind.type());
        body.put("title", kind.title);
        body.put("status", kind.status);
        body.put("detail", getMessage());
        if (instance != null) {
            body.put("instance", instance);
        }
        if (field() != null) {
            body.put("field", field());
        }
        List<Map<String, String>> list = new ArrayList<>(violations.size());
        for (Violation v : violations) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("field", v.field());
            item.put("message", v.message());
            list.add(item);
        }
        body.put("violations", list);
        extensions.forEach(body::putIfAbsent);
        return body;
    }

    private static String summary(List<Violation> violations) {
        if (violations.size() == 1) {
            return violations.get(0).field() + " : " + violations.get(0).message();
        }
        StringBuilder detail = new StringBuilder(violations.size() + " champs sont à corriger : ");
        for (int i = 0; i < violations.size(); i++) {
            detail.append(i == 0 ? "" : " ; ").append(violations.get(i).field()).append(" : ")
                    .append(violations.get(i).message());
        }
        return detail.toString();
    }
}
