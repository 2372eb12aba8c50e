package fr.maillage.web.citizen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A form's values and errors as the templates show them: each error next to its field (tied by aria-describedby) and
 * listed in a summary at the top of the form, with links to the fields.
 */
public class Form {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private String general;

    public record FieldError(String field, String label, String message) {
    }

    public Form label(String field, String label) {
        labels.put(field, label);
        return this;
    }

    public Form set(String field, String value) {
        values.put(field, value == null ? "" : value);
        return this;
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public boolean checked(String field) {
        return !value(field).isBlank();
    }

    public Form error(String field, String message) {
        errors.putIfAbsent(field, message);
        return this;
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public boolean valid() {
        return errors.isEmpty() && general == null;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<FieldError> errors() {
        List<FieldError> list = new ArrayList<>();
        errors.forEach((f, m) -> list.add(new FieldError(f, labels.getOrDefault(f, f), m)));
        return list;
    }

    public String general() {
        return general;
    }

    public Form general(String message) {
        this.general = message;
        return this;
    }

    /** The ids an input is described by: its hint (if any) and its error (when it has one). */
    public String describedBy(String field, String hintId) {
        StringBuilder ids = new StringBuilder();
        if (hintId != null && !hintId.isBlank()) {
            ids.append(hintId);
        }
        if (has(field)) {
            if (ids.length() > 0) {
                ids.append(' ');
            }
            ids.append(field).append("-erreur");
        }
        return ids.toString();
    }
}
