package fr.maillage.system.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.system.security.FuzzInputs.Input;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;

/**
 * Every request of the fuzz, derived from the merged OpenAPI document: for each operation, each path parameter, query
 * parameter, header parameter and body field (walked through the request schema, nested objects and array items
 * included) gets each hostile input of its type, the others keeping the valid value of {@link FuzzFixtures}; whole
 * bodies are broken too (malformed JSON, trailing garbage, no body...). Who sends each request (anonymous, the
 * administrator, the fuzz partner's application) is drawn from a fixed seed: the same document gives the same plan.
 */
final class FuzzPlan {
    enum Who { ANONYMOUS, ADMIN, PARTNER_APP }

    /** One request. {@code mustReject}: the input is not JSON at all, a 2xx is wrong too. */
    record Case(int index, String op, Who who, String where, String input, String method, String target, String contentType,
            byte[] body, Map<String, String> headers, boolean mustReject) {
        String describe() {
            return op + " [" + who.name().toLowerCase(java.util.Locale.ROOT) + "] " + where + " = " + input;
        }
    }

    /** What the document says of one operation. */
    record Op(String method, String path, boolean isPublic, Set<String> roles, List<Parameter> parameters, Schema<?> body,
            Set<String> mediaTypes) {
        String key() {
            return method + " " + path;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NOT_JSON = Set.of("malformed-json", "unclosed-object", "trailing-garbage", "trailing-object",
            "trailing-bracket", "invalid-utf8", "comments", "single-quotes");

    private final FuzzFixtures fixtures;
    private final Random random;
    private final List<Case> cases = new ArrayList<>();

    private FuzzPlan(FuzzFixtures fixtures, long seed) {
        this.fixtures = fixtures;
        this.random = new Random(seed);
    }

    static List<Op> operations(OpenAPI api) {
        List<Op> ops = new ArrayList<>();
        new TreeMap<>(api.getPaths()).forEach((path, item) -> {
            Map<PathItem.HttpMethod, Operation> byMethod = new TreeMap<>(item.readOperationsMap());
            byMethod.forEach((method, op) -> {
                Set<String> roles = new LinkedHashSet<>();
                if (op.getSecurity() != null) {
                    for (SecurityRequirement requirement : op.getSecurity()) {
                        requirement.values().forEach(roles::addAll);
                    }
                }
                List<Parameter> parameters = new ArrayList<>();
                if (item.getParameters() != null) {
                    parameters.addAll(item.getParameters());
                }
                if (op.getParameters() != null) {
                    parameters.addAll(op.getParameters());
                }
                Schema<?> body = null;
                Set<String> media = new LinkedHashSet<>();
                if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                    for (Map.Entry<String, MediaType> e : op.getRequestBody().getContent().entrySet()) {
                        media.add(e.getKey());
                        if (e.getKey().equals("application/json")) {
                            body = e.getValue().getSchema();
                        }
                    }
                }
                boolean isPublic = op.getSecurity() == null || op.getSecurity().isEmpty();
                ops.add(new Op(method.name(), path, isPublic, roles, parameters, body, media));
            });
        });
        return ops;
    }

    static List<Case> build(List<Op> ops, FuzzFixtures fixtures, long seed) {
        FuzzPlan plan = new FuzzPlan(fixtures, seed);
        ops.forEach(plan::operation);
        return plan.cases;
    }

    /**
     * At most this many mutated inputs (parameter, body field and CSV values) are sent per operation, drawn with the
     * seed among all those the operation allows; the controls (valid request, no token, whole bodies, content types) are
     * always sent. Sending every mutation of every operation took about 5 minutes of CI's 2 cores for 95 operations;
     * a larger cap or another seed (-Dmaillage.fuzz.max-mutations, -Dmaillage.fuzz.seed) explores more.
     */
    static final int MAX_MUTATIONS = Integer.getInteger("maillage.fuzz.max-mutations", 40);

    private final List<Runnable> mutations = new ArrayList<>();

    private void operation(Op op) {
        mutations.clear();
        cases(op);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < mutations.size(); i++) {
            order.add(i);
        }
        if (order.size() > MAX_MUTATIONS) {
            java.util.Collections.shuffle(order, random);
            order = new ArrayList<>(order.subList(0, MAX_MUTATIONS));
            java.util.Collections.sort(order);
        }
        order.forEach(i -> mutations.get(i).run());
    }

    private void mutation(Runnable addCase) {
        mutations.add(addCase);
    }

