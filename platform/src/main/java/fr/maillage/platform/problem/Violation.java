package fr.maillage.platform.problem;

/** One field at fault in a request, and what to fix, in French. */
public record Violation(String field, String message) {
}
