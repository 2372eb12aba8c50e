package fr.maillage.system.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.system.Gateway;

/**
 * Issue 20 §4 (« documented in the merged OpenAPI »): the gateway's /openapi describes GET /api/v1/territory/coverage and
 * GET /api/v1/territory/indicators under the tag « Territoire », with the roles allowed (coordinator, admin) in their
 * security requirement, every status they answer (200, 400, 401, 403, 404), a CSV variant, and JSON examples that are
 * valid against the documented schemas (types, required and enumerated values, nullability, through $refs) — what a
 * partner reads before calling them. Fails on the code before issue 20: the paths did not exist.
 */
class TerritoryApiIsDocumentedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bothOperationsAreDocumentedWithRolesStatusesAndValidExamples() throws Exception {
        JsonNode api = JSON.readTree(Gateway.given().accept("application/json").when().get("/openapi")
                .then().statusCode(200).extract().asString());
        for (String path : List.of("/api/v1/territory/coverage", "/api/v1/territory/indicators")) {
            JsonNode get = api.path("paths").path(path).path("get");
            assertFalse(get.isMissingNode(), path + " is in the merged OpenAPI");
            assertTrue(get.path("tags").toString().contains("Territoire"), path + " tags: " + get.path("tags"));
            String security = get.path("security").toString();
            assertTrue(security.contains("coordinator") && security.contains("admin"), path + " roles: " + security);
            for (String status : List.of("200", "400", "401", "403", "404")) {
                assertFalse(get.path("responses").path(status).isMissingNode(), path + " documents " + status);
            }
            JsonNode ok = get.path("responses").path("200").path("content");
            assertTrue(fieldNames(ok).stream().anyMatch(t -> t.startsWith("text/csv")), path + " has a CSV variant: " + fieldNames(ok));
            JsonNode json = ok.path("application/json");
            List<JsonNode> examples = new ArrayList<>();
            if (json.has("example")) {
                examples.add(json.get("example"));
            }
            json.path("examples").elements().forEachRemaining(e -> examples.add(e.path("value")));
            assertFalse(examples.isEmpty(), path + " has a JSON example");
            for (JsonNode example : examples) {
                JsonNode value = example.isTextual() ? JSON.readTree(example.asText()) : example;
                List<String> errors = new ArrayList<>();
                validate(api, json.path("schema"), value, "$", errors);
                assertEquals(List.of(), errors, path + ": the example is valid against its schema");
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A small JSON Schema (OpenAPI 3.x subset) check: $ref, allOf, type, nullable, enum, required, properties, items. */
    static void validate(JsonNode api, JsonNode schema, JsonNode value, String where, List<String> errors) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            validate(api, api.at(ref.substring(1)), value, where, errors);
            return;
        }
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(s -> validate(api, s, value, where, errors));
        }
        if (value.isNull()) {
            boolean nullable = schema.path("nullable").asBoolean(false) || schema.path("type").toString().contains("null")
                    || schema.path("oneOf").toString().contains("null") || schema.path("anyOf").toString().contains("null");
            if (!nullable && (schema.has("type") || schema.has("properties"))) {
                errors.add(where + " is null but not nullable");
            }
            return;
        }
        List<String> types = new ArrayList<>();
        if (schema.path("type").isArray()) {
            schema.get("type").forEach(t -> types.add(t.asText()));
        } else if (schema.has("type")) {
            types.add(schema.get("type").asText());
        }
        if (!types.isEmpty() && types.stream().noneMatch(t -> is(t, value))) {
            errors.add(where + " is " + value.getNodeType() + ", the schema says " + types);
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode e : schema.get("enum")) {
                listed |= e.equals(value);
            }
            if (!listed) {
                errors.add(where + " = " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            schema.path("required").forEach(r -> {
                if (!value.has(r.asText())) {
                    errors.add(where + "." + r.asText() + " is required");
                }
            });
            schema.path("properties").fields().forEachRemaining(p -> {
                if (value.has(p.getKey())) {
                    validate(api, p.getValue(), value.get(p.getKey()), where + "." + p.getKey(), errors);
                }
            });
            if (schema.path("additionalProperties").isObject()) {
                value.fields().forEachRemaining(f -> {
                    if (!schema.path("properties").has(f.getKey())) {
                        validate(api, schema.get("additionalProperties"), f.getValue(), where + "." + f.getKey(), errors);
                    }
                });
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                validate(api, schema.get("items"), value.get(i), where + "[" + i + "]", errors);
            }
        }
    }

    private static boolean is(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }
}
