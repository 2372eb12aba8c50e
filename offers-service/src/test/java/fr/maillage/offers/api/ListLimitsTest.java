package fr.maillage.offers.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.maillage.offers.Fixtures;
import fr.maillage.offers.Fixtures.Place;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Issue 16, items 2 and 8: every list of an offer has a maximum and distinct values (10,000 reminder offsets made
 * one booking queue 40 reminders), and absurd schedule dates are a 422 naming the field, never a 500.
 */
@QuarkusTest
class ListLimitsTest {
    static final Place PLACE = Place.near("Salle des limites", "35243", "Romagné", "35133", 48.3436, -1.2716);

    @BeforeAll
    static void places() {
        Fixtures.publishPlaceAndWait(PLACE);
    }

    private static Response put(UUID id, Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>(Fixtures.permanence(PLACE.id()));
        body.putAll(changes);
        return Tokens.as(Tokens.partnerApp(PLACE.partnerId())).contentType(ContentType.JSON).body(body).put("/api/v1/offers/" + id);
    }

    private static void refused(Map<String, Object> changes, String field, String messagePart) {
        UUID id = UUID.randomUUID();
        put(id, changes).then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", hasItem(field), "violations.message", hasItem(containsString(messagePart)));
        Tokens.as(Tokens.partnerApp(PLACE.partnerId())).get("/api/v1/offers/" + id).then().statusCode(404);
    }

    private static Map<String, Object> reminders(List<Integer> offsets) {
        return Map.of("bookingRules", Map.of("reminderOffsetsMinutes", offsets));
    }

    @Test
    void reminderOffsetsAreAtMostFiveDistinctValues() {
        refused(reminders(IntStream.rangeClosed(1, 10_000).boxed().toList()), "bookingRules.reminderOffsetsMinutes", "Au plus 5 rappels");
        refused(reminders(List.of(10, 20, 30, 40, 50, 60)), "bookingRules.reminderOffsetsMinutes", "Au plus 5 rappels");
        refused(reminders(List.of(120, 120)), "bookingRules.reminderOffsetsMinutes", "même délai");
        refused(reminders(List.of(43201)), "bookingRules.reminderOffsetsMinutes[0]", "43200");
        put(UUID.randomUUID(), reminders(List.of(10, 20, 30, 40, 50))).then().statusCode(201)
                .body("bookingRules.reminderOffsetsMinutes", equalTo(List.of(10, 20, 30, 40, 50)));
    }

    @Test
    void everyOtherListHasAMaximumAndDistinctValues() {
        List<String> staff = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            staff.add(UUID.randomUUID().toString());
        }
        refused(Map.of("staffIds", staff), "staffIds", "Au plus 20");
        String one = UUID.randomUUID().toString();
        refused(Map.of("staffIds", List.of(one, one)), "staffIds", "deux fois");
        refused(Map.of("themes", List.of("impots", "impots")), "themes", "deux fois");
        refused(Map.of("publics", List.of("seniors", "seniors")), "publics", "deux fois");
        refused(Map.of("servedCommunes", List.of("35243", "35243")), "servedCommunes", "deux fois");
        refused(Map.of("languages", List.of("fr", "fr")), "languages", "deux fois");
        refused(Map.of("languages", List.of("français")), "languages[0]", "ISO 639");
        refused(Map.of("languages", IntStream.range(0, 11).mapToObj(i -> "l" + (char) ('a' + i)).toList()), "languages", "Au plus 10");
        refused(Map.of("accessibility", List.of("x".repeat(201))), "accessibility[0]", "200 caractères");
        refused(Map.of("accessibility", IntStream.range(0, 11).mapToObj(i -> "Mention " + i).toList()), "accessibility", "Au plus 10");
        refused(Map.of("bookingRules", Map.of("allowedBookers", List.of("agent", "agent"))), "bookingRules.allowedBookers", "deux fois");
        refused(Map.of("servedCommunes", java.util.Collections.nCopies(2001, "35243")), "servedCommunes", "Au plus 2000");
    }

    @Test
    void schedulesHaveBoundedListsAndPlausibleDates() {
        String today = LocalDate.now().toString();
        List<String> exceptions = IntStream.range(0, 401).mapToObj(i -> LocalDate.now().plusDays(i).toString()).toList();
        refused(Map.of("schedule", Map.of("exceptions", exceptions)), "schedule.exceptions", "Au plus 400");
        List<Map<String, Object>> rules = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            rules.add(Map.of("rrule", "FREQ=WEEKLY", "startDate", today, "startTime", "09:00", "endTime", "12:00"));
        }
        refused(Map.of("schedule", Map.of("rules", rules)), "schedule.rules", "Au plus 20");
        refused(Map.of("schedule", Map.of("rules", List.of(Map.of("rrule", "FREQ=WEEKLY", "startDate", "0001-01-01",
                "startTime", "09:00", "endTime", "12:00")))), "schedule.rules[0].startDate", "2000-01-01");
        refused(Map.of("schedule", Map.of("oneOffs", List.of(Map.of("date", "1999-12-31", "startTime", "09:00", "endTime", "12:00")))),
                "schedule.oneOffs[0].date", "2000-01-01");
        refused(Map.of("schedule", Map.of("exceptions", List.of("9999-12-31"))), "schedule.exceptions[0]", "horizon");
        // before: a start in year -999999999 overflowed the epoch milliseconds (500); years outside 1-9999 are not
        // even read as dates now (the platform's JSON layer: 400 naming the field)
        UUID id = UUID.randomUUID();
        put(id, Map.of("schedule", Map.of("rules", List.of(Map.of("rrule", "FREQ=WEEKLY", "startDate", "-999999999-01-01",
                "startTime", "09:00", "endTime", "12:00"))))).then().statusCode(400).contentType("application/problem+json")
                .body("field", containsString("startDate"));
        put(id, Map.of("schedule", Map.of("exceptions", List.of("+100000-01-01")))).then().statusCode(400)
                .contentType("application/problem+json").body("field", containsString("exceptions"));
    }
}
