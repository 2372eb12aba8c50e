package fr.maillage.notification.domain;

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
 */
public record MessageModel(UUID bookingId, UUID shiftId, String firstName, String offerTitle, String offerType,
        String placeName, String street, String postalCode, String commune, String placePhone,
        OffsetDateTime start, OffsetDateTime end, OffsetDateTime previousStart, String cancelReason,
        String selfServiceUrl, String icsUrl, String code, OffsetDateTime codeExpiresAt, Integer codeValidMinutes,
        OffsetDateTime cancelUntil, OffsetDateTime rescheduleUntil, Boolean deadlinesCarried) {

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
                codeValidMinutes, cancelUntil, null, true);
    }
}