    private void cases(Op op) {
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> queryValues = new LinkedHashMap<>();
        Map<String, String> headerValues = new LinkedHashMap<>();
        for (Parameter p : op.parameters()) {
            switch (p.getIn()) {
                case "path" -> pathValues.put(p.getName(), fixtures.pathValue(op.path(), p.getName()));
                case "query" -> {
                    String value = fixtures.queryValue(p.getName());
                    if (value != null) {
                        queryValues.put(p.getName(), value);
                    }
                }
                case "header" -> {
                    if (p.getName().equalsIgnoreCase("X-Sms-Callback-Secret")) {
                        headerValues.put(p.getName(), "api-fuzz-not-the-secret");
                    }
                }
                default -> {
                }
            }
        }
        boolean hasBody = !op.mediaTypes().isEmpty();
        Object baseline = hasBody ? baseline(op) : null;
        String validJson = baseline == null ? null : FuzzJson.write(baseline);
        String contentType = op.mediaTypes().contains("application/json") ? "application/json"
                : op.mediaTypes().stream().findFirst().orElse(null);

        // A destructive operation (DELETE, or a POST without a body: archive, publish, rotate-secret...) is never sent on
        // the fuzz's own resources with a valid path: its valid request is not sent, its headers are fuzzed on unknown ids.
        boolean destructive = op.method().equals("DELETE") || (op.method().equals("POST") && !hasBody);
        Map<String, String> unknownIds = new LinkedHashMap<>();
        pathValues.keySet().forEach(k -> unknownIds.put(k, new java.util.UUID(random.nextLong(), random.nextLong()).toString()));
        // the valid request itself, once (a control: its answer is reported, not judged beyond the rules)
        if (!destructive) {
            add(op, pick(op), "valid request", "-", target(op, pathValues, queryValues), contentType, bytes(validJson), headerValues,
                    false);
        }
        // without a token: a protected operation answers 401 problem+json
        if (!op.isPublic()) {
            add(op, Who.ANONYMOUS, "no token", "-", target(op, destructive ? unknownIds : pathValues, queryValues), contentType,
                    bytes(validJson), headerValues, false);
        }

        for (Parameter p : op.parameters()) {
            List<Input> inputs = switch (p.getIn()) {
                case "path" -> concat(FuzzInputs.forParameter(), FuzzInputs.forPathOnly());
                case "query" -> FuzzInputs.forParameter();
                case "header" -> FuzzInputs.forHeader();
                default -> List.of();
            };
            for (Input input : inputs) {
                Map<String, String> path = new LinkedHashMap<>(destructive ? unknownIds : pathValues);
                Map<String, String> query = new LinkedHashMap<>(queryValues);
                Map<String, String> headers = new LinkedHashMap<>(headerValues);
                switch (p.getIn()) {
                    case "path" -> path.put(p.getName(), (String) input.value());
                    case "query" -> query.put(p.getName(), (String) input.value());
                    default -> headers.put(p.getName(), (String) input.value());
                }
                String where = p.getIn() + " " + p.getName();
                mutation(() -> add(op, pick(op), where, input.label(), target(op, path, query), contentType, bytes(validJson), headers,
                        false));
            }
            if (p.getIn().equals("query")) {
                Map<String, String> query = new LinkedHashMap<>(queryValues);
                query.remove(p.getName());
                String twice = target(op, pathValues, query) + (query.isEmpty() ? "?" : "&") + p.getName() + "=1&" + p.getName() + "=abc";
                mutation(() -> add(op, pick(op), "query " + p.getName(), "repeated", twice, contentType, bytes(validJson), headerValues,
                        false));
            }
        }

        if (!hasBody) {
            return;
        }
        String target = target(op, pathValues, queryValues);
        if (op.body() != null || baseline != null) {
            List<Field> fields = new ArrayList<>();
            walk(op.body(), baseline, new ArrayList<>(), false, 0, fields);
            for (Field field : fields) {
                for (Input input : mutations(field)) {
                    mutation(() -> {
                        Object mutated = set(FuzzJson.copy(baseline), field.location(), 0, input.value());
                        add(op, pick(op), "body " + field.name(), input.label(), target, contentType, bytes(FuzzJson.write(mutated)),
                                headerValues, false);
                    });
                }
            }
        }
        for (Map.Entry<String, byte[]> whole : FuzzInputs.wholeBodies(validJson).entrySet()) {
            boolean notJson = NOT_JSON.contains(whole.getKey());
            for (Who who : whoForWholeBody(op)) {
                add(op, who, "body", whole.getKey(), target, contentType, whole.getValue(), headerValues, notJson);
            }
        }
        Map<String, String> noType = new LinkedHashMap<>(headerValues);
        add(op, pick(op), "body", "no-content-type", target, null, bytes(validJson), noType, false);
        add(op, pick(op), "body", "text/plain", target, "text/plain", bytes(validJson), noType, false);
        add(op, pick(op), "body", "application/xml", target, "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8), noType, false);
        if (op.mediaTypes().contains("text/csv")) {
            for (Input input : FuzzInputs.hostileStrings()) {
                String csv = "id,nom,adresse,code_postal,code_insee,commune\napi-fuzz-csv,\"" + String.valueOf(input.value()).replace("\"", "\"\"")
                        + "\",1 rue du Fuzz,80800,80212,Corbie\n";
                mutation(() -> add(op, pick(op), "csv nom", input.label(), target, "text/csv", csv.getBytes(StandardCharsets.UTF_8),
                        headerValues, false));
            }
            add(op, pick(op), "csv", "unbalanced-quote", target, "text/csv",
                    "id,nom\n\"api-fuzz,x\n".getBytes(StandardCharsets.UTF_8), headerValues, false);
        }
    }

    private List<Who> whoForWholeBody(Op op) {
        List<Who> who = new ArrayList<>();
        if (op.isPublic()) {
            who.add(Who.ANONYMOUS);
            return who;
        }
        if (op.roles().contains("admin")) {
            who.add(Who.ADMIN);
        }
        if (op.roles().contains("partner-app")) {
            who.add(Who.PARTNER_APP);
        }
        if (who.isEmpty()) {
            who.add(Who.ADMIN);
        }
        return who;
    }

    /** Who sends a request of this operation (seeded draw): anonymous or the admin when public, else the admin or the partner app. */
    private Who pick(Op op) {
        if (op.isPublic()) {
            return random.nextInt(5) < 3 ? Who.ANONYMOUS : Who.ADMIN;
        }
        boolean admin = op.roles().contains("admin");
        boolean app = op.roles().contains("partner-app");
        if (admin && app) {
            return random.nextBoolean() ? Who.ADMIN : Who.PARTNER_APP;
        }
        return app ? Who.PARTNER_APP : Who.ADMIN;
    }

    private void add(Op op, Who who, String where, String input, String target, String contentType, byte[] body,
            Map<String, String> headers, boolean mustReject) {
        cases.add(new Case(cases.size(), op.key(), who, where, input, op.method(), target, body == null ? null : contentType, body,
                headers, mustReject));
    }

    private static String target(Op op, Map<String, String> path, Map<String, String> query) {
        String t = op.path();
        for (Map.Entry<String, String> e : path.entrySet()) {
            t = t.replace("{" + e.getKey() + "}", e.getValue());
        }
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=').append(v));
        return t + q;
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ body fields

    /** A field of the body: where it is (keys and indexes), its type and format, whether it is an item of an array. */
    record Field(List<Object> location, String type, String format, boolean item, Object value) {
        String name() {
            StringBuilder s = new StringBuilder();
            for (Object part : location) {
                if (part instanceof Integer) {
                    s.append("[]");
                } else {
                    s.append(s.length() == 0 ? "" : ".").append(part);
                }
            }
            return s.toString();
        }
    }

    private Object baseline(Op op) {
        Object fixture = fixtures.baselines.get(op.key());
        if (fixture != null) {
            return FuzzJson.copy(fixture);
        }
        Object generated = op.body() == null ? null : generate(op.body(), "", 0);
        return generated instanceof Map || generated instanceof List ? generated : FuzzFixtures.map();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void walk(Schema schema, Object value, List<Object> location, boolean item, int depth, List<Field> out) {
        String type = type(schema, value);
        if (!location.isEmpty()) {
            out.add(new Field(List.copyOf(location), type, schema == null ? null : schema.getFormat(), item, value));
        }
        if (depth > 4) {
            return;
        }
        if ("object".equals(type)) {
            Set<String> names = new LinkedHashSet<>();
            Map<String, Schema> properties = schema == null || schema.getProperties() == null ? Map.of() : schema.getProperties();
            names.addAll(properties.keySet());
            if (value instanceof Map<?, ?> map) {
                map.keySet().forEach(k -> names.add((String) k));
            }
            for (String name : names) {
                Schema child = properties.get(name);
                Object childValue = value instanceof Map<?, ?> map && map.containsKey(name) ? map.get(name)
                        : generate(child, name, depth + 1);
                location.add(name);
                walk(child, childValue, location, item, depth + 1, out);
                location.remove(location.size() - 1);
            }
        } else if ("array".equals(type)) {
            Schema items = schema == null ? null : schema.getItems();
            Object first = value instanceof List<?> list && !list.isEmpty() ? list.get(0) : generate(items, "", depth + 1);
            location.add(0);
            walk(items, first, location, true, depth + 1, out);
            location.remove(location.size() - 1);
        }
    }

    private static List<Input> mutations(Field field) {
        List<Input> inputs = new ArrayList<>();
        switch (field.type()) {
            case "integer", "number" -> {
                if (field.item()) {
                    inputs.addAll(FuzzInputs.forNumber().stream().filter(i -> Set.of("string-for-number", "1e308", "Long.MAX+1",
                            "-1", "fraction", "null").contains(i.label())).toList());
                } else {
                    inputs.addAll(FuzzInputs.forNumber());
                }
            }
            case "boolean" -> inputs.addAll(FuzzInputs.forBoolean());
            case "array" -> inputs.addAll(FuzzInputs.forArray(field.value()instanceof List<?> l && !l.isEmpty() ? l.get(0) : "x"));
            case "object" -> inputs.addAll(FuzzInputs.forObject());
            default -> {
                if (field.item()) {
                    inputs.addAll(FuzzInputs.forArrayItemString());
                } else {
                    inputs.addAll(FuzzInputs.hostileStrings());
                    inputs.addAll(FuzzInputs.notStrings());
                }
                inputs.addAll(FuzzInputs.formatted(field.format()));
            }
        }
        return inputs;
    }

    /** Sets {@code value} at {@code location} in a copy-able tree, creating the objects and lists on the way. */
    @SuppressWarnings("unchecked")
    private static Object set(Object node, List<Object> location, int i, Object value) {
        if (i == location.size()) {
            return value;
        }
        Object key = location.get(i);
        if (key instanceof Integer index) {
            List<Object> list = node instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
            if (list.size() <= index) {
                list = new ArrayList<>(list);
                while (list.size() <= index) {
                    list.add(null);
                }
            }
            list.set(index, set(list.get(index), location, i + 1, value));
            return list;
        }
        Map<String, Object> map = node instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
        map.put((String) key, set(map.get(key), location, i + 1, value));
        return map;
    }

    @SuppressWarnings("rawtypes")
    private static String type(Schema schema, Object value) {
        if (schema != null) {
            if (schema.getType() != null) {
                return schema.getType();
            }
            if (schema.getTypes() != null) {
                for (Object t : schema.getTypes()) {
                    if (!"null".equals(t)) {
                        return (String) t;
                    }
                }
            }
            if (schema.getProperties() != null) {
                return "object";
            }
            if (schema.getItems() != null) {
                return "array";
            }
        }
        if (value instanceof Map) {
            return "object";
        }
        if (value instanceof List) {
            return "array";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Integer || value instanceof Long) {
            return "integer";
        }
        if (value instanceof Number) {
            return "number";
        }
        return "string";
    }

    /** A plausible value from the schema (example, first enum value, a value of the format), for fields the fixtures leave out. */
    @SuppressWarnings("rawtypes")
    private Object generate(Schema schema, String name, int depth) {
        if (schema == null) {
            return "Fuzz";
        }
        if (schema.getExamples() != null && !schema.getExamples().isEmpty()) {
            return JSON.convertValue(schema.getExamples().get(0), Object.class);
        }
        if (schema.getExample() != null) {
            return JSON.convertValue(schema.getExample(), Object.class);
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return JSON.convertValue(schema.getEnum().get(0), Object.class);
        }
        String type = type(schema, null);
        switch (type) {
            case "integer":
                return schema.getMinimum() != null ? schema.getMinimum().longValue() : 1;
            case "number":
                return 1.5;
            case "boolean":
                return Boolean.TRUE;
            case "array": {
                List<Object> list = new ArrayList<>();
                if (depth < 4) {
                    list.add(generate(schema.getItems(), name, depth + 1));
                }
                return list;
            }
            case "object": {
                Map<String, Object> map = new LinkedHashMap<>();
                if (depth < 4 && schema.getProperties() != null) {
                    Map<?, ?> properties = schema.getProperties();
                    properties.forEach((k, v) -> map.put((String) k, generate((Schema) v, (String) k, depth + 1)));
                }
                return map;
            }
            default:
                String format = schema.getFormat() == null ? "" : schema.getFormat();
                return switch (format) {
                    case "uuid" -> fixtures.ids.getOrDefault(name.replace("Id", "").toUpperCase(java.util.Locale.ROOT),
                            "00000000-0000-4000-8000-00000000f022");
                    case "date" -> "2027-01-15";
                    case "date-time" -> "2027-01-15T10:00:00Z";
                    case "local-time", "time", "partial-time" -> "10:00";
                    default -> "Fuzz";
                };
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
