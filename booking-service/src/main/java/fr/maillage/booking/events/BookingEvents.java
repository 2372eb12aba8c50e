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

    public record BookingData(UUID id, UUID slotId, UUID offerId, UUID placeId, String status, OffsetDateTime start,
            OffsetDateTime end, OffsetDateTime previousStart, String cancelReason, String bookedBy, String contact,
            OfferData offer, PlaceData place, List<Integer> reminderOffsetsMinutes, String icsUrl, UUID bookerOrg,
            UUID partnerId, String residenceInsee, OffsetDateTime cancelUntil, OffsetDateTime rescheduleUntil,
            String reminderChannel) {
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

    public record ShiftData(UUID id, UUID personId, UUID slotId, UUID offerId, OffsetDateTime start, OffsetDateTime end,
            String status, ShiftOffer offer, ShiftPlace place) {
    }

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
        outbox.record(Topics.SHIFTS, type, shift.id, shift.version, new ShiftData(shift.id, shift.personId, slot.id,
                slot.offerId, Times.paris(slot.start), Times.paris(slot.end), shift.status,
                new ShiftOffer(slot.offerTitle),
                new ShiftPlace(slot.placeName, slot.placeStreet, slot.placePostalCode, slot.placeCommune)));
    }

    public BookingData data(Booking b, Slot slot) {
        // nobody is written to about an expired booking (it was never confirmed): no contact travels
        String contact = b.anonymisedAt != null || BookingStatus.EXPIRED.equals(b.status) ? null : sealed.sealJson(
                new ContactData(b.firstName, b.phone, b.email, b.smsConsent, b.emailConsent, selfServiceUrl(b)));
        Deadlines deadlines = Deadlines.of(b, slot);
        return new BookingData(b.id, b.slotId, b.offerId, b.placeId, b.status, Times.paris(slot.start),
                Times.paris(slot.end), Times.paris(b.previousStart), b.cancelReason, b.bookedBy, contact,
                new OfferData(slot.offerTitle, slot.offerType),
                new PlaceData(slot.placeName, slot.placeStreet, slot.placePostalCode, slot.placeCommune, slot.placePhone),
                slot.reminderOffsetList(), icsUrl(b), b.bookerOrg, slot.partnerId, b.residenceInsee,
                deadlines.cancelUntil(), deadlines.rescheduleUntil(), b.reminderChannel());
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
}
