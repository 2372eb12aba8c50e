package fr.maillage.directory.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document says which operations need a token and which roles, so that the gateway's merged
 * document tells partners the same thing as the service enforces.
 */
@QuarkusTest
class OpenApiSecurityTest {
    /** Operations anyone may call (method and path as in the document). */
    static final List<String> PUBLIC = List.of("get /api/v1/communes", "get /api/v1/communes/{code}", "get /api/v1/coverage",
            "get /api/v1/partners", "get /api/v1/partners/{id}", "get /api/v1/places", "get /api/v1/places/{id}",
            "get /api/v1/places/export", "get /api/v1/places/export/data-inclusion",
            "get /api/v1/epcis", "get /api/v1/epcis/{siren}", "get /api/v1/departements", "get /api/v1/departements/{code}");
    static final Map<String, List<String>> PROTECTED = Map.ofEntries(
            Map.entry("post /api/v1/partners", List.of("admin")),
            Map.entry("put /api/v1/partners/{id}", List.of("admin", "partner-app")),
            Map.entry("delete /api/v1/partners/{id}", List.of("admin")),
            Map.entry("post /api/v1/places", List.of("admin", "partner-app")),
            Map.entry("put /api/v1/places/{id}", List.of("admin", "partner-app")),
            Map.entry("delete /api/v1/places/{id}", List.of("admin", "partner-app")),
            Map.entry("post /api/v1/places/import", List.of("admin")),
            Map.entry("get /api/v1/people", List.of("admin", "agent", "partner-app", "volunteer")),
            Map.entry("get /api/v1/people/{id}", List.of("admin", "agent", "partner-app", "volunteer")),
            Map.entry("post /api/v1/people", List.of("admin", "agent", "partner-app")),
            Map.entry("put /api/v1/people/{id}", List.of("admin", "agent", "partner-app")),
            Map.entry("delete /api/v1/people/{id}", List.of("admin", "agent", "partner-app")));

    @Test
    void protectedOperationsDeclareTheBearerSchemeAndTheirRolesPublicOnesNothing() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        JsonNode scheme = doc.at("/components/securitySchemes/bearer");
        assertEquals("http", scheme.path("type").asText());
        assertEquals("bearer", scheme.path("scheme").asText());
        assertEquals("JWT", scheme.path("bearerFormat").asText());

        List<String> seen = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!List.of("get", "put", "post", "delete", "patch", "head", "options").contains(op.getKey())) {
                return; // path-level parameters, summary…
            }
            String key = op.getKey() + " " + path.getKey();
            seen.add(key);
            JsonNode security = op.getValue().path("security");
            if (PUBLIC.contains(key)) {
                assertTrue(security.isMissingNode() || security.isEmpty(), key + " is public but declares " + security);
                return;
            }
            List<String> roles = PROTECTED.get(key);
            assertTrue(roles != null, key + " is neither public nor in the role matrix of this test");
            List<String> declared = new ArrayList<>();
            security.path(0).path("bearer").forEach(r -> declared.add(r.asText()));
            assertEquals(roles, declared.stream().sorted().toList(), key + " roles");
            assertFalse(op.getValue().at("/responses/401").isMissingNode(), key + " documents 401");
            assertFalse(op.getValue().at("/responses/403").isMissingNode(), key + " documents 403");
            assertTrue(op.getValue().path("description").asText().contains("admin"), key + " names its roles in its description");
        }));
        assertEquals(PUBLIC.size() + PROTECTED.size(), seen.size(), "operations: " + seen);
    }
}
