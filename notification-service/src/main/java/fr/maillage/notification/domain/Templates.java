package fr.maillage.notification.domain;

import java.util.Map;
import java.util.Set;

/** The messages this service sends; names are stable (they appear in receipts and events). */
public final class Templates {
    public static final String BOOKING_CONFIRMED = "booking_confirmed";
    public static final String BOOKING_WAITLISTED = "booking_waitlisted";
    public static final String BOOKING_PROMOTED = "booking_promoted";
    public static final String BOOKING_RESCHEDULED = "booking_rescheduled";
    public static final String BOOKING_CANCELLED_BY_CITIZEN = "booking_cancelled_by_citizen";
    public static final String BOOKING_CANCELLED_BY_SERVICE = "booking_cancelled_by_service";
    public static final String BOOKING_REMINDER = "booking_reminder";
    /** The 6-digit code confirming a booking made from the public site (issue 17). */
    public static final String BOOKING_CODE = "booking_code";
    /** A new self-service link, sent when the desk or a partner app asks for it (issue 18: the old link is dead). */
    public static final String BOOKING_SELF_SERVICE_LINK = "booking_self_service_link";
    public static final String SHIFT_ASSIGNED = "shift_assigned";
    public static final String SHIFT_CHANGED = "shift_changed";
    public static final String SHIFT_CANCELLED = "shift_cancelled";
    public static final String SHIFT_REMINDER = "shift_reminder";
    /** Issue 19: the person's shifts cancelled by an absence or a closure, told once per absence (dates and reason). */
    public static final String SHIFT_CANCELLED_BY_ABSENCE = "shift_cancelled_by_absence";
    /** Issue 19: a volunteer asked to staff a permanence, with the link to answer. */
    public static final String STAFFING_REQUESTED = "staffing_requested";
    /** Issue 19: the permanence a volunteer was asked about is staffed by someone else. */
    public static final String STAFFING_COVERED = "staffing_covered";
    /** Issue 19: a booking moved by an absence or a closure (old and new time, reason). */
    public static final String BOOKING_MOVED = "booking_moved";
    /** Issue 19: a booking cancelled by an absence or a closure (reason, link to book again). */
    public static final String BOOKING_CANCELLED_BY_ABSENCE = "booking_cancelled_by_absence";

    /** Email subjects (the bodies are Qute templates in templates/). */
    public static final Map<String, String> SUBJECTS = Map.ofEntries(
            Map.entry(BOOKING_CONFIRMED, "Votre rendez-vous est confirmé"),
            Map.entry(BOOKING_WAITLISTED, "Vous êtes sur liste d'attente"),
            Map.entry(BOOKING_PROMOTED, "Une place s'est libérée : votre rendez-vous est confirmé"),
            Map.entry(BOOKING_RESCHEDULED, "Votre rendez-vous a changé d'horaire"),
            Map.entry(BOOKING_CANCELLED_BY_CITIZEN, "Annulation de votre rendez-vous"),
            Map.entry(BOOKING_CANCELLED_BY_SERVICE, "Votre rendez-vous est annulé"),
            Map.entry(BOOKING_REMINDER, "Rappel de votre rendez-vous"),
            Map.entry(BOOKING_CODE, "Votre code de confirmation Maillage"),
            Map.entry(BOOKING_SELF_SERVICE_LINK, "Votre nouveau lien pour votre rendez-vous"),
            Map.entry(SHIFT_ASSIGNED, "Nouvelle permanence"),
            Map.entry(SHIFT_CHANGED, "Votre permanence a changé"),
            Map.entry(SHIFT_CANCELLED, "Permanence annulée"),
            Map.entry(SHIFT_REMINDER, "Rappel : votre permanence"),
            Map.entry(SHIFT_CANCELLED_BY_ABSENCE, "Vos permanences sont annulées"),
            Map.entry(STAFFING_REQUESTED, "Pouvez-vous assurer une permanence ?"),
            Map.entry(STAFFING_COVERED, "La permanence est assurée, merci"),
            Map.entry(BOOKING_MOVED, "Votre rendez-vous est déplacé"),
            Map.entry(BOOKING_CANCELLED_BY_ABSENCE, "Votre rendez-vous est annulé"));

    /**
     * Messages sent at once whatever the quiet hours: the person is waiting for them, on the page, right now (a code
     * valid 10 minutes is useless the next morning).
     */
    public static final Set<String> IMMEDIATE = Set.of(BOOKING_CODE, BOOKING_SELF_SERVICE_LINK);

    /**
     * What a booking reminded by voice call (issue 18: a landline given at the desk, {@code reminderChannel: voice}) is
     * called about: what the person cannot learn otherwise — the reminders, a place freed from the waiting list, a change
     * of time, a cancellation by the service. Not the confirmation nor the waiting-list place (the desk prints the slip
     * and tells the person there), nor a cancellation the person asked for. Texts in templates/voice/.
     */
    public static final Set<String> VOICE = Set.of(BOOKING_REMINDER, BOOKING_PROMOTED, BOOKING_RESCHEDULED,
            BOOKING_CANCELLED_BY_SERVICE, BOOKING_MOVED, BOOKING_CANCELLED_BY_ABSENCE);

    private Templates() {
    }
}
