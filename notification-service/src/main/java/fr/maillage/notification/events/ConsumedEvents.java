package fr.maillage.notification.events;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The parts of consumed events this service relies on (the contract's fields; extra ones ignored). */
public final class ConsumedEvents {
    private ConsumedEvents() {
    }

    public record Envelope<T>(UUID eventId, String type, OffsetDateTime occurredAt, UUID aggregateId, long version,
            T data) {
    }

    public record BookingPerson(String firstName, String phone, String email, boolean smsConsent,
            boolean emailConsent) {
    }

    public record Offer(String title, String type) {
    }

    public record Place(String name, String street, String postalCode, String commune, String phone, String timeZone) {
    }

    /**
     * The place's zone of an event (issue 21): the data's {@code timeZone}, else its place's; null when the event carries
     * neither (published before issue 21: the messages then use Europe/Paris, MessageModel.zone).
     */
    public static String zoneOf(String timeZone, Place place) {
        if (timeZone != null && !timeZone.isBlank()) {
            return timeZone;
        }
        return place == null ? null : place.timeZone();
    }

    /**
     * A booking event's data. Since issue 16 (item 7) the person's contact and the self-service link travel sealed in
     * {@code contact} ({@link SealedContact}, readable with the sealing key only); {@code person} and
     * {@code selfServiceUrl} are those of events published before, still read while they are in the topic (see
     * EventConsumers). After EventConsumers has opened {@code contact}, {@code person} and {@code selfServiceUrl} hold
     * its members and {@code contact} is null. {@code cancelUntil} / {@code rescheduleUntil} (optional, issue 17): until
     * when the person may cancel / move the appointment themselves (the offer's deadlines); the messages' words follow them.
     * {@code reminderChannel} (optional, issue 18): {@code sms} | {@code email} | {@code voice} (a landline given at the
     * desk: reminded by voice call) | {@code none} (no contact: the desk's printed slip only). {@code sentTo} (optional,
     * BookingSelfServiceLinkSent): {@code sms} | {@code email}, where booking-service said the new link goes.
     * Issue 19: a booking moved or cancelled by an absence or a closure carries {@code reason} (French), {@code absenceId}
     * and, when cancelled, {@code rebookUrl} (the offer's page, to book again: not a secret).
     * Issue 21: {@code timeZone} (optional), the place's IANA zone; every event type of this topic may carry it.
     */
    public record Booking(UUID id, UUID slotId, UUID offerId, UUID placeId, String status, OffsetDateTime start,
            OffsetDateTime end, OffsetDateTime previousStart, String cancelReason, String bookedBy,
            BookingPerson person, Offer offer, Place place, List<Integer> reminderOffsetsMinutes,
            String selfServiceUrl, String icsUrl, UUID bookerOrg, UUID partnerId, String contact,
            OffsetDateTime cancelUntil, OffsetDateTime rescheduleUntil, Boolean deadlinesCarried, String reminderChannel,
            String sentTo, String reason, UUID absenceId, String rebookUrl, String timeZone) {

        /** {@code reminderChannel} (issue 18): how booking-service says the person is reminded. */
        public static final String VOICE = "voice";
        public static final String NONE = "none";

        /** This booking with its contact opened (or taken from the clear fields of an older event). */
        public Booking withContact(BookingPerson person, String selfServiceUrl) {
            return new Booking(id, slotId, offerId, placeId, status, start, end, previousStart, cancelReason, bookedBy,
                    person, offer, place, reminderOffsetsMinutes, selfServiceUrl, icsUrl, bookerOrg, partnerId, null,
                    cancelUntil, rescheduleUntil, deadlinesCarried, reminderChannel, sentTo, reason, absenceId, rebookUrl, timeZone);
        }

        /**
         * This booking, knowing whether its event carried the deadline members (booking-service since issue 17: then a
         * null deadline means « not possible »; an older event without them leaves the offers' defaults to apply).
         */
        public Booking withDeadlinesCarried(boolean carried) {
            return new Booking(id, slotId, offerId, placeId, status, start, end, previousStart, cancelReason, bookedBy,
                    person, offer, place, reminderOffsetsMinutes, selfServiceUrl, icsUrl, bookerOrg, partnerId, contact,
                    cancelUntil, rescheduleUntil, carried, reminderChannel, sentTo, reason, absenceId, rebookUrl, timeZone);
        }
    }

    /**
     * A {@code BookingCodeRequested} event's data (issue 17): a booking made with {@code verification: "code"} waits for
     * the 6-digit code sent to its contact. {@code contact} is sealed as in the other booking events, {@code code} is
     * sealed too (SealedData, the same key); {@code expiresAt} is the end of the hold, after which the code is useless.
     * The booking id is {@code id} or {@code bookingId} (the envelope's aggregateId otherwise).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CodeRequest(UUID id, UUID bookingId, String contact, String code, OffsetDateTime expiresAt,
            OffsetDateTime start, OffsetDateTime end, Offer offer, Place place, UUID bookerOrg, UUID partnerId,
            String timeZone) {
    }

    /** The sealed {@code contact} of booking.bookings.v1 (SealedData.sealJson of booking-service). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SealedContact(String firstName, String phone, String email, boolean smsConsent, boolean emailConsent,
            String selfServiceUrl) {
    }

    /**
     * A shift event's data. Since issue 19 a shift is per permanence: {@code start}/{@code end} are the permanence's
     * bounds ({@code permanenceId} its first slot). {@code reminderOffsetsMinutes} (optional): the offer's reminder
     * offsets, used for the reminder of a shift assigned after its day-before moment. A shift cancelled by an absence or a
     * closure carries {@code absenceId}, {@code reason} and the absence's days {@code absenceFrom}/{@code absenceTo}; one the
     * structure removed may carry {@code cancelReason}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Shift(UUID id, UUID personId, UUID slotId, UUID offerId, OffsetDateTime start, OffsetDateTime end,
            String status, Offer offer, Place place, UUID permanenceId, List<Integer> reminderOffsetsMinutes,
            UUID absenceId, String reason, LocalDate absenceFrom, LocalDate absenceTo, String cancelReason,
            String timeZone) {
    }

    /**
     * StaffingRequested / StaffingRequestCovered / StaffingRequestDeclined (booking.shifts.v1, issue 19): a volunteer asked
     * to staff a permanence. {@code answerUrl} (StaffingRequested only) is the volunteer's answer page
     * {@code {public base}/benevole/reponse/{token}}: a capability, sealed by booking-service (SealedData, {@code s1.…})
     * or in clear; never logged.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StaffingRequest(UUID requestId, UUID personId, UUID partnerId, UUID permanenceId, OffsetDateTime start,
            OffsetDateTime end, Offer offer, Place place, String answerUrl, String timeZone) {
    }

    public record Person(UUID id, String role, String firstName, String lastName, String phone, String email,
            boolean notifySms, boolean notifyEmail, List<UUID> placeIds, UUID partnerId, boolean deleted) {
    }
}
