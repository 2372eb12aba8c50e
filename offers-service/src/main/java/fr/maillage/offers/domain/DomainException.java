package fr.maillage.offers.domain;

import java.util.List;

/**
 * A request the domain refuses, with the HTTP-agnostic kind of refusal and, per offending field, what
 * to fix (in French, for the person who filled the form). Mapped to problem+json by the api layer.
 */
public class DomainException extends RuntimeException {
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, MALFORMED }

    public record Violation(String field, String message) {
    }

    private final Kind kind;
    private final List<Violation> violations;

    public DomainException(Kind kind, String detail, List<Violation> violations) {
        super(detail);
        this.kind = kind;
        this.violations = List.copyOf(violations);
    }

    public static DomainException invalid(List<Violation> violations) {
        return new DomainException(Kind.INVALID, violations.size() == 1 ? violations.get(0).message()
                : "La demande contient " + violations.size() + " erreurs, détaillées dans « violations ».", violations);
    }

    public static DomainException invalid(String field, String message) {
        return invalid(List.of(new Violation(field, message)));
    }

    public static DomainException malformed(String field, String message) {
        return new DomainException(Kind.MALFORMED, message, List.of(new Violation(field, message)));
    }

    public static DomainException notFound(String field, String message) {
        return new DomainException(Kind.NOT_FOUND, message, List.of(new Violation(field, message)));
    }

    public static DomainException conflict(String field, String message) {
        return new DomainException(Kind.CONFLICT, message, List.of(new Violation(field, message)));
    }

    public Kind kind() {
        return kind;
    }

    public List<Violation> violations() {
        return violations;
    }
}
