package fr.maillage.system.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.Tokens;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 16, item 2 (directory and offers): an offer accepted 10,000 reminderOffsetsMinutes. Every list of a request now
 * has a documented maximum and distinct values; a longer list or a repeated value is refused, naming the list (offers:
 * 422, directory: 400), and nothing is stored.
 */
class DirectoryAndOffersListLimitsTest {
    private static final String PARTNER = Demo.id("PARTNER_ROMAGNE");
    private static final String PLACE = Demo.id("PLACE_ROMAGNE");

    private static Map<String, Object> offer() {
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(12);
        return AdHocOffers.offer(PLACE, PARTNER, "permanence_individuelle", 1, 30,
                List.of(new AdHocOffers.Session(day, LocalTime.of(14, 0), LocalTime.of(14, 30))));
    }

    @SuppressWarnings("unchecked")
    private static ValidatableResponse putOffer(String id, String list, Object values) {
        Map<String, Object> offer = offer();
        if (list.startsWith("bookingRules.")) {
            Map<String, Object> rules = new HashMap<>((Map<String, Object>) offer.get("bookingRules"));
            rules.put(list.substring("bookingRules.".length()), values);
            offer.put("bookingRules", rules);
        } else {
            offer.put(list, values);
        }
        return Gateway.given().auth().oauth2(Tokens.partnerApp(PARTNER)).contentType("application/json").body(offer)
                .when().put("/api/v1/offers/" + id).then();
    }

    private static void offerRefused(String list, Object values) {
        String id = UUID.randomUUID().toString();
        putOffer(id, list, values).statusCode(422).contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                .body("violations.field", hasItem(list));
        Gateway.given().auth().oauth2(Tokens.partnerApp(PARTNER)).when().get("/api/v1/offers/" + id).then().statusCode(404);
    }

    @Test
    void anOfferHasAtMostFiveDistinctReminderOffsetsAndBoundedDistinctLists() {
        List<Integer> tenThousand = new ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            tenThousand.add(i);
        }
        offerRefused("bookingRules.reminderOffsetsMinutes", tenThousand);
        offerRefused("bookingRules.reminderOffsetsMinutes", List.of(60, 120, 180, 240, 300, 360));
        offerRefused("bookingRules.reminderOffsetsMinutes", List.of(120, 120));
        List<String> staff = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            staff.add(UUID.randomUUID().toString());
        }
        offerRefused("staffIds", staff);
        String one = UUID.randomUUID().toString();
        offerRefused("staffIds", List.of(one, one));
        offerRefused("themes", List.of("aide_demarches", "aide_demarches"));
        // five distinct offsets are fine
        putOffer(UUID.randomUUID().toString(), "bookingRules.reminderOffsetsMinutes", List.of(2880, 1440, 240, 120, 60))
                .statusCode(201).body("bookingRules.reminderOffsetsMinutes", equalTo(List.of(2880, 1440, 240, 120, 60)));
    }

    @Test
    void directoryListsAreBoundedAndDistinct() {
        Map<String, Object> place = new HashMap<>();
        place.put("partnerId", PARTNER);
        place.put("name", "Lieu aux listes répétées");
        place.put("address", Map.of("street", "1 rue de la Mairie", "postalCode", "35133", "inseeCode", "35243"));
        place.put("services", List.of("Aide aux démarches administratives", "Aide aux démarches administratives"));
        Gateway.asAdmin().contentType("application/json").body(place).when().post("/api/v1/places").then().statusCode(400)
                .body("field", equalTo("services"));
        place.put("services", List.of("Aide aux démarches administratives"));
        List<String> communes = new ArrayList<>();
        for (int i = 0; i < 2001; i++) {
            communes.add("35243");
        }
        place.put("servedCommunes", communes);
        Gateway.asAdmin().contentType("application/json").body(place).when().post("/api/v1/places").then().statusCode(400)
                .body("field", equalTo("servedCommunes"));

        Map<String, Object> person = new HashMap<>();
        person.put("role", "benevole");
        person.put("firstName", "Camille");
        person.put("lastName", "Exemple");
        person.put("partnerId", PARTNER);
        person.put("placeIds", List.of(PLACE, PLACE));
        Gateway.asPartnerApp(PARTNER).contentType("application/json").body(person).when().post("/api/v1/people").then()
                .statusCode(400).body("field", equalTo("placeIds"));
    }
}
