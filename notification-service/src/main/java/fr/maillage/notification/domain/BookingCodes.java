package fr.maillage.notification.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-time code of a booking made from the public site (issue 17), as booking-service seals it in
 * {@code BookingCodeRequested}: the six digits themselves ({@code "123456"}) or a JSON object {@code {"code":"123456"}}.
 * The code is never logged nor stored in clear: it is opened only to check the event and to render the message.
 */
public final class BookingCodes {
    private static final Pattern DIGITS = Pattern.compile("\\d{6}");
    private static final Pattern IN_JSON = Pattern.compile("\"code\"\\s*:\\s*\"?(\\d{6})\"?");

    private BookingCodes() {
    }

    /** @return the six digits of an opened code, or null when it is not one */
    public static String digits(String opened) {
        if (opened == null) {
            return null;
        }
        String s = opened.strip();
        if (s.startsWith("{")) {
            Matcher m = IN_JSON.matcher(s);
            return m.find() ? m.group(1) : null;
        }
        return DIGITS.matcher(s).matches() ? s : null;
    }
}
