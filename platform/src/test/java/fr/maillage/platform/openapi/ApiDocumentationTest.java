package fr.maillage.platform.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

import fr.maillage.platform.problem.Problem;

/**
 * The services' one OpenAPI filter on a small document shaped like theirs: a secured write that takes an
 * Idempotency-Key and answers ETag and Location, a public list that answers X-Total-Count and has a rate limit of its
 * own. What all services answer alike ends in components once, and the operations refer to it.
 */
class ApiDocumentationTest {

    @Test
    void sharedHeadersAndResponsesAreDeclaredOnceAndReferenced() {
        Operation create = OASFactory.createOperation().operationId("createPlace")
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer", List.of("admin")))
                .addParameter(OASFactory.createParameter().name("Idempotency-Key").in(Parameter.In.HEADER))
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("201", OASFactory.createAPIResponse().description("Created")
                                .addHeader("ETag", OASFactory.createHeader()).addHeader("location", OASFactory.createHeader()))
                        .addAPIResponse("401", OASFactory.createAPIResponse().description("Jeton absent, mal formé"))
                        .addAPIResponse("403", OASFactory.createAPIResponse().description("Lieu d'une autre organisation")));
        Operation list = OASFactory.createOperation().operationId("listPlaces")
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("Une page")
                                .addHeader("X-Total-Count", OASFactory.createHeader().description("total")))
                        .addAPIResponse("429", OASFactory.createAPIResponse().description("Trop de recherches")));
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/places", OASFactory.createPathItem().POST(create).GET(list)));

        new ApiDocumentation().filterOpenAPI(api);

        Map<String, Header> headers = api.getComponents().getHeaders();
        assertEquals(List.of("ETag", "Location", "X-Total-Count", "Retry-After", "Idempotent-Replayed"), List.copyOf(headers.keySet()));
        headers.forEach((name, header) -> {
            assertNotNull(header.getSchema(), name + " has a schema");
            assertFalse(header.getDescription().isBlank(), name + " is described");
        });

        // The secured write: its 401 is the shared one (whatever the resource wrote), its 403 stays its own.
        Map<String, APIResponse> written = create.getResponses().getAPIResponses();
        assertEquals("#/components/responses/Unauthorized", written.get("401").getRef());
        assertEquals("Lieu d'une autre organisation", written.get("403").getDescription());
        assertEquals("#/components/responses/TooManyRequests", written.get("429").getRef());
        Map<String, Header> created = written.get("201").getHeaders();
        assertEquals("#/components/headers/ETag", created.get("ETag").getRef());
        assertEquals("#/components/headers/Location", created.get("Location").getRef(), "the header's name is the shared one's");
        assertFalse(created.containsKey("location"));
        assertEquals("#/components/headers/Idempotent-Replayed", created.get("Idempotent-Replayed").getRef(),
                "an operation taking an Idempotency-Key may answer a replay");

        // The public list: no 401, its own 429 kept (with Retry-After), X-Total-Count referenced, nothing replayed.
        Map<String, APIResponse> listed = list.getResponses().getAPIResponses();
        assertFalse(listed.containsKey("401"), "a public operation answers no 401");
        assertEquals("Trop de recherches", listed.get("429").getDescription());
        assertEquals("#/components/headers/Retry-After", listed.get("429").getHeaders().get("Retry-After").getRef());
        assertEquals("#/components/headers/X-Total-Count", listed.get("200").getHeaders().get("X-Total-Count").getRef());
        assertNull(listed.get("200").getHeaders().get("Idempotent-Replayed"));

        // The shared responses: the platform's Problem, with an example of what the platform answers.
        APIResponse unauthorized = api.getComponents().getResponses().get("Unauthorized");
        MediaType problem = unauthorized.getContent().getMediaType(Problem.MEDIA_TYPE);
        assertEquals(ProblemDocumentation.REF, problem.getSchema().getRef());
        @SuppressWarnings("unchecked")
        Map<String, Object> example = (Map<String, Object>) problem.getExamples().values().iterator().next().getValue();
        assertEquals(Problem.Kind.UNAUTHORIZED.type(), example.get("type"));
        assertEquals(401, example.get("status"));
        assertTrue(example.get("detail").toString().contains("Authorization: Bearer"));
        APIResponse tooMany = api.getComponents().getResponses().get("TooManyRequests");
        assertEquals("#/components/headers/Retry-After", tooMany.getHeaders().get("Retry-After").getRef());
        assertEquals(429, ((Map<?, ?>) tooMany.getContent().getMediaType(Problem.MEDIA_TYPE).getExamples().values()
                .iterator().next().getValue()).get("status"));
        assertNotNull(api.getComponents().getSchemas().get("Problem"));
    }
}
