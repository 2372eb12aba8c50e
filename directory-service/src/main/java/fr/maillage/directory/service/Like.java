package fr.maillage.directory.service;

/**
 * Client text inside a SQL {@code LIKE} pattern: {@code %} and {@code _} are wildcards and {@code \} is PostgreSQL's
 * default escape character, so each is escaped and the text is matched literally ({@code communes?q=%%%_} must
 * not match every commune). Only the pattern is escaped; the same text is bound unescaped elsewhere (trigram
 * similarity).
 */
final class Like {
    private Like() {
    }

    static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
