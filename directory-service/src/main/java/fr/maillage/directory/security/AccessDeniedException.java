package fr.maillage.directory.security;

/**
 * An authenticated caller may not do this (wrong organisation, or an action reserved to the territory
 * administrator): answered 403 problem+json with the message as detail. Messages name identifiers and
 * roles only, never personal data.
 */
public class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String message) {
        super(message);
    }
}
