package fr.maillage.directory;

import static fr.maillage.platform.testing.Tokens.asAdmin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Builders of valid requests; each test changes the one thing it is about. */
public final class TestData {
    private TestData() {
    }

    /** A random SIRET with a correct Luhn key. */
    public static String siret() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            s.append(ThreadLocalRandom.current().nextInt(i == 0 ? 1 : 0, 10));
        }
        for (int d = 0; d < 10; d++) {
            if (luhn(s.toString() + d)) {
                return s.toString() + d;
            }
        }
        throw new IllegalStateException();
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    public static Map<String, Object> partner(String name) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", name);
        p.put("typologies", List.of("MUNI"));
        p.put("siret", siret());
        p.put("programmes", List.of("Conseillers numériques"));
        p.put("email", "mairie@example.org");
        p.put("phone", "01 99 00 12 34");
        return p;
    }

    public static UUID createPartner(String name) {
        String id = asAdmin().contentType("application/json").body(partner(name)).post("/api/v1/partners")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** A place at Corbie's town hall (INSEE 80212, 80800). */
    public static Map<String, Object> place(UUID partnerId, String name) {
        Map<String, Object> p = new HashMap<>();
        p.put("partnerId", partnerId.toString());
        p.put("name", name);
        p.put("address", new HashMap<>(Map.of("street", "1 place de la République", "postalCode", "80800", "inseeCode", "80212")));
        p.put("latitude", 49.9085);
        p.put("longitude", 2.5090);
        p.put("openingHours", "Mo-Fr 09:00-12:00,14:00-17:00");
        p.put("phone", "03 22 96 00 00");
        p.put("services", List.of("Aide aux démarches administratives"));
        p.put("frais", List.of("Gratuit"));
        p.put("itinerance", "Fixe");
        return p;
    }

    public static UUID createPlace(Map<String, Object> body) {
        String id = asAdmin().contentType("application/json").body(body).post("/api/v1/places")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** A fictional volunteer (ARCEP fiction range) staffing {@code place}, owned by {@code partner} when given. */
    public static Map<String, Object> person(UUID partner, UUID place) {
        Map<String, Object> p = new HashMap<>();
        p.put("role", "benevole");
        p.put("firstName", "Camille");
        p.put("lastName", "Exemple");
        p.put("phone", "06 39 98 00 01");
        p.put("email", "camille.exemple@example.org");
        p.put("notifySms", true);
        p.put("notifyEmail", false);
        p.put("placeIds", place == null ? List.of() : List.of(place.toString()));
        if (partner != null) {
            p.put("partnerId", partner.toString());
        }
        return p;
    }

    public static UUID createPerson(Map<String, Object> body) {
        String id = asAdmin().contentType("application/json").body(body).post("/api/v1/people")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }
}
