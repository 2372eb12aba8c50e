package fr.maillage.booking.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import fr.maillage.booking.config.BookingConfig;
import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.Shift;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;
import fr.maillage.platform.crypto.SealedData;
import fr.maillage.platform.events.Outbox;
import fr.maillage.platform.events.OutboxRow;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import fr.maillage.booking.domain.BookingStatus;
import fr.maillage.booking.domain.Deadlines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Builds the data of booking.bookings.v1 and booking.shifts.v1 (shapes in
 * META-INF/events/*.schema.json) and records them in the outbox. Events carry only what the
 * notification service needs to write to the person: first name, contact and consents, never the
 * last name nor the free-text need, and no person at all once anonymised. Those personal members and the
 * self-service link travel sealed (issue 16): one {@code contact} member, {@code s1.<keyId>.<…>} from the platform's
 * {@link SealedData} (AES-256-GCM under {@code maillage.sealing.key}, shared with notification-service only), so any
 * other reader of the topic (offers, a partner feed, anyone with a Kafka client) sees no contact data and no token.
 */
@ApplicationScoped
public class BookingEvents {
    private final Outbox outbox;
    private final BookingConfig config;
    private final SealedData sealed;

    BookingEvents(Outbox outbox, BookingConfig config, SealedData sealed) {
        this.outbox = outbox;
        this.config = config;
        this.sealed = sealed;
    }

    /**
     * The sealed member {@code contact}: the person's first name, contact and consents, and the self-service link
     * (only in the events of the request that created the booking: only the token's hash is stored afterwards).
     */
    public record ContactData(String firstName, String phone, String email, boolean smsConsent, boolean emailConsent,
            String selfServiceUrl) {
    }

    public record OfferData(String title, String type) {
    }

    public record PlaceData(String name, String street, String postalCode, String commune, String phone) {
    }

    /** start, end and previousStart at the offset of the place's zone, timeZone its IANA id (issue 21). */
    public record BookingData(UUID id, UUID slotId, UUID offerId, UUID placeId, String status, OffsetDateTime start,
            OffsetDateTime end, OffsetDateTime previousStart, String timeZone, String cancelReason, String bookedBy, String contact,
            OfferData offer, PlaceData place, List<Integer> reminderOffsetsMinutes, String icsUrl, UUID bookerOrg,
            UUID partnerId, String residenceInsee, OffsetDateTime cancelUntil, OffsetDateTime rescheduleUntil,
            String reminderChannel, String theme) {
    }

    public static final String REFUSED = "BookingRefused";

    /**
     * data of BookingRefused (issue 20): a booking refused because the slot was full and no waiting list took it. No
     * person at all (no booking exists): what the territory's indicators count as unmet demand — the slot, its offer,
     * place and host, its start, the need's theme code, the commune the person said they live in, who booked.
     */
    public record RefusedData(UUID slotId, UUID offerId, UUID placeId, UUID partnerId, OffsetDateTime start,
            String timeZone, String theme, String residenceInsee, String reason, String bookedBy) {
    }

    /**
     * The outbox row of BookingRefused (aggregate = the slot, version = the slot's counter version as read), for the
     * booking path, which inserts it in a transaction of its own (the refused request itself stores nothing).
     */
    public OutboxRow refusedEvent(Slot slot, String theme, String residenceInsee, String bookedBy) {
        return outbox.row(Topics.BOOKINGS, REFUSED, slot.id, slot.eventVersion, new RefusedData(slot.id, slot.offerId,
                slot.placeId, slot.partnerId, slot.local(slot.start), slot.timeZone(), theme, residenceInsee, "full", bookedBy));
    }

    /**
     * data of BookingSelfServiceLinkSent (issue 18): the booking's usual data, its sealed contact carrying the new link
     * (the token was just rotated), and where to send it: {@code sms} (a mobile) or {@code email}.
     */
    public record SelfServiceLinkData(@JsonUnwrapped BookingData booking, String sentTo) {
    }

    public static final String SELF_SERVICE_LINK_SENT = "BookingSelfServiceLinkSent";

    /** BookingSelfServiceLinkSent: {@code booking.token} is the new one, known only now (sealed in the contact). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void selfServiceLinkSent(Booking booking, Slot slot, String sentTo) {
        outbox.record(Topics.BOOKINGS, SELF_SERVICE_LINK_SENT, booking.id, booking.version,
                new SelfServiceLinkData(data(booking, slot), sentTo));
    }

    /**
     * data of BookingCodeRequested: the booking's usual data (status pending, contact sealed as always, no
     * self-service link yet) plus the code, sealed with the same key, and the end of the hold.
     */
    public record CodeRequestedData(@JsonUnwrapped BookingData booking, UUID bookingId, String code,
            OffsetDateTime expiresAt, String pendingOutcome) {
    }

    public record ShiftOffer(String title) {
    }

    public record ShiftPlace(String name, String street, String postalCode, String commune) {
    }

    /**
     * data of ShiftAssigned / ShiftChanged / ShiftCancelled (issue 19: one shift per permanence): {@code start}/{@code end}
     * are the permanence's bounds, {@code slotId} its first slot (= {@code permanenceId}); {@code cancelReason} says why
     * the structure removed it (if it said), {@code staffingRequestId} names the accepted staffing request a shift came
     * from, {@code reminderOffsetsMinutes} the offer's reminders (notification reminds a shift assigned late with them). A
     * ShiftCancelled caused by an absence adds reason, absenceId and its dates ({@link AbsenceShiftData}).
     */
    public record ShiftData(UUID id, UUID personId, UUID slotId, UUID permanenceId, UUID offerId, UUID partnerId,
            OffsetDateTime start, OffsetDateTime end, String timeZone, String status, ShiftOffer offer, ShiftPlace place,
            String cancelReason, UUID staffingRequestId, List<Integer> reminderOffsetsMinutes) {
    }

    public record StaffingOffer(UUID id, String title) {
    }

    public record StaffingPlace(UUID id, String name, String street, String postalCode, String commune) {
    }

    /**
     * data of StaffingRequested (issue 19): who is asked to staff which permanence; {@code answerUrl} (the page
     * /benevole/reponse/{token}: the token is the capability) travels sealed like a booking's self-service link.
     */
    public record StaffingRequestedData(UUID requestId, UUID personId, UUID partnerId, UUID permanenceId,
            OffsetDateTime start, OffsetDateTime end, String timeZone, StaffingOffer offer, StaffingPlace place, String answerUrl,
            OffsetDateTime expiresAt) {
    }

    /** data of StaffingRequestCovered / StaffingRequestDeclined / StaffingRequestCancelled. */
    public record StaffingAnsweredData(UUID requestId, UUID personId, UUID partnerId, UUID permanenceId,
            OffsetDateTime start, OffsetDateTime end, String timeZone, StaffingOffer offer, StaffingPlace place, String status) {
    }

    public static final String STAFFING_REQUESTED = "StaffingRequested";
    public static final String STAFFING_REQUEST_COVERED = "StaffingRequestCovered";
    public static final String STAFFING_REQUEST_DECLINED = "StaffingRequestDeclined";
    public static final String STAFFING_REQUEST_CANCELLED = "StaffingRequestCancelled";

    @Transactional(Transactional.TxType.MANDATORY)
    public void booking(String type, Booking booking, Slot slot) {
        outbox.record(Topics.BOOKINGS, type, booking.id, booking.version, data(booking, slot));
    }

    /**
     * BookingCodeRequested: a code was generated for a pending booking ({@code booking.code}, known only now); the
     * notification service sends it at once. The code travels sealed, like the contact.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void codeRequested(Booking booking, Slot slot) {
        outbox.record(Topics.BOOKINGS, CODE_REQUESTED, booking.id, booking.version, codeRequestedData(booking, slot));
    }

    /** The outbox row of BookingCodeRequested, for the booking path (see {@link #event}). */
    public OutboxRow codeRequestedEvent(Booking booking, Slot slot) {
        return outbox.row(Topics.BOOKINGS, CODE_REQUESTED, booking.id, booking.version, codeRequestedData(booking, slot));
    }

    public static final String CODE_REQUESTED = "BookingCodeRequested";

    private CodeRequestedData codeRequestedData(Booking booking, Slot slot) {
        return new CodeRequestedData(data(booking, slot), booking.id, sealed.seal(booking.code),
                Times.paris(booking.holdExpiresAt), booking.pendingOutcome);
    }

    /** The outbox row of a booking event, for a caller that inserts it itself (same transaction as the change). */
    public OutboxRow event(String type, Booking booking, Slot slot) {
        return outbox.row(Topics.BOOKINGS, type, booking.id, booking.version, data(booking, slot));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void shift(String type, Shift shift, Slot slot) {
        outbox.record(Topics.SHIFTS, type, shift.id, shift.version, shiftData(shift, slot));
    }

    /** ShiftAssigned of a shift that came from an accepted staffing request. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void shiftFromRequest(Shift shift, Slot slot, UUID staffingRequestId) {
        outbox.record(Topics.SHIFTS, "ShiftAssigned", shift.id, shift.version, shiftData(shift, slot, staffingRequestId));
    }

    /** The data of a booking.shifts.v1 event (also wrapped by {@link #shiftCancelledByAbsence}). */
    public ShiftData shiftData(Shift shift, Slot slot) {
        return shiftData(shift, slot, null);
    }

    /**
     * {@code slot}: any slot of the shift's permanence (its offer and place are named); the times are the shift's, i.e.
     * the permanence's bounds (a shift written before issue 19 without them falls back to the slot's).
     */
    private ShiftData shiftData(Shift shift, Slot slot, UUID staffingRequestId) {
        OffsetDateTime start = shift.start != null ? shift.start : slot.start;
        OffsetDateTime end = shift.end != null ? shift.end : slot.end;
        UUID permanence = shift.permanenceId != null ? shift.permanenceId : shift.slotId;
        return new ShiftData(shift.id, shift.personId, shift.slotId, permanence, slot.offerId, slot.partnerId,
                slot.local(start), slot.local(end), slot.timeZone(), shift.status, new ShiftOffer(slot.offerTitle),
                new ShiftPlace(slot.placeName, slot.placeStreet, slot.placePostalCode, slot.placeCommune),
                shift.cancelReason, staffingRequestId, slot.reminderOffsetList());
    }

    /** StaffingRequested: {@code token} is the answer link's secret, known only now (sealed in answerUrl). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void staffingRequested(UUID requestId, long version, UUID personId, Slot first, OffsetDateTime start,
            OffsetDateTime end, String token) {
        outbox.record(Topics.SHIFTS, STAFFING_REQUESTED, requestId, version, new StaffingRequestedData(requestId, personId,
                first.partnerId, first.id, first.local(start), first.local(end), first.timeZone(), staffingOffer(first),
                staffingPlace(first), sealed.seal(publicLink("/benevole/reponse/" + token)), first.local(start)));
    }

    /** StaffingRequestCovered / Declined / Cancelled ({@code status}: covered, declined, cancelled). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void staffingAnswered(String type, UUID requestId, long version, UUID personId, Slot first,
            OffsetDateTime start, OffsetDateTime end, String status) {
        outbox.record(Topics.SHIFTS, type, requestId, version, new StaffingAnsweredData(requestId, personId,
                first.partnerId, first.id, first.local(start), first.local(end), first.timeZone(), staffingOffer(first),
                staffingPlace(first),
                status));
    }

    private static StaffingOffer staffingOffer(Slot slot) {
        return new StaffingOffer(slot.offerId, slot.offerTitle);
    }

    private static StaffingPlace staffingPlace(Slot slot) {
        return new StaffingPlace(slot.placeId, slot.placeName, slot.placeStreet, slot.placePostalCode, slot.placeCommune);
    }

    public BookingData data(Booking b, Slot slot) {
        // nobody is written to about an expired booking (it was never confirmed): no contact travels
        String contact = b.anonymisedAt != null || BookingStatus.EXPIRED.equals(b.status) ? null : sealed.sealJson(
                new ContactData(b.firstName, b.phone, b.email, b.smsConsent, b.emailConsent, selfServiceUrl(b)));
        Deadlines deadlines = Deadlines.of(b, slot);
        return new BookingData(b.id, b.slotId, b.offerId, b.placeId, b.status, slot.local(slot.start),
                slot.local(slot.end), slot.local(b.previousStart), slot.timeZone(), b.cancelReason, b.bookedBy, contact,
                new OfferData(slot.offerTitle, slot.offerType),
                new PlaceData(slot.placeName, slot.placeStreet, slot.placePostalCode, slot.placeCommune, slot.placePhone),
                slot.reminderOffsetList(), icsUrl(b), b.bookerOrg, slot.partnerId, b.residenceInsee,
                deadlines.cancelUntil(), deadlines.rescheduleUntil(), b.reminderChannel(), b.needTheme);
    }

    /**
     * The booking's self-service link, the citizen's page {@code /rdv/{token}} of the web module behind the same
     * gateway (issue 17; it was the JSON API before), known only in the request that created it, or verified it
     * (only the token's hash is stored): null afterwards.
     */
    public String selfServiceUrl(Booking b) {
        return selfServiceUrl(b.token);
    }

    public String selfServiceUrl(String token) {
        return token == null ? null : base() + "/rdv/" + token;
    }

    public String icsUrl(Booking b) {
        return base() + "/api/v1/bookings/" + b.id + ".ics";
    }

    /** An address under the public base URL (the gateway's), e.g. {@code publicLink("/benevole/reponse/" + token)}. */
    public String publicLink(String path) {
        return base() + path;
    }

    private String base() {
        String url = config.publicUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    // ---- issue 19 §B: absences and closures (owner: absences) ----

    /**
     * Why the service moves or cancels bookings and shifts on its own: an absence of a person or a closure of a place
     * ({@code from}/{@code to}: its local dates, inclusive). {@code citizenReason} is what people booked are told,
     * {@code staffReason} what staff are told (a person's own declared reason is never given to citizens).
     */
    public record AbsenceCause(UUID absenceId, String citizenReason, String staffReason, java.time.LocalDate from,
            java.time.LocalDate to) {
    }

    /** A booking event caused by an absence or closure: the usual data plus why, which absence, where to book again. */
    public record AbsenceBookingData(@JsonUnwrapped BookingData booking, String reason, UUID absenceId,
            String rebookUrl) {
    }

    /** ShiftCancelled caused by an absence or closure: the usual data plus why, which absence and its dates. */
    public record AbsenceShiftData(@JsonUnwrapped ShiftData shift, String reason, UUID absenceId,
            java.time.LocalDate absenceFrom, java.time.LocalDate absenceTo) {
    }

    /**
     * A booking event, with the absence that caused it when there is one ({@code cause} null: {@link #booking}).
     * BookingCancelled carries {@code rebookUrl}, the offer's public page, to book again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void booking(String type, Booking booking, Slot slot, AbsenceCause cause) {
        if (cause == null) {
            booking(type, booking, slot);
            return;
        }
        String rebook = "BookingCancelled".equals(type) ? publicLink("/offres/" + booking.offerId) : null;
        outbox.record(Topics.BOOKINGS, type, booking.id, booking.version,
                new AbsenceBookingData(data(booking, slot), cause.citizenReason(), cause.absenceId(), rebook));
    }

    /** ShiftCancelled of a shift an absence or closure removed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void shiftCancelledByAbsence(Shift shift, Slot slot, AbsenceCause cause) {
        outbox.record(Topics.SHIFTS, "ShiftCancelled", shift.id, shift.version, new AbsenceShiftData(
                shiftData(shift, slot), cause.staffReason(), cause.absenceId(), cause.from(), cause.to()));
    }
}
