package fr.maillage.offers.domain;

import java.util.List;

/**
 * A request the domain refuses, with the HTTP-agnostic kind of refusal and, per offending field, what
 * to fix (in French, for the person who filled the form). Mapped to problem+json by the api layer.
 */
public class DomainException extends RuntimeException {
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, MALFORMED, FORBIDDEN }

    public record Violation(String field, String message) {
    }

    private final Kind kind;
    private final List<Violation> violations;
    private boolean inBody;

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

    /** A request body that cannot be read (as opposed to a malformed query parameter). */
    public static DomainException malformedBody(String field, String message) {
        DomainException e = malformed(field, message);
        e.inBody = true;
        return e;
    }

    public static DomainException notFound(String field, String message) {
        return new DomainException(Kind.NOT_FOUND, message, List.of(new Violation(field, message)));
    }

    /** The caller is known but may not do this (wrong organisation); {@code field} names what does not match. */
    public static DomainException forbidden(String field, String message, boolean inBody) {
        DomainException e = new DomainException(Kind.FORBIDDEN, message, List.of(new Violation(field, message)));
        e.inBody = inBody;
        return e;
    }

    public static DomainException conflict(String field, String message) {
        return new DomainException(Kind.CONFLICT, message, List.of(new Violation(field, message)));
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the offending fields are in the request body (INVALID requests always are). */
    public boolean inBody() {
        return inBody || kind == Kind.INVALID;
    }

    public List<Violation> violations() {
        return violations;
    }
}
