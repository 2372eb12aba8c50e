package fr.maillage.notification.domain;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The self-service link in messages (issue 17). booking-service builds it: {@code <public url>/rdv/<token>}, the
 * citizen's page of the web module. Links of bookings made before (still in booking_contact and in reminders planned
 * then) pointed at the API's JSON, {@code <public url>/api/v1/bookings/self/<token>}: they are rewritten to the page,
 * which takes the same token.
 * <p>
 * The words offered with the link promise only what the page can do for that message: changing the slot is possible
 * for a confirmed appointment still ahead; a waiting-list place can be seen or given up; after a cancellation the page
 * only shows the status, so no link is offered.
 */
public final class SelfServiceLinks {
    private static final Pattern API_LINK = Pattern.compile("^(.*)/api/v1/bookings/self/([^/?#]+)$");
    public static final String SEE_CHANGE_CANCEL = "Voir, changer ou annuler";
    public static final String SEE_CANCEL = "Voir ou annuler";
    private static final Map<String, String> LABELS = Map.of(
            Templates.BOOKING_CONFIRMED, SEE_CHANGE_CANCEL,
            Templates.BOOKING_PROMOTED, SEE_CHANGE_CANCEL,
            Templates.BOOKING_RESCHEDULED, SEE_CHANGE_CANCEL,
            Templates.BOOKING_REMINDER, SEE_CHANGE_CANCEL,
            Templates.BOOKING_WAITLISTED, SEE_CANCEL);

    private SelfServiceLinks() {
    }

    /** The citizen page for a self-service link (an API link of an older booking is rewritten), or null. */
    public static String page(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        var m = API_LINK.matcher(link.strip());
        return m.matches() ? m.group(1) + "/rdv/" + m.group(2) : link.strip();
    }

    /** The words that go with the link in this message; empty when the message offers no link. */
    public static String label(String template) {
        return LABELS.getOrDefault(template, "");
    }
}
