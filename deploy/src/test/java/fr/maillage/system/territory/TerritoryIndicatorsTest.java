package fr.maillage.system.territory;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Gateway;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.ProblemJson.Kind;
import fr.maillage.system.Tokens;
import fr.maillage.system.territory.CommunesCsv.Commune;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 20 §2 through the gateway: bookings keep where the person lives, and the territory's anonymous indicators count
 * them with statistical secrecy (1 to 4 people → null). Built for the test in the CC du Pays de Mauriac (EPCI 241500271,
 * Cantal; no other system test goes there), at a place in Mauriac, with residents of two communes chosen among those the
 * indicators do not know yet (B: 25 requests, C: 2):
 * <ul>
 * <li>an atelier starting 35-40 seconds after it is published (10 seats, waiting list): 10 people of B booked, 5 more
 * on the waiting list; once it has started 5 marked present and 5 absent — the 5 waiting are left on the list;</li>
 * <li>a later session of the same atelier: 5 of B booked then cancelled, 1 of C booked;</li>
 * <li>a one-seat atelier without waiting list: 1 of C booked, then 5 of B refused because full (BookingRefused);</li>
 * <li>6 referrals to another structure (5 of B, which the target marks « attended », 1 of C, « no_show »).</li>
 * </ul>
 * Expected (computed here, not read back): B demand 25, bookings 15, attended 5, no-shows 5 (rate 0.5), cancellations
 * 5, waitlisted 5, left on the waiting list 5, refused full 5, unmet demand 10, referrals 5 (5 attended); C's counts
 * (2, 2, 1) suppressed as null; fill rates of the atelier (11 of 20) and of the place (12 of 21), the one-seat
 * atelier's single person suppressed. The only wait is for the atelier to start (≤ 40 s). Fails on the code before issue
 * 20: no residence was kept in the events, no BookingRefused, no /api/v1/territory/indicators (404).
 */
class TerritoryIndicatorsTest {
    static final String EPCI = "241500271";
    static final String PATH = "/api/v1/territory/indicators";
    static final String THEME = "aide_demarches";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String MAURIAC = "15120";

    static final List<Commune> COMMUNES = CommunesCsv.ofEpci(EPCI);
    static String host, target, place, atelier, small;
    static String b, c;
    static String from, to;
    /** The EPCI's figures before the test (all zero on a fresh stack; a re-run adds to them). */
    static JsonPath before;

    @BeforeAll
    static void bookReferAndAttend() throws InterruptedException {
        LocalDate today = LocalDate.now(PARIS);
        from = today.minusDays(1).toString();
        to = today.plusDays(4).toString();
        before = indicators(Gateway.asAdmin(), Map.of("epci", EPCI)).then().statusCode(200).extract().jsonPath();
        List<String> known = before.getList("communes.code");
        List<String> fresh = COMMUNES.stream().map(Commune::code).filter(code -> !code.equals(MAURIAC) && !known.contains(code)).toList();
        assertTrue(fresh.size() >= 2, "two communes of the EPCI without figures yet: " + known);
        b = fresh.get(0);
        c = fresh.get(1);

        host = TerritoryFixtures.partner("Communauté de communes de test (indicateurs) " + UUID.randomUUID().toString().substring(0, 8));
        target = TerritoryFixtures.partner("Structure qui reçoit les orientations " + UUID.randomUUID().toString().substring(0, 8));
        Commune mauriac = CommunesCsv.get(MAURIAC);
        place = TerritoryFixtures.place(host, "Maison France Services de test", MAURIAC, "15200", mauriac.latitude(),
                mauriac.longitude(), List.of("Aide aux démarches administratives"), null, List.of());

        // the one-seat atelier without waiting list (also makes sure offers knows the place before the timed one)
        small = UUID.randomUUID().toString();
        Map<String, Object> one = atelier(1, 60, new AdHocOffers.Session(today.plusDays(3), LocalTime.of(10, 0), LocalTime.of(11, 0)));
        @SuppressWarnings("unchecked")
        Map<String, Object> noWaiting = new HashMap<>((Map<String, Object>) one.get("bookingRules"));
        noWaiting.put("waitingList", false);
        one.put("bookingRules", noWaiting);
        String smallSlot = (String) TerritoryFixtures.publish(small, one, 1).get(0).get("id");

        // the atelier that starts in 35-40 s (a time with seconds: no waiting for a whole minute), and a later session
        ZonedDateTime start = ZonedDateTime.now(PARIS).plusSeconds(38).truncatedTo(ChronoUnit.SECONDS);
        if (!start.plusMinutes(10).toLocalDate().equals(start.toLocalDate())) {
            Thread.sleep(Duration.between(ZonedDateTime.now(PARIS), start.plusMinutes(11).truncatedTo(ChronoUnit.DAYS)).toMillis());
            start = ZonedDateTime.now(PARIS).plusSeconds(38).truncatedTo(ChronoUnit.SECONDS);
        }
        atelier = UUID.randomUUID().toString();
        List<Map<String, Object>> slots = new ArrayList<>(TerritoryFixtures.publish(atelier, atelier(10, 10,
                new AdHocOffers.Session(start.toLocalDate(), start.toLocalTime(), start.toLocalTime().plusMinutes(10)),
                new AdHocOffers.Session(today.plusDays(3), LocalTime.of(14, 0), LocalTime.of(14, 10))), 2));
        slots.sort((x, y) -> ((String) x.get("start")).compareTo((String) y.get("start")));
        String now = (String) slots.get(0).get("id");
        String later = (String) slots.get(1).get("id");

        // 10 of B booked, then 5 of B on the waiting list — before the start
        List<String> present = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            present.add(booked(now, b, "confirmed"));
        }
        for (int i = 0; i < 5; i++) {
            booked(now, b, "waitlisted");
        }
        assertTrue(ZonedDateTime.now(PARIS).isBefore(start), "the 15 requests were made before the atelier started at " + start);

