package fr.maillage.notification.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
 * <p>
 * Issue 21: {@code timeZone} is the place's IANA zone (the event's {@code timeZone}, e.g. {@code Indian/Reunion}): the
 * texts write the place's local time (« 9 h » for {@code 09:00+04:00}) and the quiet hours are the place's nights.
 * Kept in the stored JSON, so a message planned now and sent later still knows it; absent (older rows): Europe/Paris.
 */
public record MessageModel(UUID bookingId, UUID shiftId, String firstName, String offerTitle, String offerType,
        String placeName, String street, String postalCode, String commune, String placePhone,
        OffsetDateTime start, OffsetDateTime end, OffsetDateTime previousStart, String cancelReason,
        String selfServiceUrl, String icsUrl, String code, OffsetDateTime codeExpiresAt, Integer codeValidMinutes,
        OffsetDateTime cancelUntil, OffsetDateTime rescheduleUntil, Boolean deadlinesCarried, String actionUrl,
        LocalDate periodFrom, LocalDate periodTo, String timeZone) {

    /** The zone of a model whose event carried none (before issue 21) or an unknown one. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

    /** A model without the place's zone (issue 21): Europe/Paris. */
    public MessageModel(UUID bookingId, UUID shiftId, String firstName, String offerTitle, String offerType,
            String placeName, String street, String postalCode, String commune, String placePhone,
            OffsetDateTime start, OffsetDateTime end, OffsetDateTime previousStart, String cancelReason,
            String selfServiceUrl, String icsUrl, String code, OffsetDateTime codeExpiresAt, Integer codeValidMinutes,
            OffsetDateTime cancelUntil, OffsetDateTime rescheduleUntil, Boolean deadlinesCarried, String actionUrl,
            LocalDate periodFrom, LocalDate periodTo) {
        this(bookingId, shiftId, firstName, offerTitle, offerType, placeName, street, postalCode, commune, placePhone,
                start, end, previousStart, cancelReason, selfServiceUrl, icsUrl, code, codeExpiresAt, codeValidMinutes,
                cancelUntil, rescheduleUntil, deadlinesCarried, actionUrl, periodFrom, periodTo, null);
    }

    /**
     * The place's zone (issue 21): every time of the message is written in it, and the quiet hours are those of the place.
     * {@code timeZone} null, blank or not an IANA id (a model stored before issue 21, an event without it): Europe/Paris.
     */
    public ZoneId zone() {
        return zoneOr(DEFAULT_ZONE);
    }

    /** The place's zone, or {@code fallback} (the configured zone) when the model carries none or an unknown one. */
    public ZoneId zoneOr(ZoneId fallback) {
        if (timeZone == null || timeZone.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (java.time.DateTimeException e) {
            return fallback;
        }
    }

    /** An IANA id as a zone; null, blank or unknown: {@link #DEFAULT_ZONE}. */
    public static ZoneId zoneOf(String timeZone) {
        return new MessageModel(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, timeZone).zoneOr(DEFAULT_ZONE);
    }

    /** This model in the place's zone (the event's {@code timeZone}, issue 21). */
    public MessageModel withTimeZone(String zone) {
        return new MessageModel(bookingId, shiftId, firstName, offerTitle, offerType, placeName, street, postalCode, commune,
                placePhone, start, end, previousStart, cancelReason, selfServiceUrl, icsUrl, code, codeExpiresAt,
                codeValidMinutes, cancelUntil, rescheduleUntil, deadlinesCarried, actionUrl, periodFrom, periodTo, zone);
    }

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
                codeValidMinutes, cancelUntil, null, true, actionUrl, periodFrom, periodTo, timeZone);
    }

    /** This model with a link to act on (answer link, rebook page) and the days of an absence (issue 19). */
    public MessageModel withAction(String url, LocalDate from, LocalDate to) {
        return new MessageModel(bookingId, shiftId, firstName, offerTitle, offerType, placeName, street, postalCode, commune,
                placePhone, start, end, previousStart, cancelReason, selfServiceUrl, icsUrl, code, codeExpiresAt,
                codeValidMinutes, cancelUntil, rescheduleUntil, deadlinesCarried, url, from, to, timeZone);
    }

    /** This model with the reason of a move or cancellation (issue 19: an absence, a closure). */
    public MessageModel withReason(String reason) {
        return new MessageModel(bookingId, shiftId, firstName, offerTitle, offerType, placeName, street, postalCode, commune,
                placePhone, start, end, previousStart, reason, selfServiceUrl, icsUrl, code, codeExpiresAt,
                codeValidMinutes, cancelUntil, rescheduleUntil, deadlinesCarried, actionUrl, periodFrom, periodTo, timeZone);
    }
}
