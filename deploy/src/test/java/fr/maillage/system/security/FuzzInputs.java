package fr.maillage.system.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.maillage.system.security.FuzzJson.Raw;

/**
 * The hostile inputs of the fuzz, fixed lists (no randomness in the values): what goes into a JSON body field of each
 * type, into a query or path parameter (already percent-encoded), into a header, and whole bodies.
 */
final class FuzzInputs {
    /** One input: how the report names it, and the value sent. */
    record Input(String label, Object value) {
    }

    static final String TEN_K = "x".repeat(10_000);
    static final String FORMULA = "=cmd|' /C calc'!A0";
    static final String SQL = "' OR '1'='1'; DROP TABLE places; --";
    static final String HTML = "<script>alert(1)</script><img src=x onerror=alert(1)>";

    private FuzzInputs() {
    }

    /** Hostile strings, for a JSON string field. */
    static List<Input> hostileStrings() {
        return List.of(
                new Input("NUL", "Fuzz\u0000nul"),
                new Input("control-char", "Fuzz\u001b[31m\u0007"),
                new Input("lone-surrogate", "Fuzz\uD800"),
                new Input("zero-width-only", "\u200B\u200C\u200D\uFEFF"),
                new Input("10k-chars", TEN_K),
                new Input("%%%_", "%%%_"),
                new Input("formula", FORMULA),
                new Input("sql", SQL),
                new Input("html", HTML),
                new Input("empty", ""),
                new Input("blank", "   "));
    }

    /** Wrong JSON types where a string is expected. */
    static List<Input> notStrings() {
        return List.of(
                new Input("number-for-string", 12345),
                new Input("true-for-string", Boolean.TRUE),
                new Input("object-for-string", Map.of("a", "b")),
                new Input("array-for-string", List.of("x")),
                new Input("null", null));
    }

    /** Extra values for a string with a format (dates and times far away or impossible, ids that are not ids). */
    static List<Input> formatted(String format) {
        if (format == null) {
            return List.of();
        }
        return switch (format) {
            case "date" -> List.of(new Input("year+1000000", "+1000000-01-01"), new Input("year-100000", "100000-01-01"),
                    new Input("2027-02-30", "2027-02-30"), new Input("year-0", "0000-01-01"), new Input("year-minus-1", "-0001-01-01"));
            case "date-time" -> List.of(new Input("year+1000000", "+1000000-01-01T00:00:00Z"),
                    new Input("year-100000", "100000-01-01T00:00:00Z"), new Input("no-zone", "2027-01-01T10:00:00"));
            case "local-time", "time", "partial-time" -> List.of(new Input("25:61", "25:61"), new Input("24:00:00", "24:00:00"),
                    new Input("long-fraction", "10:00:00.1234567890123"), new Input("negative", "-10:00"));
            case "uuid" -> List.of(new Input("not-a-uuid", "not-a-uuid"), new Input("nil-uuid", "00000000-0000-0000-0000-000000000000"),
                    new Input("uuid-with-suffix", "00000000-0000-4000-8000-000000000001x"));
            default -> List.of();
        };
    }

    /** For a JSON number or integer field: wrong types and huge values. */
    static List<Input> forNumber() {
        return List.of(
                new Input("string-for-number", "12"),
                new Input("text-for-number", "abc"),
                new Input("true-for-number", Boolean.TRUE),
                new Input("array-for-number", List.of(1)),
                new Input("object-for-number", Map.of()),
                new Input("-1", -1),
                new Input("1e308", new Raw("1e308")),
                new Input("-1e308", new Raw("-1e308")),
                new Input("1e999", new Raw("1e999")),
                new Input("Long.MAX", Long.MAX_VALUE),
                new Input("Long.MAX+1", new Raw("9223372036854775808")),
                new Input("fraction", new Raw("1.5")),
                new Input("null", null));
    }

    /** For a JSON boolean field. */
    static List<Input> forBoolean() {
        return List.of(
                new Input("1-for-true", 1),
                new Input("0-for-false", 0),
                new Input("string-true", "true"),
                new Input("string-yes", "yes"),
                new Input("object-for-boolean", Map.of()),
                new Input("null", null));
    }