        // while it has not started: a later session (5 of B cancelled, 1 of C), the full one-seat atelier, referrals
        for (int i = 0; i < 5; i++) {
            String id = booked(later, b, "confirmed");
            Gateway.asAgent(host).contentType("application/json").body(Map.of("cancelledBy", "service", "reason", "Test"))
                    .when().post("/api/v1/bookings/" + id + "/cancel").then().statusCode(200).body("status", startsWith("cancelled"));
        }
        booked(later, c, "confirmed");
        booked(smallSlot, c, "confirmed");
        for (int i = 0; i < 5; i++) {
            TerritoryFixtures.book(host, smallSlot, THEME, b).then().statusCode(409);
        }
        for (int i = 0; i < 5; i++) {
            outcome(refer(b), "attended");
        }
        outcome(refer(c), "no_show");

        // the atelier has started: presence noted
        long wait = Duration.between(ZonedDateTime.now(PARIS), start).toMillis() + 1_000;
        if (wait > 0) {
            Thread.sleep(wait);
        }
        for (int i = 0; i < 10; i++) {
            Gateway.asAgent(host).contentType("application/json").body(Map.of("attended", i < 5))
                    .when().post("/api/v1/bookings/" + present.get(i) + "/attendance").then().statusCode(200);
        }
    }

    private static Map<String, Object> atelier(int capacity, int minutes, AdHocOffers.Session... sessions) {
        Map<String, Object> offer = new HashMap<>(AdHocOffers.offer(place, host, "atelier_collectif", capacity, minutes, List.of(sessions)));
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = new HashMap<>((Map<String, Object>) offer.get("bookingRules"));
        rules.put("cancelUntilMinutes", 0);
        rules.put("rescheduleUntilMinutes", 0);
        offer.put("bookingRules", rules);
        return offer;
    }

    private static String booked(String slotId, String residence, String status) {
        return TerritoryFixtures.book(host, slotId, THEME, residence).then().statusCode(201).body("status", equalTo(status))
                .extract().path("id");
    }

    /** A referral from the host to the target structure of a person living in {@code residence} (booking learns the
     *  target from the directory's events: 422 until then). */
    private static String refer(String residence) {
        Map<String, Object> body = Map.of("person", Map.of("firstName", "Orienté", "residenceInsee", residence),
                "need", THEME, "targetPartnerId", target);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Response r = Gateway.asAgent(host).contentType("application/json").body(body).when().post("/api/v1/referrals");
            if (r.statusCode() == 201 || r.statusCode() != 422 || System.nanoTime() > deadline) {
                r.then().statusCode(201);
                return r.path("id");
            }
            pause(300);
        }
    }

    private static void outcome(String referralId, String outcome) {
        Gateway.asAgent(target).contentType("application/json").body(Map.of("outcome", outcome))
                .when().post("/api/v1/referrals/" + referralId + "/outcome").then().statusCode(200);
    }

    // ------------------------------------------------------------------ the figures

    @Test
    void aCommuneWithFiveOrMorePeopleShowsItsFiguresExactly() {
        JsonPath t = awaitFigures(Map.of("commune", b), "totals", Map.of("demand", 25, "leftOnWaitingList", 5, "noShows", 5,
                "refusedFull", 5, "referrals", 5));
        assertEquals("commune", t.getString("territory.type"));
        assertEquals(b, t.getString("territory.code"));
        assertEquals(CommunesCsv.get(b).name(), t.getString("territory.name"));
        assertEquals(5, t.getInt("secrecyThreshold"));
        assertEquals(from, t.getString("from"));
        assertEquals(to, t.getString("to"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("demand", 25);
        expected.put("bookings", 15);
        expected.put("attended", 5);
        expected.put("noShows", 5);
        expected.put("cancellations", 5);
        expected.put("waitlisted", 5);
        expected.put("leftOnWaitingList", 5);
        expected.put("refusedFull", 5);
        expected.put("unmetDemand", 10);
        expected.put("referrals", 5);
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            assertEquals(e.getValue(), t.get("totals." + e.getKey()), e.getKey() + " of " + b + ": " + t.prettify());
        }
        assertEquals(0.5, t.getDouble("totals.noShowRate"), 1e-6);
        assertEquals(5, (Integer) t.get("totals.referralOutcomes.attended"));
        assertEquals(0, (Integer) t.get("totals.referralOutcomes.no_show"));
        Map<String, Object> theme = t.getMap("demandByTheme.find { it.theme == '" + THEME + "' }");
        assertNotNull(theme, t.prettify());
        assertEquals("Aide aux démarches administratives", theme.get("label"));
        assertEquals(25, theme.get("demand"));
        assertEquals(15, theme.get("bookings"));
        assertEquals(10, theme.get("unmetDemand"));
    }

    @Test
    void aCommuneWithOneToFourPeopleIsSuppressed() {
        JsonPath t = awaitFigures(Map.of("commune", b), "totals", Map.of("demand", 25, "referrals", 5));
        JsonPath small = indicators(Gateway.asAdmin(), Map.of("commune", c)).then().statusCode(200).extract().jsonPath();
        assertNotNull(t);
        for (String figure : List.of("demand", "bookings", "referrals", "referralOutcomes.no_show")) {
            assertNull(small.get("totals." + figure), figure + " of " + c + " (1 to 4 people): " + small.prettify());
        }
        for (String zero : List.of("cancellations", "waitlisted", "leftOnWaitingList", "refusedFull", "unmetDemand", "attended",
                "noShows", "referralOutcomes.attended")) {
            assertEquals(0, (Integer) small.get("totals." + zero), zero + " of " + c + " stays 0: " + small.prettify());
        }
    }

    @Test
    void theEpciListsItsCommunesAndFillRatesWithSecrecy() {
        awaitFigures(Map.of("commune", b), "totals", Map.of("demand", 25, "leftOnWaitingList", 5, "referrals", 5));
        JsonPath e = indicators(Gateway.asAdmin(), Map.of("epci", EPCI)).then().statusCode(200).extract().jsonPath();
        assertEquals("epci", e.getString("territory.type"));
        assertEquals("15", e.getString("territory.departement"));
        // totals: ours added to what was there (exact on a fresh stack; a figure that was 1-4 before cannot be checked)
        expectTotal(e, "demand", 27);
        expectTotal(e, "bookings", 17);
        expectTotal(e, "attended", 5);
        expectTotal(e, "noShows", 5);
        expectTotal(e, "cancellations", 5);
        expectTotal(e, "waitlisted", 5);
        expectTotal(e, "leftOnWaitingList", 5);
        expectTotal(e, "refusedFull", 5);
        expectTotal(e, "unmetDemand", 10);
        expectTotal(e, "referrals", 6);
        expectTotal(e, "referralOutcomes.attended", 5);
        expectTotal(e, "referralOutcomes.no_show", 1);
        // communes: B with its figures, first (most demand among ours); C listed with its counts suppressed
        Map<String, Object> rowB = e.getMap("communes.find { it.code == '" + b + "' }");
        Map<String, Object> rowC = e.getMap("communes.find { it.code == '" + c + "' }");
        assertNotNull(rowB, e.prettify());
        assertNotNull(rowC, e.prettify());
        assertEquals(CommunesCsv.get(b).name(), rowB.get("name"));
        assertEquals(CommunesCsv.get(b).population(), rowB.get("population"));
        assertEquals(25, rowB.get("demand"));
        assertEquals(15, rowB.get("bookings"));
        assertEquals(10, rowB.get("unmetDemand"));
        assertEquals(5, rowB.get("referrals"));
        assertNull(rowC.get("demand"));
        assertNull(rowC.get("bookings"));
        assertNull(rowC.get("referrals"));
        assertEquals(0, rowC.get("unmetDemand"));
        List<String> order = e.getList("communes.code");
        assertTrue(order.indexOf(b) < order.indexOf(c), "by demand, descending: " + order);
        assertTrue(!order.contains(MAURIAC) || before.getList("communes.code").contains(MAURIAC),
                "figures belong to where people live, not to the place's commune: " + order);

        // fill rates: the atelier (10 + 1 of 20 seats over its two sessions), the one-seat atelier (1 person: suppressed)
        Map<String, Object> big = e.getMap("offers.find { it.offerId == '" + atelier + "' }");
        assertNotNull(big, e.prettify());
        assertEquals(place, big.get("placeId"));
        assertEquals(MAURIAC, big.get("communeCode"));
        assertEquals(2, big.get("sessions"));
        assertEquals(20, big.get("capacity"));
        assertEquals(11, big.get("confirmed"));
        // JsonPath reads decimals as floats: 0.55 comes back as 0.550000011920929, hence the float-sized tolerance (the
        // service rounds to 4 decimals, far coarser)
        assertEquals(0.55, ((Number) big.get("fillRate")).doubleValue(), 1e-6);
        Map<String, Object> one = e.getMap("offers.find { it.offerId == '" + small + "' }");
        assertNotNull(one, e.prettify());
        assertEquals(1, one.get("sessions"));
        assertEquals(1, one.get("capacity"));
        assertNull(one.get("confirmed"));
        assertNull(one.get("fillRate"));
        Map<String, Object> atPlace = e.getMap("places.find { it.placeId == '" + place + "' }");
        assertNotNull(atPlace, e.prettify());
        assertEquals(3, atPlace.get("sessions"));
        assertEquals(21, atPlace.get("capacity"));
        assertEquals(12, atPlace.get("confirmed"));
        assertEquals(Math.round(12 * 10_000.0 / 21) / 10_000.0, ((Number) atPlace.get("fillRate")).doubleValue(), 1e-6);

        // a theme filter: the same for « aide_demarches », nothing for « smartphone » (the need is the booking's)
        indicators(Gateway.asAdmin(), Map.of("commune", b, "theme", THEME)).then().statusCode(200).body("totals.demand", equalTo(25));
        indicators(Gateway.asAdmin(), Map.of("commune", b, "theme", "smartphone")).then().statusCode(200)
                .body("totals.demand", equalTo(0)).body("totals.bookings", equalTo(0));
    }

    @Test
    void csvHasATotalRowThenOneRowPerCommuneWithSuppressedFiguresWrittenLessThanFive() {
        awaitFigures(Map.of("commune", b), "totals", Map.of("demand", 25, "leftOnWaitingList", 5, "referrals", 5));
        Response csv = Gateway.asAdmin().accept("text/csv").queryParam("epci", EPCI).queryParam("from", from).queryParam("to", to)
                .when().get(PATH);
        csv.then().statusCode(200).header("Content-Type", startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"indicateurs-epci-" + EPCI + "-" + from + "-" + to + ".csv\""));
        List<String> lines = csv.asString().lines().filter(l -> !l.isEmpty()).toList();
        assertEquals("code_insee;commune;population;demandes;rendez_vous;venues;absences;annulations;liste_attente_non_servie;"
                + "refus_complet;demande_non_satisfaite;orientations", lines.get(0).replace("\uFEFF", ""));
        assertTrue(lines.get(1).contains(";Total;"), "the « Total » row first: " + lines);
        String rowB = lines.stream().filter(l -> l.startsWith(b + ";")).findFirst().orElseThrow(() -> new AssertionError(lines));
        assertEquals(List.of(b, CommunesCsv.get(b).name(), Integer.toString(CommunesCsv.get(b).population()), "25", "15", "5", "5",
                "5", "5", "5", "10", "5"), List.of(rowB.split(";", -1)));
        String rowC = lines.stream().filter(l -> l.startsWith(c + ";")).findFirst().orElseThrow(() -> new AssertionError(lines));
        String[] cells = rowC.split(";", -1);
        assertEquals("<5", cells[3], rowC);
        assertEquals("<5", cells[4], rowC);
        assertEquals("<5", cells[11], rowC);
        Gateway.asAdmin().queryParam("epci", EPCI).queryParam("from", from).queryParam("to", to).queryParam("format", "csv")
                .queryParam("table", "offres").when().get(PATH).then().statusCode(200).header("Content-Type", startsWith("text/csv"))
                .body(containsString(atelier));
    }

    // ------------------------------------------------------------------ who may ask what

    @Test
    void coordinatorsOfTheTerritoryOnly() {
        RequestSpecification epciCoordinator = Gateway.given().auth().oauth2(Tokens.coordinator("epci:" + EPCI));
        indicators(epciCoordinator, Map.of("epci", EPCI)).then().statusCode(200);
        indicators(Gateway.given().auth().oauth2(Tokens.coordinator("epci:" + EPCI)), Map.of("commune", b)).then().statusCode(200);
        indicators(Gateway.given().auth().oauth2(Tokens.coordinator("dep:15")), Map.of("epci", EPCI)).then().statusCode(200);
        indicators(Gateway.given().auth().oauth2(Tokens.coordinator("epci:" + EPCI)), Map.of("commune", "48080"))
                .then().spec(ProblemJson.problem(Kind.FORBIDDEN)).body("field", equalTo("commune"));
        indicators(Gateway.given().auth().oauth2(Tokens.coordinator("epci:" + EPCI)), Map.of("departement", "15"))
                .then().spec(ProblemJson.problem(Kind.FORBIDDEN)).body("field", equalTo("departement"));
        indicators(Gateway.given().auth().oauth2(Tokens.coordinator("dep:80")), Map.of("epci", EPCI))
                .then().spec(ProblemJson.problem(Kind.FORBIDDEN)).body("field", equalTo("epci"));
        indicators(Gateway.given(), Map.of("epci", EPCI)).then().spec(ProblemJson.problem(Kind.UNAUTHORIZED));
        indicators(Gateway.asAgent(host), Map.of("epci", EPCI)).then().spec(ProblemJson.problem(Kind.FORBIDDEN));
        indicators(Gateway.asPartnerApp(host), Map.of("epci", EPCI)).then().spec(ProblemJson.problem(Kind.FORBIDDEN));
    }

    @Test
    void parametersAreCheckedAndNamed() {
        badRequest(Map.of(), "departement");
        badRequest(Map.of("epci", EPCI, "commune", b), "departement");
        badRequest(Map.of("commune", "1512"), "commune");
        badRequest(Map.of("epci", EPCI, "from", "2026-13-01"), "from");
        badRequest(Map.of("epci", EPCI, "from", "2026-12-31", "to", "2026-01-01"), null);
        badRequest(Map.of("epci", EPCI, "from", "2024-01-01", "to", "2026-12-31"), null);
        badRequest(Map.of("epci", EPCI, "theme", "astrologie"), "theme");
        Gateway.asAdmin().queryParam("commune", "15999").when().get(PATH).then().spec(ProblemJson.problem(Kind.NOT_FOUND))
                .body("field", equalTo("commune"));
    }

    // ------------------------------------------------------------------ helpers

    private static void badRequest(Map<String, String> params, String field) {
        var then = Gateway.asAdmin().queryParams(params).when().get(PATH).then().spec(ProblemJson.problem(Kind.BAD_REQUEST));
        if (field != null) {
            then.body("field", equalTo(field));
        }
    }

    /** The indicators over the test's period [yesterday, today + 4] unless {@code params} says otherwise. */
    static Response indicators(RequestSpecification who, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("from", from);
        all.put("to", to);
        all.putAll(params);
        return who.accept("application/json").queryParams(all).when().get(PATH);
    }

    /**
     * The indicators once {@code section} holds these figures (offers reads them from booking's events: a bounded wait),
     * else fails showing the last answer.
     */
    static JsonPath awaitFigures(Map<String, String> params, String section, Map<String, Integer> figures) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonPath last;
        do {
            last = indicators(Gateway.asAdmin(), params).then().statusCode(200).extract().jsonPath();
            JsonPath answer = last;
            if (figures.entrySet().stream().allMatch(f -> Objects.equals(f.getValue(), answer.get(section + "." + f.getKey())))) {
                return last;
            }
            pause(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("indicators " + params + " never showed " + figures + " in " + section + ": " + last.prettify());
    }

    /** The EPCI's figure is what it was plus ours (both as the API shows them: 1 to 4 → null). */
    private static void expectTotal(JsonPath after, String figure, int ours) {
        Object was = before.get("totals." + figure);
        if (!(was instanceof Integer previous)) {
            return; // suppressed before: unknown, so the sum cannot be checked (never on a fresh stack)
        }
        int sum = previous + ours;
        Integer shown = sum >= 1 && sum <= 4 ? null : sum;
        assertEquals(shown, after.get("totals." + figure), figure + " of the EPCI: " + after.prettify());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
