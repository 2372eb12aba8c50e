package fr.maillage.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gateway's /openapi is the union of what the four running services describe at /q/openapi:
 * same paths, same operations, same parameters and responses. If a service changes its API and the
 * merged document is not rebuilt, this fails.
 */
class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mergedDocumentIsTheUnionOfTheLiveServiceDocuments() throws Exception {
        JsonNode merged = JSON.readTree(Gateway.given().accept("application/json").when().get("/openapi")
                .then().statusCode(200).extract().asString());
        assertEquals(Gateway.URL, merged.at("/servers/0/url").asText(), "servers[0] must be the gateway");

        Map<String, JsonNode> expected = new TreeMap<>();
        for (String service : Gateway.SERVICES) {
            JsonNode live = JSON.readTree(Gateway.givenService(service).queryParam("format", "json")
                    .when().get("/q/openapi").then().statusCode(200).extract().asString());
            live.path("paths").fields().forEachRemaining(path -> expected.put(path.getKey(), path.getValue()));
        }
        Map<String, JsonNode> actual = new TreeMap<>();
        merged.path("paths").fields().forEachRemaining(path -> actual.put(path.getKey(), path.getValue()));

        assertFalse(expected.isEmpty(), "the services describe no path at all");
        assertEquals(expected.keySet(), actual.keySet(), "merged paths differ from the services' own documents");
        for (String path : expected.keySet()) {
            // $refs may be renamed by the merge when two services use one schema name differently;
            // everything else in an operation must be identical.
            assertEquals(withoutRefs(expected.get(path)), withoutRefs(actual.get(path)), "operation differs for " + path);
        }
    }

    /** The node with every schema $ref blanked; JSON objects then compare regardless of key order. */
    private static JsonNode withoutRefs(JsonNode node) {
        JsonNode copy = node.deepCopy();
        blankRefs(copy);
        return copy;
    }

    private static void blankRefs(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            if (object.has("$ref") && object.get("$ref").asText().startsWith("#/components/schemas/")) {
                object.put("$ref", "*");
            }
            object.elements().forEachRemaining(OpenApiTest::blankRefs);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(OpenApiTest::blankRefs);
        }
    }
}
