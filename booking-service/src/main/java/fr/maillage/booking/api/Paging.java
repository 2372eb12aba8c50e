package fr.maillage.booking.api;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Parsing of query parameters into problem+json 400s naming the parameter. */
final class Paging {
    static final int MAX_SIZE = 200;

    private Paging() {
    }

    static void check(int page, int size) {
        if (page < 0) {
            throw ApiProblem.badRequest("page", "page commence à 0.");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiProblem.badRequest("size", "size doit être compris entre 1 et " + MAX_SIZE + ".");
        }
    }

    static OffsetDateTime time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip().replace(' ', '+'));
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, field + " doit être une date ISO-8601 avec décalage, par exemple 2026-03-02T09:00:00+01:00.");
        }
    }

    static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, field + " doit être un identifiant UUID.");
        }
    }
}
