package fr.maillage.booking.service;

import java.time.Duration;
import java.util.UUID;

import org.jboss.logging.Logger;

import fr.maillage.booking.config.BookingConfig;
import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.BookingStatus;
import fr.maillage.booking.domain.SelfServiceTokens;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.events.BookingEvents;
import fr.maillage.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Issue 18: an agent (or the booking's partner app, or an admin) sends the person a new self-service link — lost SMS,
 * changed mind about managing it alone. Only the token's hash is stored, so the link cannot be sent again: a new token
 * replaces it (the old link stops working at once) and BookingSelfServiceLinkSent carries the new link in the sealed
 * contact, with where it goes ({@code sentTo}: a mobile by SMS, else the e-mail — the verification code's rule).
 */
@ApplicationScoped
public class SelfServiceLinkService {
    private static final Logger LOG = Logger.getLogger(SelfServiceLinkService.class);

    /** What was sent: the booking (its token set, for this request only) and the channel. */
    public record Sent(Booking booking, String sentTo) {
    }

    private final BookingService bookings;
    private final SlotService slots;
    private final BookingEvents events;
    private final Duration linkExpiry;

    SelfServiceLinkService(BookingService bookings, SlotService slots, BookingEvents events, BookingConfig config) {
        this.bookings = bookings;
        this.slots = slots;
        this.events = events;
        this.linkExpiry = config.booking().selfService().expiry();
    }

    /**
     * Owners only (403 otherwise, before anything about the booking is told); 409 unless confirmed or waitlisted with a
     * link that still opens (a pending booking has no link before its code); 422 {@code person} when there is no mobile and no e-mail to send it to.
     */
    @Transactional
    public Sent resend(UUID id) {
        Booking booking = bookings.lockForChange(id);
        Slot slot = slots.find(booking.slotId);
        if (booking.isPending()) {
            // no link exists before the code is typed (it would bypass the code): the person confirms first
            throw Problem.conflict("status", "Ce rendez-vous attend encore le code de confirmation envoyé à la personne : "
                    + "son lien personnel n'existe qu'une fois le code saisi.");
        }
        if (!BookingStatus.ACTIVE.contains(booking.status)) {
            throw Problem.conflict("status", "Ce rendez-vous n'est plus actif (statut " + booking.status
                    + ") : son lien personnel ne peut pas être renvoyé.");
        }
        if (!Times.now().isBefore(slot.end.plus(linkExpiry))) {
            throw Problem.conflict("status", "Ce rendez-vous est passé depuis trop longtemps : son lien personnel ne "
                    + "s'ouvrirait plus.");
        }
        String sentTo = booking.anonymisedAt == null ? booking.codeChannel() : null;
        if (sentTo == null) {
            throw Problem.ruleBroken("person", "Cette personne n'a ni portable ni adresse e-mail : le lien ne peut pas "
                    + "lui être envoyé. Donnez-lui la fiche imprimée du rendez-vous.");
        }
        booking.token = SelfServiceTokens.newToken();
        booking.tokenHash = SelfServiceTokens.hash(booking.token);
        booking.version++;
        booking.updatedAt = Times.now();
        events.selfServiceLinkSent(booking, slot, sentTo);
        LOG.debugf("Booking %s: new self-service link sent by %s", booking.id, sentTo);
        return new Sent(booking, sentTo);
    }

    /** Whether {@link #resend} would send a link now (shown on the booking to agents). */
    public boolean resendable(Booking booking, Slot slot) {
        return booking.selfServiceLinkResendable(slot, linkExpiry);
    }
}