    /** For a JSON array field, whose first item is {@code item}. */
    static List<Input> forArray(Object item) {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(item);
        }
        return List.of(
                new Input("object-for-array", Map.of("a", item == null ? "x" : item)),
                new Input("string-for-array", "x"),
                new Input("1-for-array", 1),
                new Input("null", null),
                new Input("1000-items", many),
                new Input("duplicates", java.util.Arrays.asList(item, item)),
                new Input("nested-array", List.of(java.util.Arrays.asList(item))),
                new Input("null-item", java.util.Arrays.asList((Object) null)));
    }

    /** A reduced set of hostile strings for the items of an array (the arrays are many). */
    static List<Input> forArrayItemString() {
        return List.of(
                new Input("NUL", "Fuzz\u0000nul"),
                new Input("lone-surrogate", "Fuzz\uD800"),
                new Input("zero-width-only", "\u200B\u200C"),
                new Input("10k-chars", TEN_K),
                new Input("formula", FORMULA),
                new Input("empty", ""),
                new Input("number-for-string", 12345),
                new Input("object-for-string", Map.of("a", "b")));
    }

    /** For a JSON object field. */
    static List<Input> forObject() {
        return List.of(
                new Input("array-for-object", List.of()),
                new Input("string-for-object", "x"),
                new Input("number-for-object", 1),
                new Input("null", null));
    }

    /** For a query or path parameter: percent-encoded values (the label names the decoded value). */
    static List<Input> forParameter() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("NUL", "%00");
        values.put("lone-surrogate", "%ED%A0%80");
        values.put("invalid-utf8", "%FF%FE");
        values.put("zero-width-only", "%E2%80%8B%E2%80%8C");
        values.put("10k-chars", TEN_K);
        values.put("2k-chars", "x".repeat(2_000));
        values.put("%%%_", "%25%25%25_");
        values.put("formula", encode(FORMULA));
        values.put("sql", encode(SQL));
        values.put("html", encode(HTML));
        values.put("empty", "");
        values.put("-1", "-1");
        values.put("Long.MAX+1", "9223372036854775808");
        values.put("1e308", "1e308");
        values.put("abc", "abc");
        values.put("year+1000000", encode("+1000000-01-01T00:00:00Z"));
        values.put("date+1000000", encode("+1000000-01-01"));
        values.put("not-a-uuid", "not-a-uuid");
        List<Input> inputs = new ArrayList<>();
        values.forEach((label, value) -> inputs.add(new Input(label, value)));
        return inputs;
    }

    /** Extra values for a path parameter. */
    static List<Input> forPathOnly() {
        return List.of(new Input("dot-dot", ".."), new Input("encoded-slash", "a%2Fb"),
                new Input("nil-uuid", "00000000-0000-0000-0000-000000000000"));
    }

    /** For a header (printable ASCII only: the HTTP client refuses anything else). */
    static List<Input> forHeader() {
        return List.of(
                new Input("10k-chars", TEN_K),
                new Input("formula", FORMULA),
                new Input("sql", SQL),
                new Input("html", HTML),
                new Input("%%%_", "%%%_"),
                new Input("empty", ""),
                new Input("Long.MAX+1", "9223372036854775808"),
                new Input("huge-weak-etag", "W/\"99999999999999999999999\""),
                new Input("unbalanced-quote", "\"abc"),
                new Input("star", "*"));
    }

    /** Whole bodies, built around the valid JSON text {@code valid} of the operation: label -> exact bytes. */
    static Map<String, byte[]> wholeBodies(String valid) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("malformed-json", "{\"name\": ".getBytes(StandardCharsets.UTF_8));
        bodies.put("unclosed-object", "{".getBytes(StandardCharsets.UTF_8));
        bodies.put("trailing-garbage", (valid + " x").getBytes(StandardCharsets.UTF_8));
        bodies.put("trailing-object", (valid + "{}").getBytes(StandardCharsets.UTF_8));
        bodies.put("trailing-bracket", (valid + "]").getBytes(StandardCharsets.UTF_8));
        bodies.put("empty-body", new byte[0]);
        bodies.put("json-null", "null".getBytes(StandardCharsets.UTF_8));
        bodies.put("json-array", "[]".getBytes(StandardCharsets.UTF_8));
        bodies.put("json-string", "\"x\"".getBytes(StandardCharsets.UTF_8));
        bodies.put("json-number", "123".getBytes(StandardCharsets.UTF_8));
        bodies.put("empty-object", "{}".getBytes(StandardCharsets.UTF_8));
        bodies.put("duplicate-keys", (valid.length() > 2 && valid.startsWith("{") ? "{\"a\":1,\"a\":2," + valid.substring(1)
                : "{\"a\":1,\"a\":2}").getBytes(StandardCharsets.UTF_8));
        bodies.put("invalid-utf8", "{\"name\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1));
        bodies.put("deep-nesting", ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8));
        bodies.put("900k-string", ("{\"name\":\"" + "x".repeat(900_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        bodies.put("2m-body", ("{\"name\":\"" + "x".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        bodies.put("comments", ("/* c */" + valid).getBytes(StandardCharsets.UTF_8));
        bodies.put("single-quotes", "{'name':'x'}".getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
