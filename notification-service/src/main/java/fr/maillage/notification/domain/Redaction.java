package fr.maillage.notification.domain;

import java.util.regex.Pattern;

/**
 * Masks what must never reach a log line or an error shown to a caller (issue 16, item 4): JSON Web Tokens, links
 * (self-service links carry their token; webhook URLs may carry a partner's secret), e-mail addresses and phone
 * numbers (E.164, 00-international and French national forms, with or without spaces, dots or dashes), and six digits
 * standing alone (a booking's one-time code, issue 17: the log provider writes SMS texts). Identifiers
 * (UUIDs), dates and counts are left as they are. Used on every text this service logs that it did not write itself
 * (SMS texts of the log provider, provider and SMTP error messages, exception messages).
 */
public final class Redaction {
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?|wss?|ftp)://[^\\s\"'<>]+");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w.+-])(?:(?:\\+|00)[1-9](?:[ .-]?\\d){6,14}|0[1-9](?:[ .-]?\\d{2}){4})(?![\\w-])");
    private static final Pattern CODE = Pattern.compile("(?<![\\w.:/-])\\d{6}(?![\\w:/-])");

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = JWT.matcher(text).replaceAll("[jeton masqué]");
        out = LINK.matcher(out).replaceAll("[lien masqué]");
        out = EMAIL.matcher(out).replaceAll("[adresse masquée]");
        out = PHONE.matcher(out).replaceAll("[numéro masqué]");
        return CODE.matcher(out).replaceAll("[code masqué]");
    }

    /** An exception as one safe line: its class and redacted message (never the causes' values). */
    public static String describe(Throwable e) {
        if (e == null) {
            return "null";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + redact(e.getMessage()));
    }
}
