package fr.maillage.web.citizen;

import java.time.OffsetDateTime;

import fr.maillage.web.api.Dto;

/**
 * What the person may still do online with a booking, from booking-service's own deadlines only: {@code cancelUntil}
 * and {@code rescheduleUntil} (null = not possible: not active, past, or not movable; past the instant = too late). The
 * confirmation page and the self-service page both use it, so they never offer what the API would refuse, and they
 * say it with the words of the SMS and e-mails (« Voir, changer ou annuler », « Voir ou annuler », « Voir »).
 */
public record Manage(boolean canCancel, boolean canChange) {

    public static Manage of(Dto.Booking b, OffsetDateTime now) {
        return new Manage(before(now, b.cancelUntil()), before(now, b.rescheduleUntil()));
    }

    private static boolean before(OffsetDateTime now, OffsetDateTime until) {
        return until != null && now.isBefore(until);
    }

    /** « voir, changer ou annuler », « voir ou annuler », « voir ou changer », « voir » (lower case, inside a sentence). */
    public String words() {
        return canChange && canCancel ? "voir, changer ou annuler"
                : canCancel ? "voir ou annuler" : canChange ? "voir ou changer" : "voir";
    }

    /** The same words at the start of a sentence: « Voir, changer ou annuler ». */
    public String title() {
        String w = words();
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
