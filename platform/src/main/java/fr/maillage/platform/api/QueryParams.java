package fr.maillage.platform.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

import fr.maillage.platform.problem.Problem;

/**
 * Query, path and header parameters are taken as strings and converted here, so that a value that does not convert
 * gets a 400 problem+json naming the parameter, in French (JAX-RS alone answers a bare 404). Blank means absent
 * (null). The one parser of paging and filters for every service.
 */
public final class QueryParams {
    /** The largest page any list answers; documented in each list operation. */
    public static final int MAX_PAGE_SIZE = 200;

    private QueryParams() {
    }

    /** page from 0, size from 1 to {@link #MAX_PAGE_SIZE}. */
    public static PageRequest page(int page, int size) {
        return page(page, size, MAX_PAGE_SIZE);
    }

    public static PageRequest page(int page, int size, int maxSize) {
        if (page < 0) {
            throw Problem.badRequest("page", "page commence à 0.");
        }
        if (size < 1 || size > maxSize) {
            throw Problem.badRequest("size", "size doit être compris entre 1 et " + maxSize + ".");
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw Problem.badRequest("page", "page est trop grand pour cette taille de page.");
        }
        return new PageRequest(page, size);
    }

    public static UUID uuid(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(field, field + " doit être un identifiant UUID (ex. 00000000-0000-4000-8000-000000000101).");
        }
    }

    /** A path id that is not a UUID cannot name an existing resource: 404, in French ({@code what}: "Lieu", ...). */
    public static UUID pathId(String value, String what) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Problem.notFound("id", what + " introuvable : l'identifiant doit être un UUID.");
        }
    }

    public static Double decimal(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.strip());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw Problem.badRequest(field, field + " doit être un nombre (ex. 49.9085).");
        }
    }

    public static Integer integer(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw Problem.badRequest(field, field + " doit être un nombre entier.");
        }
    }

    /** An integer within [min, max] (inclusive), or null when absent. */
    public static Integer integer(String field, String value, int min, int max) {
        Integer n = integer(field, value);
        if (n != null && (n < min || n > max)) {
            throw Problem.badRequest(field, field + " doit être compris entre " + min + " et " + max + ".");
        }
        return n;
    }

    /** An ISO-8601 instant with offset; a '+' decoded as a space in a query string is restored. Years 1–9999 only. */
    public static OffsetDateTime time(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(value.strip().replace(' ', '+'));
            if (t.getYear() < 1 || t.getYear() > 9999) {
                throw Problem.badRequest(field, field + " doit être une date entre l'an 1 et l'an 9999.");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(field, field
                    + " doit être une date ISO-8601 avec décalage, par exemple 2026-03-02T09:00:00+01:00.");
        }
    }

    public static LocalDate date(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value.strip());
            if (d.getYear() < 1 || d.getYear() > 9999) {
                throw Problem.badRequest(field, field + " doit être une date entre l'an 1 et l'an 9999.");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(field, field + " doit être une date AAAA-MM-JJ, par exemple 2026-03-02.");
        }
    }

    /** An enum constant by name, case-insensitive, '-' read as '_'; the 400 lists the accepted values. */
    public static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (blank(value)) {
            return null;
        }
        String name = value.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        StringBuilder accepted = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            accepted.append(accepted.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw Problem.badRequest(field, field + " doit valoir une de ces valeurs : " + accepted + ".");
    }

    /**
     * The version an If-Match header names: a strong or weak entity tag ({@code "3"}, {@code W/"3"}) or a bare number;
     * null when absent, blank or {@code *} (no precondition). Anything else is a 400 naming If-Match.
     */
    public static Long ifMatch(String header) {
        if (blank(header) || header.strip().equals("*")) {
            return null;
        }
        String v = header.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw Problem.badRequest("If-Match", "L'en-tête If-Match doit contenir la version lue dans l'ETag, par exemple "
                    + "\"3\" (reçu « " + header.strip() + " »).");
        }
    }

    /** The ETag of a version, as {@link #ifMatch} reads it back. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
