package fr.maillage.platform.problem;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Names the field of a body Jackson could not read, and what it expected, in French. */
final class JsonErrors {
    private JsonErrors() {
    }

    static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    static String fieldOrBody(JsonMappingException e) {
        String path = path(e);
        return path.isEmpty() ? "body" : path;
    }

    static String expected(Class<?> type) {
        if (type == null) {
            return "une autre valeur";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "une liste [...]";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "un objet {...}";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            StringBuilder values = new StringBuilder();
            for (Object c : constants) {
                values.append(values.length() == 0 ? "" : ", ").append(c);
            }
            return "une valeur parmi " + values;
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "un UUID (ex. 00000000-0000-4000-8000-000000000101)";
            case "LocalDate" -> "une date AAAA-MM-JJ";
            case "LocalTime" -> "une heure HH:MM";
            case "OffsetDateTime", "Instant", "ZonedDateTime" -> "une date et heure ISO-8601 avec décalage (ex. 2026-03-02T09:00:00+01:00)";
            case "Integer", "int", "Long", "long", "Short", "short" -> "un nombre entier";
            case "Double", "double", "Float", "float", "BigDecimal" -> "un nombre";
            case "Boolean", "boolean" -> "true ou false";
            case "String" -> "un texte";
            default -> "un objet {...}";
        };
    }
}
