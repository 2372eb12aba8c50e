package fr.maillage.system.web;

import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * What the staffing journeys in the browser (issue 19) prepare through the API before a person opens a page: a
 * permanence of an ad-hoc offer (one-off session cut into slots; its id is its first slot's), a volunteer of the
 * directory, a roster, a shift, staffing requests (the contract of /work/notes/ISSUE19.md, section A).
 */
final class StaffingFixtures {
    private StaffingFixtures() {
    }

    /** A permanence made for the test: its id (= first slot's), the offer and its unique title, its slots. */
    record Permanence(String id, String offerId, String title, List<Map<String, Object>> slots) {
    }

    /**
     * Publishes an offer of {@code partnerId} at {@code placeId} titled {@code title} (+ a random suffix) with one-off
     * sessions of {@code slotMinutes}-minute slots ({@code sessions}: each a day and a time range), capacity 1; returns
     * the permanence of the first session.
     */
    static Permanence permanence(String partnerId, String placeId, String title, int slotMinutes, AdHocOffers.Session... sessions) {
        String offerId = UUID.randomUUID().toString();
        String unique = title + " " + letters(5);
        Map<String, Object> offer = new HashMap<>(AdHocOffers.offer(placeId, partnerId, "permanence_individuelle", 1, slotMinutes,
                List.of(sessions)));
        offer.put("title", unique);
        int expected = 0;
        for (AdHocOffers.Session s : sessions) {
            expected += (int) (Duration.between(s.start(), s.end()).toMinutes() / slotMinutes);
        }
        List<Map<String, Object>> slots = AdHocOffers.publish(offerId, offer, expected);
        return new Permanence((String) slots.get(0).get("id"), offerId, unique, slots);
    }

    /** A session of {@code date} from {@code start} for {@code minutes}. */
    static AdHocOffers.Session session(LocalDate date, LocalTime start, int minutes) {
        return new AdHocOffers.Session(date, start, start.plusMinutes(minutes));
    }

    /**
     * A volunteer registered in the directory by the application of {@code org} (a fresh mobile, SMS wanted), once
     * booking-service knows them (its roster answers 200 rather than 404). Returns the person's id and mobile.
     */
    static Volunteer volunteer(String org, String placeId, String firstName) {
        String id = UUID.randomUUID().toString();
        People.Mobile mobile = People.newMobile();
        String lastName = "Testeur-" + letters(5);
        Gateway.asPartnerApp(org).contentType("application/json").body(Map.of(
                "role", "benevole", "firstName", firstName, "lastName", lastName,
                "phone", mobile.national(), "notifySms", true, "notifyEmail", false, "placeIds", List.of(placeId)))
                .when().put("/api/v1/people/" + id).then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> Gateway.asAgent(org).when().get("/api/v1/staff/" + id + "/availability").statusCode() == 200);
        return new Volunteer(id, firstName, lastName, mobile);
    }

    /** A volunteer made by a test: the last name is unique to the run (« Testeur-Xxxxx »). */
    record Volunteer(String id, String firstName, String lastName, People.Mobile mobile) {
    }

    /** The person's roster as booking-service has it (to put it back after a journey that changes it). */
    static Map<String, Object> roster(String org, String personId) {
        Map<String, Object> roster = new HashMap<>(Gateway.asAgent(org).when().get("/api/v1/staff/" + personId + "/availability")
                .then().statusCode(200).extract().jsonPath().getMap("$"));
        roster.keySet().retainAll(List.of("weekly", "excludedMonths", "themes"));
        return roster;
    }

    /** Replaces the person's roster (as an agent of their organisation). */
    static void putRoster(String org, String personId, Map<String, Object> roster) {
        Gateway.asAgent(org).contentType("application/json").body(roster)
                .when().put("/api/v1/staff/" + personId + "/availability").then().statusCode(200);
    }

    /** A roster available on {@code day} from {@code start} to {@code end}, every month, any theme. */
    static Map<String, Object> availableOn(DayOfWeek day, LocalTime start, LocalTime end) {
        return Map.of("weekly", List.of(Map.of("day", code(day), "start", start.toString(), "end", end.toString())),
                "excludedMonths", List.of(), "themes", List.of());
    }

    /** « MO » … « SU »: the roster's day codes. */
    static String code(DayOfWeek day) {
        return day.name().substring(0, 2);
    }

    /** Assigns {@code personId} to the permanence (as an agent of the host organisation): the shift's id. */
    static String assign(String org, String permanenceId, String personId) {
        return Gateway.asAgent(org).contentType("application/json").body(Map.of("personId", personId))
                .when().post("/api/v1/permanences/" + permanenceId + "/shifts").then().statusCode(201).extract().path("id");
    }

    /** Asks these people to staff the permanence (as an agent of the host organisation): the requests' ids, by person. */
    static Map<String, String> ask(String org, String permanenceId, List<String> personIds) {
        JsonPath created = Gateway.asAgent(org).contentType("application/json").body(Map.of("personIds", personIds))
                .when().post("/api/v1/permanences/" + permanenceId + "/staffing-requests").then().statusCode(201)
                .extract().jsonPath();
        Map<String, String> byPerson = new HashMap<>();
        for (Map<String, Object> r : created.<Map<String, Object>>getList("requests")) {
            byPerson.put((String) r.get("personId"), (String) r.get("id"));
        }
        return byPerson;
    }

    /** The permanence as booking-service has it (as an agent of the host organisation). */
    static JsonPath permanenceOf(String org, String permanenceId) {
        return Gateway.asAgent(org).when().get("/api/v1/permanences/" + permanenceId).then().statusCode(200).extract().jsonPath();
    }

    /** Books the slot for a citizen through the application of {@code org}: the booking's id. */
    static String book(String org, String slotId, String firstName) {
        People.Mobile mobile = People.newMobile();
        Response r = Gateway.asPartnerApp(org).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", firstName, "phone", mobile.national(), "smsConsent", true, "emailConsent", false),
                "need", Map.of("theme", "aide_demarches", "text", "Créer mon espace France Travail")))
                .when().post("/api/v1/bookings");
        r.then().statusCode(201);
        return r.path("id");
    }

    /** A booking as booking-service has it (as the application of {@code org}). */
    static JsonPath booking(String org, String bookingId) {
        return Gateway.asPartnerApp(org).when().get("/api/v1/bookings/" + bookingId).then().statusCode(200).extract().jsonPath();
    }

    /** A token for the admin of the run (to look without the organisation rules). */
    static String admin() {
        return Tokens.admin();
    }

    static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            char c = (char) ('a' + ThreadLocalRandom.current().nextInt(26));
            s.append(i == 0 ? Character.toUpperCase(c) : c);
        }
        return s.toString();
    }
}
