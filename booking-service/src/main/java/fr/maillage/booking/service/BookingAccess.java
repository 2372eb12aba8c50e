package fr.maillage.booking.service;

import java.util.UUID;

import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.Slot;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The organisation rules of bookings. A booking belongs to two organisations: the one that booked it
 * ({@code bookerOrg}, from the booker's token) and the one hosting its slot (the slot's partner). An
 * admin, or a partner app or agent acting for either of them, may read and change it; anyone else reads
 * 404 (its existence is not disclosed) and is refused changes with 403.
 */
@ApplicationScoped
public class BookingAccess {
    static final String OWNERS = "de la structure qui a pris ce rendez-vous ou de celle qui accueille son créneau";

    /** Who books, as recorded on the booking: derived from the token, the body only where the role allows it. */
    public record Booker(String bookedBy, UUID bookerOrg, UUID agentId, UUID partnerId) {
    }

    private final Caller caller;

    BookingAccess(Caller caller) {
        this.caller = caller;
    }

    /**
     * An agent books as {@code agent}; a partner app as {@code partner_app}, or as {@code citizen} when it
     * says so (the person books on the partner's website); an admin as the body says. Partner apps and
     * agents book for their own organisation only: a body partnerId naming another one is refused (403).
     */
    public Booker booker(NewBooking request) {
        if (caller.isAdmin()) {
            if (request.bookedBy() == null) {
                throw Problem.badRequest("bookedBy", "Indiquez qui réserve (bookedBy) : citizen, agent ou partner_app.");
            }
            return new Booker(request.bookedBy(), caller.org().orElse(request.partnerId()), request.agentId(),
                    request.partnerId());
        }
        if (caller.has(Caller.AGENT)) {
            UUID org = ownOrg(request);
            return new Booker("agent", org, request.agentId() != null ? request.agentId() : caller.person().orElse(null),
                    request.partnerId());
        }
        if (caller.has(Caller.PARTNER_APP)) {
            UUID org = ownOrg(request);
            return new Booker("citizen".equals(request.bookedBy()) ? "citizen" : "partner_app", org, request.agentId(),
                    request.partnerId() != null ? request.partnerId() : org);
        }
        throw caller.forbidden(OWNERS); // unreachable behind @RolesAllowed, kept as a safety net
    }

    private UUID ownOrg(NewBooking request) {
        UUID org = caller.requiredOrg();
        if (request.partnerId() != null && !request.partnerId().equals(org)) {
            throw Problem.forbidden("partnerId", "partnerId (" + request.partnerId() + ") n'est pas l'organisation de votre "
                    + "jeton (" + org + ") : vous ne pouvez réserver qu'au nom de votre propre organisation.");
        }
        return org;
    }

    /** The verified caller's token subject (who created a pending booking may verify it). */
    public String subject() {
        return caller.subject();
    }

    /**
     * A pending booking is verified only by the caller that created it (same token subject): for anyone else it does
     * not exist (404, as an unknown id).
     */
    public void checkCreator(Booking booking) {
        if (booking.creatorSubject == null || !booking.creatorSubject.equals(caller.subject())) {
            throw notFound(booking.id);
        }
    }

    public boolean mayAccess(Booking booking, Slot slot) {
        return caller.actsFor(booking.bookerOrg, slot.partnerId);
    }

    /** Reads: a booking outside the caller's organisations does not exist for them. */
    public Booking readable(Booking booking, Slot slot) {
        if (!mayAccess(booking, slot)) {
            throw notFound(booking.id);
        }
        return booking;
    }

    /** Changes: 403 naming who may. */
    public void checkWrite(Booking booking, Slot slot) {
        if (!mayAccess(booking, slot)) {
            throw caller.forbidden(OWNERS);
        }
    }

    /** The organisation lists are restricted to; null for an admin (everything). */
    public UUID listScope() {
        return caller.isAdmin() ? null : caller.requiredOrg();
    }

    static Problem notFound(UUID id) {
        return Problem.notFound("id", "Aucun rendez-vous avec l'identifiant " + id + ".");
    }
}
