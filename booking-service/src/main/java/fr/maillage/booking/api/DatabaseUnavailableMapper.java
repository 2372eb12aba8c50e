package fr.maillage.booking.api;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * PostgreSQL unreachable or restarting (connection refused, connection killed by a restart, no pooled
 * connection within the acquisition timeout): 503 problem+json with Retry-After, which a client may
 * retry, instead of a 500 that reads like a bug. Any other database error stays a 500.
 */
public class DatabaseUnavailableMapper {

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        return answer(e, uri);
    }

    @ServerExceptionMapper
    public Response sql(SQLException e, UriInfo uri) {
        return answer(e, uri);
    }

    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase();
            if (message.contains("acquisition timeout") || message.contains("unable to acquire jdbc connection")) {
                return true;
            }
        }
        return false;
    }

    private static Response answer(Throwable e, UriInfo uri) {
        boolean unavailable = databaseUnavailable(e);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", unavailable ? "Service Unavailable" : "Internal Server Error");
        body.put("status", unavailable ? 503 : 500);
        body.put("detail", unavailable ? "La base de données est momentanément indisponible : réessayez dans quelques secondes."
                : "Erreur interne de la base de données.");
        body.put("instance", uri.getPath());
        body.put("violations", List.of());
        Response.ResponseBuilder response = Response.status(unavailable ? 503 : 500).type("application/problem+json").entity(body);
        return unavailable ? response.header("Retry-After", "5").build() : response.build();
    }
}
