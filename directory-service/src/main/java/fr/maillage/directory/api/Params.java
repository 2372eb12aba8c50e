package fr.maillage.directory.api;

import java.util.UUID;

import fr.maillage.directory.domain.NotFoundException;

/**
 * Query and path parameters are read as strings and converted here: JAX-RS would answer a failed
 * conversion with a bare 404, where a client needs a 400 naming the parameter.
 */
public final class Params {
    private Params() {
    }

    public static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemMapper.BadRequestException(field, "identifiant UUID attendu (ex. 00000000-0000-4000-8000-000000000101), reçu « " + value + " »");
        }
    }

    /** A path id that is not a UUID cannot name an existing resource: 404, in French. */
    public static UUID pathId(String value, String what) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(what + " avec l'identifiant « " + value + " » (un UUID est attendu)");
        }
    }

    public static Double decimal(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.strip());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ProblemMapper.BadRequestException(field, "nombre attendu (ex. 49.9085), reçu « " + value + " »");
        }
    }

    public static Integer integer(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ProblemMapper.BadRequestException(field, "nombre entier attendu, reçu « " + value + " »");
        }
    }
}
