package fr.maillage.notification.support;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Upstream events as their producers publish them (the contract in the brief), built for tests. */
public final class Events {
    public static final String TOKEN = "q7Xv3Jm0Zb5tR1yKc8WnP2sLd4Gh6Fa9Ue0Oi3Tk7Ry";
    private Events() {
    }

    /** As producers' Jackson writes it: Paris offset, seconds always present (RFC 3339). */
    public static String iso(OffsetDateTime t) {
        return t.atZoneSameInstant(ZoneId.of("Europe/Paris")).toOffsetDateTime()
                .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public static Map<String, Object> person(String firstName, String phone, String email, boolean sms, boolean mail) {
        Map<String, Object> p = new HashMap<>();
        p.put("firstName", firstName);
        p.put("phone", phone);
        p.put("email", email);
        p.put("smsConsent", sms);
        p.put("emailConsent", mail);
        return p;
    }

    /** A booking at the Romagné pôle socioculturel (demo data), starting at {@code start}. */
    public static Map<String, Object> booking(UUID id, String status, OffsetDateTime start, Map<String, Object> person,
            List<Integer> offsets) {
        Map<String, Object> b = new HashMap<>();
        b.put("id", id.toString());
        b.put("slotId", UUID.randomUUID().toString());
        b.put("offerId", "00000000-0000-4000-8000-000000000301");
        b.put("placeId", "00000000-0000-4000-8000-000000000101");
        b.put("status", status);
        b.put("start", iso(start));
        b.put("end", iso(start.plusMinutes(45)));
        b.put("previousStart", null);
        b.put("cancelReason", null);
        b.put("bookedBy", "citizen");
        b.put("person", person);
        b.put("offer", Map.of("title", "Permanence conseiller numérique", "type", "permanence"));
        Map<String, Object> place = new HashMap<>();
        place.put("name", "Pôle socioculturel");
        place.put("street", "2 rue de la Mairie");
        place.put("postalCode", "35133");
        place.put("commune", "Romagné");
        place.put("phone", "+33299987654");
        b.put("place", place);
        b.put("reminderOffsetsMinutes", offsets);
        b.put("selfServiceUrl", "http://127.0.0.1:8080/rdv/" + TOKEN); // the citizen page (issue 17)
        b.put("icsUrl", "http://127.0.0.1:8080/api/v1/bookings/" + id + ".ics");
        return b;
    }

    /** A booking event as booking-service publishes it since issue 7: with the booker's and the host's organisations. */
    public static Map<String, Object> booking(UUID id, String status, OffsetDateTime start, Map<String, Object> person,
            List<Integer> offsets, UUID bookerOrg, UUID partnerId) {
        Map<String, Object> b = booking(id, status, start, person, offsets);
        b.put("bookerOrg", bookerOrg == null ? null : bookerOrg.toString());
        b.put("partnerId", partnerId == null ? null : partnerId.toString());
        return b;
    }

    /**
     * The same booking data as booking-service publishes it since issue 16 (item 7): {@code person} and
     * {@code selfServiceUrl} removed, the contact sealed in {@code contact} (the platform's SealedData, test key).
     */
    public static Map<String, Object> sealed(Map<String, Object> booking, fr.maillage.platform.crypto.SealedData sealing) {
        Map<String, Object> b = new HashMap<>(booking);
        @SuppressWarnings("unchecked")
        Map<String, Object> person = (Map<String, Object>) b.remove("person");
        Object link = b.remove("selfServiceUrl");
        if (person == null) {
            b.put("contact", null);
            return b;
        }
        Map<String, Object> contact = new HashMap<>(person);
        contact.put("selfServiceUrl", link);
        b.put("contact", sealing.sealJson(contact));
        return b;
    }

    /**
     * The shape of {@link #sealed} without the key (contract checks only): {@code contact} is a well-formed sealed value
     * that no key opens.
     */
    public static Map<String, Object> sealedShape(Map<String, Object> booking) {
        Map<String, Object> b = new HashMap<>(booking);
        Object person = b.remove("person");
        b.remove("selfServiceUrl");
        b.put("contact", person == null ? null : "s1.1." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return b;
    }

    private static Map<String, Object> bookingRules() {
        Map<String, Object> rules = new HashMap<>();
        rules.put("allowedBookers", List.of("citizen", "agent", "partner_app"));
        rules.put("minDelayMinutes", 60);
        rules.put("maxDelayDays", 60);
        rules.put("cancelUntilMinutes", 120);
        rules.put("rescheduleUntilMinutes", 120);
        rules.put("waitingList", true);
        rules.put("reminderOffsetsMinutes", List.of(2880, 120));
        return rules;
    }

    /** An offers.offers.v1 data object as offers-service publishes it. */
    public static Map<String, Object> offer(UUID id, UUID partnerId, String status) {
        Map<String, Object> o = new HashMap<>();
        o.put("id", id.toString());
        o.put("partnerId", partnerId.toString());
        o.put("placeId", "00000000-0000-4000-8000-000000000101");
        o.put("placeIds", List.of("00000000-0000-4000-8000-000000000101"));
        o.put("title", "Atelier smartphone");
        o.put("type", "atelier_collectif");
        o.put("themes", List.of("smartphone"));
        o.put("publics", List.of());
        o.put("modality", "presentiel");
        o.put("status", status);
        o.put("capacity", 8);
        o.put("sessionDurationMinutes", 90);
        o.put("servedCommunes", List.of("35133"));
        o.put("staffIds", List.of());
        o.put("bookingRules", bookingRules());
        return o;
    }

    /** An offers.sessions.v1 data object as offers-service publishes it. */
    public static Map<String, Object> session(UUID id, UUID offerId, UUID partnerId, String status, OffsetDateTime start) {
        Map<String, Object> s = new HashMap<>();
        s.put("id", id.toString());
        s.put("offerId", offerId.toString());
        s.put("partnerId", partnerId.toString());
        s.put("placeId", "00000000-0000-4000-8000-000000000101");
        s.put("start", iso(start));
        s.put("end", iso(start.plusMinutes(90)));
        s.put("capacity", 8);
        s.put("status", status);
        s.put("cancelReason", "cancelled".equals(status) ? "animatrice absente" : null);
        s.put("offer", Map.of("title", "Atelier smartphone", "type", "atelier_collectif", "themes", List.of("smartphone")));
        Map<String, Object> place = new HashMap<>();
        place.put("name", "Pôle socioculturel");
        place.put("street", "2 rue de la Mairie");
        place.put("postalCode", "35133");
        place.put("commune", "Romagné");
        place.put("inseeCode", "35237");
        place.put("phone", "+33299987654");
        s.put("place", place);
        s.put("staffIds", List.of());
        s.put("bookingRules", bookingRules());
        return s;
    }

    public static Map<String, Object> directoryPerson(UUID id, String phone, String email, boolean sms, boolean mail) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id.toString());
        p.put("role", "benevole");
        p.put("firstName", "Odile");
        p.put("lastName", "Lebreton");
        p.put("phone", phone);
        p.put("email", email);
        p.put("notifySms", sms);
        p.put("notifyEmail", mail);
        p.put("placeIds", List.of("00000000-0000-4000-8000-000000000104"));
        p.put("partnerId", "00000000-0000-4000-8000-000000000004");
        p.put("deleted", false);
        return p;
    }

    public static Map<String, Object> shift(UUID id, UUID personId, String status, OffsetDateTime start) {
        Map<String, Object> s = new HashMap<>();
        s.put("id", id.toString());
        s.put("personId", personId.toString());
        s.put("slotId", UUID.randomUUID().toString());
        // issue 19: one shift per permanence (its first slot's id), hosted by the volunteer's partner
        s.put("permanenceId", s.get("slotId"));
        s.put("partnerId", "00000000-0000-4000-8000-000000000004");
        s.put("offerId", "00000000-0000-4000-8000-000000000305");
        s.put("start", iso(start));
        s.put("end", iso(start.plusHours(3)));
        s.put("status", status);
        s.put("offer", Map.of("title", "Permanence bénévole"));
        s.put("place", Map.of("name", "CCAS", "street", "1 place de l'Église", "postalCode", "45760",
                "commune", "Boigny-sur-Bionne"));
        return s;
    }
}
