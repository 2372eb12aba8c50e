package fr.maillage.directory.domain;

/** One problem with one field of a request or an imported row, explained in French. */
public record FieldError(String field, String message) {
}
