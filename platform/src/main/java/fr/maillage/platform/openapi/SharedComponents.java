package fr.maillage.platform.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import fr.maillage.platform.idempotency.IdempotentRequests;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.problem.ProblemMappers;
import fr.maillage.platform.security.RateLimits;

/**
 * Declares once, in {@code components}, what every service answers the same way, and makes operations refer to it
 * instead of repeating it (so the gateway's merged document holds one copy, shared by the four services):
 * <ul>
 * <li>the response headers {@code ETag}, {@code Location}, {@code X-Total-Count}, {@code Retry-After} and
 * {@code Idempotent-Replayed} ({@code components.headers}, with their schema): a resource names the header in its
 * {@code @APIResponse(headers = @Header(name = "ETag"))} and the description becomes a reference;</li>
 * <li>{@code Idempotent-Replayed} on every success of an operation that takes an {@code Idempotency-Key} header
 * (the platform's {@link IdempotentRequests} answers it on a replay), {@code Retry-After} on every 429 and 503;</li>
 * <li>the responses {@code Unauthorized} (401 of every operation that requires a bearer token, whatever the
 * resource wrote: the platform answers it, always the same way) and {@code TooManyRequests} (429 of every operation:
 * the platform's rate limits cover every request; an operation with a limit of its own keeps its own 429
 * description).</li>
 * </ul>
 * Runs after {@link ProblemDocumentation} (see {@link ApiDocumentation}), whose Problem schema the responses use.
 */
public class SharedComponents implements OASFilter {
    public static final String ETAG = "ETag";
    public static final String LOCATION = "Location";
    public static final String TOTAL_COUNT = "X-Total-Count";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String REPLAYED = IdempotentRequests.REPLAYED;
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = ApiDocumentation.components(openAPI);
        headers().forEach(components::addHeader);
        components.addResponse(UNAUTHORIZED, unauthorized());
        components.addResponse(TOO_MANY_REQUESTS, tooManyRequests());
        ApiDocumentation.operations(openAPI).forEach(SharedComponents::share);
    }

    private static void share(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            responses.addAPIResponse("401", OASFactory.createAPIResponse().ref(UNAUTHORIZED));
        }
        if (!responses.hasAPIResponse("429")) {
            responses.addAPIResponse("429", OASFactory.createAPIResponse().ref(TOO_MANY_REQUESTS));
        }
        boolean idempotent = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && IdempotentRequests.HEADER.equalsIgnoreCase(p.getName()));
        if (responses.getAPIResponses() == null) {
            return;
        }
        responses.getAPIResponses().forEach((status, response) -> {
            if (response.getRef() != null) {
                return;
            }
            if (idempotent && status.startsWith("2")) {
                response.addHeader(REPLAYED, ref(REPLAYED));
            }
            if (status.equals("429") || status.equals("503")) {
                response.addHeader(RETRY_AFTER, ref(RETRY_AFTER));
            }
            if (response.getHeaders() != null) {
                for (String name : List.copyOf(response.getHeaders().keySet())) {
                    String shared = sharedName(name);
                    if (shared != null) {
                        response.removeHeader(name);
                        response.addHeader(shared, ref(shared));
                    }
                }
            }
        });
    }

    /** The shared header's exact name when {@code name} is one (HTTP header names are case-insensitive), else null. */
    private static String sharedName(String name) {
        return headers().keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(null);
    }

    private static Header ref(String name) {
        return OASFactory.createHeader().ref(name);
    }

    static Map<String, Header> headers() {
        Map<String, Header> headers = new LinkedHashMap<>();
        headers.put(ETAG, header("Version de la ressource, entre guillemets. La renvoyer dans If-Match pour modifier ou "
                + "supprimer sans écraser une modification plus récente (sinon 409).", string().example("\"3\"")));
        headers.put(LOCATION, header("Adresse de la ressource créée.",
                string().format("uri-reference").example("/api/v1/places/0b8c5e4e-2f4e-4a57-9a0c-3d0f6a1c2b7e")));
        headers.put(TOTAL_COUNT, header("Nombre total d'éléments de la liste, toutes pages confondues, après les filtres.",
                integer().format("int64").example(42)));
        headers.put(RETRY_AFTER, header("Secondes à attendre avant de réessayer.", integer().format("int32").example(2)));
        headers.put(REPLAYED, header("Présent (true) quand la réponse est celle, rejouée, de la première requête faite avec "
                + "la même Idempotency-Key et le même corps : rien n'a été refait.",
                string().enumeration(List.of("true")).example("true")));
        return headers;
    }

    private static Header header(String description, Schema schema) {
        return OASFactory.createHeader().description(description).schema(schema);
    }

    private static Schema string() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
    }

    private static Schema integer() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).minimum(java.math.BigDecimal.ZERO);
    }

    private static APIResponse unauthorized() {
        return problemResponse("Sans jeton, ou jeton refusé (mal formé, expiré, trop long, signé par une clé inconnue ou "
                + "émis pour un autre service)", Problem.Kind.UNAUTHORIZED, ProblemMappers.unauthenticatedDetail(null));
    }

    private static APIResponse tooManyRequests() {
        return problemResponse("Trop de requêtes en peu de temps pour cet appelant (par jeton vérifié, sinon par adresse) : "
                + "réessayer après Retry-After secondes", Problem.Kind.TOO_MANY_REQUESTS, RateLimits.detail(2))
                .addHeader(RETRY_AFTER, ref(RETRY_AFTER));
    }

    private static APIResponse problemResponse(String description, Problem.Kind kind, String detail) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", kind.type());
        example.put("title", kind.title);
        example.put("status", kind.status);
        example.put("detail", detail);
        example.put("instance", "/api/v1/bookings");
        example.put("violations", List.of());
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(ProblemDocumentation.REF))
                        .addExample(kind.slug, OASFactory.createExample().value(example))));
    }
}
