package fr.maillage.system;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Structures of the directory, and their places, that system tests create for themselves, through the gateway as the
 * administrator. Each structure has a SIRET of its own (random, valid key): its places are exported with their pivot, so the open-data round trip of
 * the journeys re-imports them like any other.
 */
public final class Structures {
    private Structures() {
    }

    /** A new structure (typology MUNI) named {@code name}. Its id. */
    public static String create(String name) {
        String id = UUID.randomUUID().toString();
        Gateway.asAdmin().contentType("application/json")
                .body(Map.of("name", name, "typologies", List.of("MUNI"), "siret", randomSiret()))
                .when().put("/api/v1/partners/" + id).then().statusCode(201);
        return id;
    }

    /** 13 random digits (starting with 9: never La Poste's SIREN 356000000) and the digit that makes the 14 pass the Luhn check. */
    public static String randomSiret() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder digits = new StringBuilder("9");
        for (int i = 1; i < 13; i++) {
            digits.append(random.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            String siret = digits.toString() + check;
            int sum = 0;
            for (int i = 0; i < 14; i++) {
                int d = siret.charAt(13 - i) - '0';
                if (i % 2 == 1) {
                    d = d * 2 > 9 ? d * 2 - 9 : d * 2;
                }
                sum += d;
            }
            if (sum % 10 == 0) {
                return siret;
            }
        }
        throw new IllegalStateException("no Luhn key");
    }

    /**
     * A place of {@code partnerId} in commune {@code insee} at ({@code lat}, {@code lon}); {@code services} (labels of the
     * standard), {@code openingHours} (OSM syntax) and {@code servedCommunes} may be empty/null. Its id.
     */
    public static String place(String partnerId, String name, String insee, String postalCode, double lat, double lon,
            List<String> services, String openingHours, List<String> servedCommunes) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> place = new HashMap<>();
        place.put("partnerId", partnerId);
        place.put("name", name);
        place.put("address", Map.of("street", "1 place de la Mairie", "postalCode", postalCode, "inseeCode", insee));
        place.put("latitude", lat);
        place.put("longitude", lon);
        if (services != null && !services.isEmpty()) {
            place.put("services", services);
        }
        if (openingHours != null) {
            place.put("openingHours", openingHours);
        }
        if (servedCommunes != null && !servedCommunes.isEmpty()) {
            place.put("servedCommunes", servedCommunes);
        }
        Gateway.asAdmin().contentType("application/json").body(place).when().put("/api/v1/places/" + id)
                .then().statusCode(anyOf(is(201), is(200)));
        return id;
    }
}
