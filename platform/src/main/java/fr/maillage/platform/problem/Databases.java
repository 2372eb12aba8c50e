package fr.maillage.platform.problem;

import java.sql.SQLException;

/**
 * What a database failure means to a client: unavailable for now (503 with Retry-After, worth retrying), a value
 * PostgreSQL cannot store (400), a concurrent write (409), or an internal error (500). Used by the HTTP mappers and
 * by the consumers' retry policy ({@link #isTransient(Throwable)}).
 */
public final class Databases {
    private Databases() {
    }

    /** The connection is lost or refused, the server restarts, or no pooled connection came in time. */
    public static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String state = t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"))) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase();
            if (message.contains("acquisition timeout") || message.contains("unable to acquire jdbc connection")
                    || message.contains("connection is closed") || message.contains("this connection has been closed")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Worth trying again as is: unavailable, or a deadlock, serialization failure or lock timeout (40001, 40P01, 55P03, 57014). */
    public static boolean isTransient(Throwable e) {
        if (unavailable(e)) {
            return true;
        }
        String state = sqlState(e);
        return state != null && (state.equals("40001") || state.equals("40P01") || state.equals("55P03")
                || state.equals("57014"));
    }

    public static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    static Problem problemOf(Throwable e) {
        if (unavailable(e)) {
            return Problem.unavailable("La base de données est momentanément indisponible : réessayez dans quelques secondes.", 5);
        }
        String state = sqlState(e);
        if (state != null && state.startsWith("22")) {
            // data exception: a NUL character, an invalid byte sequence, a value out of range or too long
            return Problem.badRequest("body", "Une valeur envoyée ne peut pas être enregistrée : caractère interdit, "
                    + "valeur hors limites ou trop longue. Corrigez-la puis recommencez.");
        }
        if (state != null && (state.equals("23505") || state.equals("40001") || state.equals("40P01"))) {
            return Problem.conflict(null, "Une écriture concurrente sur la même ressource a eu lieu au même moment : "
                    + "relisez-la puis recommencez.");
        }
        if (e instanceof jakarta.persistence.OptimisticLockException || e instanceof org.hibernate.StaleStateException) {
            return ProblemMappers.staleVersion();
        }
        return Problem.internal();
    }
}
