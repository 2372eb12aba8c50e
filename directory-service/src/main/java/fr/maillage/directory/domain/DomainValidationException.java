package fr.maillage.directory.domain;

import java.util.List;

/** A request that is well-formed but breaks a domain rule: answered 422 with every field at fault. */
public class DomainValidationException extends RuntimeException {
    private final List<FieldError> errors;

    public DomainValidationException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalide" : errors.get(0).field() + " : " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public DomainValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
