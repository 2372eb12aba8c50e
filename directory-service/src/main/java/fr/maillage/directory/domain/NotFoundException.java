package fr.maillage.directory.domain;

/** An unknown identifier in the path: answered 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
