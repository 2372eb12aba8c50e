package fr.maillage.directory.domain;

import fr.maillage.platform.hours.OpeningHours;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.problem.Violation;

/**
 * Collects field problems while cleaning values, so a request reports every faulty field at once.
 * Each check returns the cleaned value (or null / the valid subset when the input is faulty): the
 * REST API refuses a request with any problem, the importer keeps the row with the faulty optional
 * values dropped and reports them.
 */
public class Checks {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** The standard's date_maj is when the place's data was last checked: not before this, not in the future. */
    public static final LocalDate FIRST_DATE_MAJ = LocalDate.of(2000, 1, 1);

    private final List<Violation> errors = new ArrayList<>();

    public List<Violation> errors() {
        return errors;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void add(String field, String message) {
        errors.add(new Violation(field, message));
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw Problem.ruleBroken(errors);
        }
    }

    public String required(String field, String value, int max, String what) {
        if (value == null || value.isBlank()) {
            add(field, what + " est obligatoire");
            return null;
        }
        return optional(field, value, max);
    }

    public String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            add(field, "ne doit pas dépasser " + max + " caractères (reçu " + v.length() + ")");
            return null;
        }
        return v;
    }

    /** The values that belong to the standard's enumeration, spelt as the standard spells them. */
    public List<String> enumeration(String field, List<String> values, List<String> allowed) {
        Set<String> clean = new LinkedHashSet<>();
        if (values == null) {
            return new ArrayList<>();
        }
        for (String value : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            String canonical = Standard.canonical(allowed, value);
            if (canonical == null) {
                add(field, "valeur inconnue « " + value.strip() + " » ; valeurs admises : " + String.join(" | ", allowed));
            } else {
                clean.add(canonical);
            }
        }
        return new ArrayList<>(clean);
    }

    public String oneOf(String field, String value, List<String> allowed, String defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        String canonical = Standard.canonical(allowed, value);
        if (canonical == null) {
            add(field, "valeur inconnue « " + value.strip() + " » ; valeurs admises : " + String.join(" | ", allowed));
            return defaultValue;
        }
        return canonical;
    }

    public String phone(String field, String value) {
        Phones.Result result = Phones.normalise(value);
        if (result.problem() != null) {
            add(field, result.problem());
        }
        return result.e164();
    }

    public String email(String field, String value) {
        String v = optional(field, value, 254);
        if (v != null && !EMAIL.matcher(v).matches()) {
            add(field, "« " + v + " » n'est pas une adresse électronique valide");
            return null;
        }
        return v;
    }

    public String url(String field, String value) {
        String v = optional(field, value, 2000);
        if (v == null) {
            return null;
        }
        try {
            URI uri = URI.create(v);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                add(field, "« " + v + " » n'est pas une adresse web complète (https://…)");
                return null;
            }
            return v;
        } catch (IllegalArgumentException e) {
            add(field, "« " + v + " » n'est pas une adresse web valide");
            return null;
        }
    }

    public String openingHours(String field, String value) {
        String v = optional(field, value, 1000);
        if (v == null) {
            return null;
        }
        String problem = OpeningHours.problem(v);
        if (problem != null) {
            add(field, problem);
            return null;
        }
        return v;
    }

    public String siret(String field, String value) {
        String v = Identifiers.compact(value);
        if (v == null) {
            return null;
        }
        String problem = Identifiers.siretProblem(v);
        if (problem != null) {
            add(field, problem);
            return null;
        }
        return v;
    }

    public String rna(String field, String value) {
        String v = Identifiers.compact(value);
        if (v == null) {
            return null;
        }
        String problem = Identifiers.rnaProblem(v);
        if (problem != null) {
            add(field, problem);
            return null;
        }
        return v;
    }

    public String postalCode(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "le code postal est obligatoire");
            return null;
        }
        String v = value.strip();
        if (!v.matches("\\d{5}")) {
            add(field, "le code postal doit comporter 5 chiffres (reçu « " + v + " »)");
            return null;
        }
        return v;
    }

    public Double coordinate(String field, Double value, double limit) {
        if (value == null) {
            return null;
        }
        if (value.isNaN() || value < -limit || value > limit) {
            add(field, "doit être compris entre -" + (int) limit + " et " + (int) limit + " (reçu " + value + ")");
            return null;
        }
        return value;
    }

    /** The update date of a place's data, or null (reported) when it is before 2000 or after tomorrow (Europe/Paris). */
    public LocalDate dateMaj(String field, LocalDate value) {
        String problem = dateMajProblem(value);
        if (problem != null) {
            add(field, problem);
            return null;
        }
        return value;
    }

    /**
     * Why a date_maj is absurd (year 100000, 1789, next year), or null when it is plausible: from 2000-01-01 to
     * tomorrow in Europe/Paris (a day of tolerance for clocks and time zones).
     */
    public static String dateMajProblem(LocalDate value) {
        if (value == null) {
            return null;
        }
        LocalDate latest = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(1);
        if (value.isBefore(FIRST_DATE_MAJ) || value.isAfter(latest)) {
            return "la date de mise à jour doit être comprise entre " + FIRST_DATE_MAJ + " et " + latest + " (reçu " + value + ")";
        }
        return null;
    }
}
