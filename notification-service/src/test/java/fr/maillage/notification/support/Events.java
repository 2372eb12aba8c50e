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
        b.put("selfServiceUrl", "http://127.0.0.1:8080/api/v1/bookings/self/" + TOKEN);
        b.put("icsUrl", "http://127.0.0.1:8080/api/v1/bookings/" + id + ".ics");
        return b;
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
