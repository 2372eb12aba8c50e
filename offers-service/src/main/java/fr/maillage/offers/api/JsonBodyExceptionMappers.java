package fr.maillage.offers.api;

import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import fr.maillage.offers.domain.DomainException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A body Jackson cannot read (wrong type, malformed UUID or date, broken JSON): 400 problem+json naming
 * the field, in French. Priority 500 wins over quarkus-resteasy-problem's own Jackson mappers (registered at 999),
 * which say the same in English.
 */
public class JsonBodyExceptionMappers {

    static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    static Response problem(UriInfo uri, String field, String message) {
        return new DomainExceptionMapper().withUri(uri).toResponse(DomainException.malformedBody(field.isEmpty() ? "body" : field, message));
    }

    static String expected(Class<?> type) {
        if (type == null) {
            return "une autre valeur";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "une liste [...]";
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "un UUID (ex. 00000000-0000-4000-8000-000000000101)";
            case "LocalDate" -> "une date AAAA-MM-JJ";
            case "LocalTime" -> "une heure HH:MM";
            case "Integer", "int", "Long", "long" -> "un nombre entier";
            case "Boolean", "boolean" -> "true ou false";
            case "String" -> "un texte";
            default -> "un objet " + type.getSimpleName();
        };
    }

    @ServerExceptionMapper(priority = 500)
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        String field = path(e);
        return problem(uri, field, "Valeur « " + e.getValue() + " » invalide pour " + field + " : "
                + expected(e.getTargetType()) + " est attendu.");
    }

    @ServerExceptionMapper(priority = 500)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = path(e);
        return problem(uri, field, "Type de valeur inattendu pour " + (field.isEmpty() ? "le corps" : field) + " : "
                + expected(e.getTargetType()) + " est attendu.");
    }

    @ServerExceptionMapper(priority = 500)
    public Response processing(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return problem(uri, path(m), "Valeur invalide pour " + path(m) + ".");
        }
        String where = e.getLocation() == null ? ""
                : " (ligne " + e.getLocation().getLineNr() + ", colonne " + e.getLocation().getColumnNr() + ")";
        return problem(uri, "body", (e instanceof JsonParseException ? "JSON mal formé" : "Corps illisible") + where
                + " : envoyez un objet JSON valide.");
    }
}
