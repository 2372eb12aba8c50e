package fr.maillage.notification.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What a message says, stored with the notification row (JSON) so that it can be rendered at send
 * time without calling another service. Emptied when the receipt is anonymised.
 * <p>
 * {@code code}: the one-time code of a {@code booking_code} message, <b>sealed</b> (SealedData, as booking-service
 * sent it): opened only in memory to render the text, and the whole model is removed once the message is sent, failed
 * or skipped (NotificationStore.record), so the code is never in the database in clear. {@code codeExpiresAt}: the end
 * of the hold (a code still waiting then is skipped); {@code codeValidMinutes}: what the text says.
 * {@code cancelUntil} / {@code rescheduleUntil}: the person's own deadlines (from booking events; null: the offers'
 * defaults), so that the words offered with the self-service link promise only what is still possible (SelfServiceLinks);
 * {@code deadlinesCarried}: the event had those members (then null means « not possible », booking-service's meaning).
 * <p>
 * Issue 19: {@code actionUrl} is the link a message offers besides the self-service one — a volunteer's answer link of
 * a staffing request (a capability: a secret like a self-service link; kept sealed as it arrived when booking-service
 * sealed it, opened only to render) or the page to book again after a cancellation by an absence ({@code rebookUrl});
 * {@code periodFrom} / {@code periodTo} are the days of the absence or closure a message is about. {@code cancelReason}
 * also holds the reason of a move by an absence.
 */
public record MessageModel(UUID bookingId, UUID shiftId, String firstName, String offerTitle, String offerType,
        String placeName, String street, String postalCode, String commune, String placePhone,
        OffsetDateTime start, OffsetDateTime end, OffsetDateTime previousStart, String cancelReason,
        String selfServiceUrl, String icsUrl, String code, OffsetDateTime codeExpiresAt, Integer codeValidMinutes,
        OffsetDateTime cancelUntil, OffsetDateTime rescheduleUntil, Boolean deadlinesCarried, String actionUrl,
        LocalDate periodFrom, LocalDate periodTo) {

    /** A model without the issue-19 members (every message but the staffing and absence ones). */
    public MessageModel(UUID bookingId, UUID shiftId, String firstName, String offerTitle, String offerType,
            String placeName, String street, String postalCode, String commune, String placePhone,
            OffsetDateTime start, OffsetDateTime end, OffsetDateTime previousStart, String cancelReason,
            String selfServiceUrl, String icsUrl, String code, OffsetDateTime codeExpiresAt, Integer codeValidMinutes,
            OffsetDateTime cancelUntil, OffsetDateTime rescheduleUntil, Boolean deadlinesCarried) {
        this(bookingId, shiftId, firstName, offerTitle, offerType, placeName, street, postalCode, commune, placePhone,
                start, end, previousStart, cancelReason, selfServiceUrl, icsUrl, code, codeExpiresAt, codeValidMinutes,
                cancelUntil, rescheduleUntil, deadlinesCarried, null, null, null);
    }

    /** A message model without a code (every message but booking_code). */
    public MessageModel(UUID bookingId, UUID shiftId, String firstName, String offerTitle, String offerType,
            String placeName, String street, String postalCode, String commune, String placePhone,
            OffsetDateTime start, OffsetDateTime end, OffsetDateTime previousStart, String cancelReason,
            String selfServiceUrl, String icsUrl) {
        this(bookingId, shiftId, firstName, offerTitle, offerType, placeName, street, postalCode, commune, placePhone,
                start, end, previousStart, cancelReason, selfServiceUrl, icsUrl, null, null, null, null, null, null);
    }

    /** This model for a booking that cannot be moved (a waiting-list place): the link's words offer no change. */
    public MessageModel withoutReschedule() {
        return new MessageModel(bookingId, shiftId, firstName, offerTitle, offerType, placeName, street, postalCode, commune,
                placePhone, start, end, previousStart, cancelReason, selfServiceUrl, icsUrl, code, codeExpiresAt,
                codeValidMinutes, cancelUntil, null, true, actionUrl, periodFrom, periodTo);
    }

    /** This model with a link to act on (answer link, rebook page) and the days of an absence (issue 19). */
    public MessageModel withAction(String url, LocalDate from, LocalDate to) {
        return new MessageModel(bookingId, shiftId, firstName, offerTitle, offerType, placeName, street, postalCode, commune,
                placePhone, start, end, previousStart, cancelReason, selfServiceUrl, icsUrl, code, codeExpiresAt,
                codeValidMinutes, cancelUntil, rescheduleUntil, deadlinesCarried, url, from, to);
    }

    /** This model with the reason of a move or cancellation (issue 19: an absence, a closure). */
    public MessageModel withReason(String reason) {
        return new MessageModel(bookingId, shiftId, firstName, offerTitle, offerType, placeName, street, postalCode, commune,
                placePhone, start, end, previousStart, reason, selfServiceUrl, icsUrl, code, codeExpiresAt,
                codeValidMinutes, cancelUntil, rescheduleUntil, deadlinesCarried, actionUrl, periodFrom, periodTo);
    }
}
