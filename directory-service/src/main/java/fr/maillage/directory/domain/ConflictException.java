package fr.maillage.directory.domain;

/** A change that conflicts with the current state (stale version, still referenced…): answered 409. */
public class ConflictException extends RuntimeException {
    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
