package fr.maillage.web.agent;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one check of an absence or closure declaration's dates and reason in web, for the desk (/agent/absences) and the
 * volunteers (/benevole/disponibilites): the same limits as booking-service's AbsenceService (at most 366 days, first and
 * last included; the last day today or later; a reason of at most 200 characters) plus no control character in the
 * reason (it goes into SMS texts).
 */
public final class AbsenceRules {
    public static final int MAX_DAYS = 366;
    public static final int REASON_MAX = 200;
    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("d/M/uuuu");

    private AbsenceRules() {
    }

    /** A day as the date field sends it (2027-03-01) or as people type it (1/3/2027, 01/03/2027); null otherwise. */
    public static LocalDate date(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.strip();
        try {
            return s.contains("/") ? LocalDate.parse(s, TYPED) : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** What is wrong with the last day given the first one (both known), in French; null when fine. */
    public static String datesError(LocalDate from, LocalDate to, LocalDate today) {
        if (to.isBefore(from)) {
            return "Le dernier jour est avant le premier jour.";
        }
        if (to.isBefore(today)) {
            return "Ces jours sont passés : le dernier jour doit être aujourd'hui ou plus tard.";
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            return "C'est trop long : " + MAX_DAYS + " jours au plus. Faites plusieurs déclarations.";
        }
        return null;
    }

    /** What is wrong with the reason, in French; null when fine (empty is fine). */
    public static String reasonError(String reason) {
        if (reason == null) {
            return null;
        }
        if (reason.length() > REASON_MAX) {
            return "Le motif est trop long : " + REASON_MAX + " caractères au plus (il en a " + reason.length() + ").";
        }
        if (reason.chars().anyMatch(Character::isISOControl)) {
            return "Le motif ne peut pas contenir de retour à la ligne ni de caractère spécial.";
        }
        return null;
    }
}
