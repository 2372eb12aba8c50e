package fr.maillage.notification.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A position in the event feed as partners see it: opaque ({@code base64url("e1:<position>")}), so the feed may
 * change what it encodes later (a new prefix) without partners depending on numbers.
 */
public final class FeedCursor {
    private static final String PREFIX = "e1:";
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern POSITION = Pattern.compile("0|[1-9][0-9]{0,17}");

    private FeedCursor() {
    }

    public static String of(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + position).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position a cursor stands for; empty if it is not one this feed handed out. */
    public static Optional<Long> position(String cursor) {
        if (cursor == null || !FORM.matcher(cursor).matches()) {
            return Optional.empty();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!text.startsWith(PREFIX) || !POSITION.matcher(text.substring(PREFIX.length())).matches()) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text.substring(PREFIX.length())));
    }
}
