package fr.maillage.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gateway's /openapi is the union of what the four running services describe at /q/openapi (on their management ports):
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
            JsonNode live = JSON.readTree(Gateway.givenManagement(service).queryParam("format", "json")
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

    /** Operations any caller may use without a token although they change something (citizen links, provider callbacks). */
    private static final java.util.Set<String> PUBLIC_WRITES = java.util.Set.of(
            "delete /api/v1/bookings/self/{token}",
            // issue 17: the citizen moves the appointment from the link (the token is the credential)
            "post /api/v1/bookings/self/{token}/reschedule",
            "post /api/v1/notifications/callbacks/sms",
            "post /api/v1/notifications/sms/inbound",
            // issue 18: the voice provider's call reports, authenticated by their shared secret header like the SMS ones
            "post /api/v1/notifications/callbacks/voice",
            // issue 23: Octopush's receipts, STOP and replies, authenticated by the SMS secret in the callback URL's query
            "post /api/v1/notifications/callbacks/octopush",
            // issue 19: a volunteer answers a staffing request from the link in their SMS (the token is the credential)
            "post /api/v1/staffing-requests/by-token/{token}/answer");

    @Test
    void theBearerSchemeAndTheRolesOfEachOperationAreDeclared() throws Exception {
        JsonNode merged = JSON.readTree(Gateway.given().accept("application/json").when().get("/openapi")
                .then().statusCode(200).extract().asString());
        JsonNode schemes = merged.at("/components/securitySchemes");
        assertEquals(1, schemes.size(), "one security scheme for the whole API: " + schemes);
        JsonNode bearer = schemes.elements().next();
        assertEquals("http", bearer.path("type").asText(), bearer.toString());
        assertEquals("bearer", bearer.path("scheme").asText().toLowerCase(java.util.Locale.ROOT), bearer.toString());

        java.util.List<String> unprotected = new java.util.ArrayList<>();
        merged.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String name = op.getKey() + " " + path.getKey();
            boolean write = java.util.Set.of("post", "put", "patch", "delete").contains(op.getKey());
            if (write && !PUBLIC_WRITES.contains(name) && op.getValue().path("security").isEmpty()) {
                unprotected.add(name);
            }
        }));
        assertEquals(java.util.List.of(), unprotected, "writes without a declared security requirement");

        JsonNode booking = merged.at("/paths/~1api~1v1~1bookings/post/security/0");
        assertTrue(booking.toString().contains("agent") && booking.toString().contains("partner-app"),
                "the roles allowed to book are declared: " + booking);
        assertTrue(merged.at("/paths/~1api~1v1~1offers/get/security").isMissingNode()
                || merged.at("/paths/~1api~1v1~1offers/get/security").isEmpty(), "searching offers is public");
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
