package fr.maillage.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The self-service link in messages (issue 17). booking-service builds it: {@code <public url>/rdv/<token>}, the
 * citizen's page of the web module. Links of bookings made before (still in booking_contact and in reminders planned
 * then) pointed at the API's JSON, {@code <public url>/api/v1/bookings/self/<token>}: they are rewritten to the page,
 * which takes the same token.
 * <p>
 * The words offered with the link promise only what the page can do when the message is read: changing the slot is
 * possible for a confirmed appointment until its {@code rescheduleUntil}, cancelling (a confirmed appointment or a
 * waiting-list place) until its {@code cancelUntil} — booking-service's deadlines, carried by its events since issue 17
 * (a null one means « not possible »: booking-service is the source of the rule), or for an older event without them the
 * offers' defaults (24 h and 4 h before the start); past them the link is offered « Voir » only (the
 * page says whom to call). After a cancellation the page only shows the status, so no link is offered.
 */
public final class SelfServiceLinks {
    private static final Pattern API_LINK = Pattern.compile("^(.*)/api/v1/bookings/self/([^/?#]+)$");
    public static final String SEE_CHANGE_CANCEL = "Voir, changer ou annuler";
    public static final String SEE_CANCEL = "Voir ou annuler";
    public static final String SEE = "Voir";
    /** The offers' default deadlines (offers-service OfferRequest: cancelUntilMinutes 240, rescheduleUntilMinutes 1440). */
    static final Duration DEFAULT_CANCEL_BEFORE = Duration.ofMinutes(240);
    static final Duration DEFAULT_RESCHEDULE_BEFORE = Duration.ofMinutes(1440);
    /** Messages about a confirmed appointment (may be moved or cancelled in time). */
    private static final Set<String> CONFIRMED = Set.of(Templates.BOOKING_CONFIRMED, Templates.BOOKING_PROMOTED,
            Templates.BOOKING_RESCHEDULED, Templates.BOOKING_REMINDER, Templates.BOOKING_SELF_SERVICE_LINK,
            Templates.BOOKING_MOVED);

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

    /** The words that go with the link in this message read at {@code now}; empty when the message offers no link. */
    public static String label(String template, MessageModel m, Instant now) {
        boolean confirmed = CONFIRMED.contains(template);
        if (!confirmed && !Templates.BOOKING_WAITLISTED.equals(template)) {
            return "";
        }
        boolean carried = Boolean.TRUE.equals(m.deadlinesCarried());
        boolean canCancel = before(now, m.cancelUntil(), carried, m.start(), DEFAULT_CANCEL_BEFORE);
        boolean canChange = confirmed && before(now, m.rescheduleUntil(), carried, m.start(), DEFAULT_RESCHEDULE_BEFORE);
        return canChange && canCancel ? SEE_CHANGE_CANCEL : canCancel ? SEE_CANCEL : SEE;
    }

    private static boolean before(Instant now, OffsetDateTime deadline, boolean carried, OffsetDateTime start,
            Duration defaultBefore) {
        if (deadline != null) {
            return now.isBefore(deadline.toInstant());
        }
        if (carried) {
            return false; // booking-service says it is not possible
        }
        return start != null && now.isBefore(start.toInstant().minus(defaultBefore));
    }
}
