package fr.maillage.web.citizen;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/**
 * How pages write dates, times, distances and phones, in French. Times of the day are the PLACE's local time (issue 21):
 * the API's records carrying a {@code timeZone} (sessions, slots, bookings, permanences, shifts) re-express their times in
 * it when read ({@link #at}), and every page writes a time at its own offset — so a 09:00 permanence in Saint-Denis
 * (974) reads « 9 h » wherever the reader is. A time with no zone (offset {@code Z}: the REST client's Jackson reads every
 * time in UTC; a record without {@code timeZone}, from an API before issue 21) is written at Paris time, as before. No
 * French territory is at UTC+0, so {@code Z} never is a place's own offset. This is the only place that decides it.
 */
@TemplateExtension
public final class Format {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** The zone of a time whose place gives none (before issue 21). */
    public static final ZoneId DEFAULT_ZONE = PARIS;
    private static final Locale FR = Locale.FRANCE;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", FR);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", FR);

    private Format() {
    }

    /** The place's zone from the API's {@code timeZone} (an IANA id); null, blank or unknown: Europe/Paris. */
    public static ZoneId zoneOf(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            return DEFAULT_ZONE;
        }
    }

    /**
     * {@code t} re-expressed at the place's local offset ({@code timeZone}, else Europe/Paris): what the API records call
     * in their constructors, so that the pages write the place's time. Same instant; null stays null.
     */
    public static OffsetDateTime at(OffsetDateTime t, String timeZone) {
        return t == null ? null : t.atZoneSameInstant(zoneOf(timeZone)).toOffsetDateTime();
    }

    /** The wall-clock time a page writes: at the time's own offset (the place's), or Paris' for a time in UTC. */
    static ZonedDateTime local(OffsetDateTime t) {
        return ZoneOffset.UTC.equals(t.getOffset()) ? t.atZoneSameInstant(PARIS) : t.toZonedDateTime();
    }

    /** The place's local date of a time (a desk's day, a volunteer's day). */
    public static LocalDate localDate(OffsetDateTime t) {
        return t == null ? null : local(t).toLocalDate();
    }

    /** « mardi 8 décembre 2026 » */
    public static String day(OffsetDateTime t) {
        return t == null ? "" : DAY.format(local(t));
    }

    /** « mardi 8 décembre » */
    public static String shortDay(OffsetDateTime t) {
        return t == null ? "" : SHORT_DAY.format(local(t));
    }

    /** « 9 h 30 », « 14 h » */
    public static String time(OffsetDateTime t) {
        if (t == null) {
            return "";
        }
        var z = local(t);
        return z.getMinute() == 0 ? z.getHour() + " h" : z.getHour() + " h " + String.format("%02d", z.getMinute());
    }

    /** « mardi 8 décembre 2026 à 9 h 30 » */
    public static String when(OffsetDateTime t) {
        return t == null ? "" : day(t) + " à " + time(t);
    }

    /** « 3,4 km », « moins de 1 km » */
    public static String km(Double d) {
        if (d == null) {
            return "";
        }
        if (d < 1) {
            return "moins de 1 km";
        }
        return String.format(FR, "%.1f km", d).replace(",0 km", " km");
    }

    /** +33299123456 → « 02 99 12 34 56 » (other numbers as they are). */
    public static String phoneText(String e164) {
        if (e164 == null) {
            return "";
        }
        if (e164.startsWith("+33") && e164.length() == 12) {
            String n = "0" + e164.substring(3);
            return n.substring(0, 2) + " " + n.substring(2, 4) + " " + n.substring(4, 6) + " " + n.substring(6, 8) + " "
                    + n.substring(8, 10);
        }
        return e164;
    }

    /** « tel:+33299123456 » */
    public static String tel(String e164) {
        return e164 == null ? "" : "tel:" + e164.replaceAll("[^+0-9]", "");
    }

    /** The end of a phone number only (« •• •• •• •• 78 »): enough for the person to recognise it, nothing more. */
    public static String masked(String phone) {
        if (phone == null || phone.length() < 2) {
            return "";
        }
        return "•• •• •• •• " + phone.substring(phone.length() - 2);
    }

    /** « j•••@exemple.fr » */
    public static String maskedEmail(String email) {
        if (email == null) {
            return "";
        }
        int at = email.indexOf('@');
        return at <= 0 ? email : email.charAt(0) + "•••" + email.substring(at);
    }

    /** « 2 rue de la Mairie, bâtiment B, 35133 Romagné » (missing parts left out). */
    public static String address(String street, String complement, String postalCode, String commune) {
        StringBuilder b = new StringBuilder();
        for (String part : new String[] { street, complement }) {
            if (part != null && !part.isBlank()) {
                b.append(part.strip()).append(", ");
            }
        }
        if (postalCode != null && !postalCode.isBlank()) {
            b.append(postalCode.strip()).append(' ');
        }
        if (commune != null && !commune.isBlank()) {
            b.append(commune.strip());
        }
        return b.toString().replaceAll("[, ]+$", "");
    }

    /** A partner-supplied web site, only as an http(s) link (anything else, e.g. {@code javascript:}, gives ""). */
    public static String webLink(String url) {
        return url != null && url.strip().matches("(?i)^https?://[^\\s]+$") ? url.strip() : "";
    }

    public static String offerType(String type) {
        if (type == null) {
            return "";
        }
        return switch (type) {
            case "permanence_individuelle" -> "Rendez-vous individuel";
            case "atelier_collectif" -> "Atelier en groupe";
            case "formation" -> "Formation";
            case "acces_libre" -> "Accès libre, sans rendez-vous";
            case "aide_ponctuelle" -> "Aide ponctuelle";
            default -> type;
        };
    }

    public static String seats(int remaining) {
        return remaining <= 0 ? "Complet" : remaining == 1 ? "1 place libre" : remaining + " places libres";
    }

    public static String joined(List<String> items) {
        return items == null ? "" : String.join(", ", items);
    }
}
