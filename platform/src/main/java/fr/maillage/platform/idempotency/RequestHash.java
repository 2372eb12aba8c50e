package fr.maillage.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fingerprint of a request: SHA-256 of the canonical JSON of what the request asks (the bound request object,
 * plus anything else the caller derives it from). Canonical: object members sorted by name at every depth, no
 * whitespace; so key order, spacing and formatting of the client's JSON do not matter, a different value does.
 */
public final class RequestHash {
    private RequestHash() {
    }

    /** SHA-256 (hex) of the canonical JSON of {@code parts} (as a JSON array; null parts are JSON null). */
    public static String of(ObjectMapper mapper, Object... parts) {
        ArrayNode array = mapper.createArrayNode();
        for (Object part : parts) {
            array.add(canonical(mapper, mapper.valueToTree(part)));
        }
        try {
            return sha256(mapper.writeValueAsString(array));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Request not serialisable: " + e.getClass().getSimpleName());
        }
    }

    /** A copy of {@code node} whose object members are sorted by name, recursively. */
    static JsonNode canonical(ObjectMapper mapper, JsonNode node) {
        if (node == null) {
            return mapper.nullNode();
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                names.add(it.next());
            }
            names.sort(null);
            ObjectNode sorted = mapper.createObjectNode();
            for (String name : names) {
                sorted.set(name, canonical(mapper, node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = mapper.createArrayNode();
            node.forEach(element -> copy.add(canonical(mapper, element)));
            return copy;
        }
        return node;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For tests: the canonical text of {@code value}. */
    static String canonicalText(ObjectMapper mapper, Object value) throws JsonProcessingException {
        return mapper.writeValueAsString(canonical(mapper, mapper.valueToTree(value)));
    }
}
