package fr.maillage.notification.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ARCEP's mobile range reserved for fiction, 06 39 98 00 00 – 06 39 98 99 99 (films, examples, the demo volunteers):
 * allocated to no one, so libphonenumber does not call these numbers mobiles and no SMS would go to them. The local stack
 * lets them through to its SMS stub (item 5 of issue 19, {@code maillage.notification.sms.fiction-range-deliverable});
 * a real deployment never does (default false).
 */
public final class FictionNumbers {
    /** +33 6 39 98 xx xx, as directory-service stores it (E.164), or typed nationally with spaces, dots or dashes. */
    private static final Pattern MOBILE = Pattern.compile("^(?:\\+33|0033|0)639 ?98(\\d{4})$".replace(" ", ""));

    private FictionNumbers() {
    }

    /** The E.164 form of a number of the fiction mobile range, else empty. */
    public static Optional<String> mobile(String raw) {
        if (raw == null || raw.length() > 40) {
            return Optional.empty();
        }
        var m = MOBILE.matcher(raw.replaceAll("[ .\\-]", ""));
        return m.matches() ? Optional.of("+3363998" + m.group(1)) : Optional.empty();
    }
}
