package fr.maillage.system.territory;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.ProblemJson.Kind;
import fr.maillage.system.Tokens;
import fr.maillage.system.territory.CommunesCsv.Commune;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 20 §1 through the gateway: a commune is covered by help that is really there — a bookable session of an offer
 * reaching it, or walk-in hours — not by a place that merely exists. The territory is built for the test in the CC du
 * Haut Allier Margeride (EPCI 200006930, Lozère, 10 real communes; nothing else of the system tests is in Lozère), with
 * a radius of 5 km and a window of 14 days, theme « aide_demarches »:
 * <ul>
 * <li>P0, Bel-Air-Val-d'Ance: a place serving the <b>whole EPCI</b> (servedCommunes) whose only offer's session is in
 * 20 days, no opening hours — covers nothing (the bug: such a place used to cover the whole EPCI); with
 * days=30 it covers all ten communes (served by its place);</li>
 * <li>P1, Langogne: a bookable session — covers the communes whose centre is within 5 km (distance);</li>
 * <li>P2, Saint Bonnet-Laval: a session with no seat left (booked) — covers nothing;</li>
 * <li>P3, Mende (outside the EPCI, 28+ km away): an itinerant offer naming Cheylard-l'Évêque and Luc — covers those two
 * (served);</li>
 * <li>P4, Auroux: walk-in hours with « Aide aux démarches administratives » — covers within 5 km (walk_in);</li>
 * <li>P5, Naussac-Fontanes: walk-in hours with another service only — covers Naussac-Fontanes without a theme, not for
 * « aide_demarches ».</li>
 * </ul>
 * The expected covered/uncovered communes and populations are computed here from shared/data/communes.csv and the
 * places' coordinates (haversine), with a margin of at least 0.3 km from the radius so that the service's own
 * (spheroid) distance cannot disagree. Then scope and roles: a coordinator of another territory 403 naming the
 * parameter, of the département 200, of the EPCI 403 for the département, admin everything, anonymous 401, agent /
 * partner-app / volunteer 403; one real Keycloak token (coordination.somme). Fails on the code before issue 20: there
 * was no /api/v1/territory/coverage (404), and /api/v1/coverage counted places.
 */
class TerritoryCoverageTest {
    static final String EPCI = "200006930";
    static final String EPCI_NAME = "CC du Haut Allier Margeride";
    static final String PATH = "/api/v1/territory/coverage";
    static final double RADIUS = 5.0;
    static final String THEME = "aide_demarches";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** A place of the fixture: where it is, and what it should cover (computed). */
    record Spot(String id, String insee, double lat, double lon) {
        double kmTo(Commune c) {
            return c.kmTo(lat, lon);
        }
    }

    static final List<Commune> COMMUNES = CommunesCsv.ofEpci(EPCI);
    static Spot p0, p1, p2, p3, p4, p5;
    static String o0, o1, o2, o3;
    static OffsetDateTime o1Start, o3Start;
    static String partner;

    @BeforeAll
    static void buildTheTerritory() {
        partner = TerritoryFixtures.partner("Communauté de communes de test (couverture) " + UUID.randomUUID().toString().substring(0, 8));
        List<String> wholeEpci = COMMUNES.stream().map(Commune::code).toList();
        // the directory wants at least one service per place; without opening hours it is no walk-in help
        List<String> service = List.of("Aide aux démarches administratives");
        p0 = spot("Lieu sans séance proche", "48038", "48600", 44.8430, 3.6300, service, null, wholeEpci);
        p1 = spot("Permanence de Langogne", "48080", "48300", 44.7150, 3.8330, service, null, List.of());
        p2 = spot("Permanence complète", "48139", "48600", 44.8120, 3.7050, service, null, List.of());
        p3 = spot("Départ de la permanence itinérante", "48095", "48000", 44.5180, 3.5000, service, null, List.of());
        p4 = spot("Accueil sans rendez-vous d'Auroux", "48010", "48600", 44.7540, 3.7200,
                List.of("Aide aux démarches administratives"), "Mo-Su 08:00-20:00", List.of());
        p5 = spot("Espace numérique de Naussac", "48105", "48300", 44.7680, 3.8050,
                List.of("Accès internet et matériel informatique"), "Mo-Su 08:00-20:00", List.of());
        for (Spot s : List.of(p0, p1, p2, p4, p5)) {
            for (Commune c : COMMUNES) {
                assertTrue(Math.abs(s.kmTo(c) - RADIUS) >= 0.3, "the fixture keeps every commune 0.3 km or more off the radius: "
                        + s + " " + c.code() + " " + s.kmTo(c));
            }
        }
        LocalDate today = LocalDate.now(PARIS);
        o0 = offer(p0, today.plusDays(20), null);
        o1 = offer(p1, today.plusDays(2), null);
        o2 = offer(p2, today.plusDays(2), null);
        o3 = offer(p3, today.plusDays(3), List.of("48048", "48086"));
        o1Start = ZonedDateTime.of(today.plusDays(2), LocalTime.of(10, 0), PARIS).toOffsetDateTime();
        o3Start = ZonedDateTime.of(today.plusDays(3), LocalTime.of(10, 0), PARIS).toOffsetDateTime();
        // P2's only seat is taken: its session is no longer bookable (offers learns it from booking.slots.v1)
        String full = (String) AdHocOffers.slots(o2).get(0).get("id");
        TerritoryFixtures.book(partner, full, THEME, null).then().statusCode(201).body("status", equalTo("confirmed"));
    }

    private static Spot spot(String name, String insee, String postalCode, double lat, double lon, List<String> services,
            String hours, List<String> served) {
        return new Spot(TerritoryFixtures.place(partner, name, insee, postalCode, lat, lon, services, hours, served), insee, lat, lon);
    }

    /** A published individual permanence at the spot, one 30-minute session on {@code day} at 10:00, one seat. */
    private static String offer(Spot at, LocalDate day, List<String> served) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> offer = new HashMap<>(AdHocOffers.offer(at.id(), partner, "permanence_individuelle", 1, 30,
                List.of(new AdHocOffers.Session(day, LocalTime.of(10, 0), LocalTime.of(10, 30)))));
        if (served != null) {
            offer.put("servedCommunes", served);
            offer.put("modality", "itinerant");
        }
        TerritoryFixtures.publish(id, offer, 1);
        return id;
    }

    // ------------------------------------------------------------------ expectations, by hand

    /** What covers each commune for the theme (or any theme), in a window of {@code days} days: code → kind/reach/spot. */
    static Map<String, String[]> expectedCover(boolean anyTheme, int days) {
        Map<String, String[]> cover = new LinkedHashMap<>();
        for (Commune c : COMMUNES) {
            // sessions first: a bookable session wins over walk-in hours
            if (p1.kmTo(c) <= RADIUS || c.code().equals(p1.insee())) {
                cover.put(c.code(), new String[] { "session", c.code().equals(p1.insee()) ? null : "distance", p1.id(), o1 });
            } else if (List.of("48048", "48086").contains(c.code())) {
                cover.put(c.code(), new String[] { "session", "served", p3.id(), o3 });
            } else if (days >= 21) {
                // P0's session is in 20 days; its place serves the whole EPCI
                cover.put(c.code(), new String[] { "session", null, p0.id(), o0 });
            } else if (p4.kmTo(c) <= RADIUS || c.code().equals(p4.insee())) {
                cover.put(c.code(), new String[] { "walk_in", c.code().equals(p4.insee()) ? null : "distance", p4.id(), null });
            } else if (anyTheme && (p5.kmTo(c) <= RADIUS || c.code().equals(p5.insee()))) {
                cover.put(c.code(), new String[] { "walk_in", null, p5.id(), null });
            }
        }
        return cover;
    }

    // ------------------------------------------------------------------ the figures

    @Test
    void onlyRealAvailabilityCoversACommuneAndTheTotalsAreTheTerritorys() {
        Map<String, String[]> expected = expectedCover(false, 14);
        // the hand computation itself: 7 communes helped, 3 without help (P0's, P2's, and Naussac-Fontanes)
        assertEquals(Set.of("48080", "48129", "48150", "48048", "48086", "48010", "48041"), expected.keySet());
        JsonPath answer = awaitCovered(mine("theme", THEME, "radiusKm", "5", "days", "14"), expected.keySet());

        assertEquals("epci", answer.getString("territory.type"));
        assertEquals(EPCI, answer.getString("territory.code"));
        assertEquals(EPCI_NAME, answer.getString("territory.name"));
        assertEquals("48", answer.getString("territory.departement"));
        assertEquals(THEME, answer.getString("theme"));
        assertEquals(5.0, answer.getDouble("radiusKm"), 1e-9);
        assertEquals(14, answer.getInt("days"));
        OffsetDateTime computedAt = OffsetDateTime.parse(answer.getString("computedAt"));
        assertTrue(Duration.between(computedAt, OffsetDateTime.now()).abs().toMinutes() < 5, "computed now: " + computedAt);
        assertTotals(answer, expected.keySet());

        List<Map<String, Object>> items = answer.getList("items");
        assertEquals(COMMUNES.size(), items.size());
        assertEquals(expectedOrder(expected.keySet()), items.stream().map(i -> (String) i.get("code")).toList(),
                "uncovered first, then population descending, then code");
        for (Map<String, Object> item : items) {
            Commune c = CommunesCsv.get((String) item.get("code"));
            String what = c.code() + " " + c.name() + ": " + item;
            assertEquals(c.name(), item.get("name"), what);
            assertEquals(EPCI, item.get("epci"), what);
            assertEquals("48", item.get("departement"), what);
            assertEquals(c.population(), ((Number) item.get("population")).intValue(), what);
            assertEquals(c.latitude(), ((Number) item.get("latitude")).doubleValue(), 0.001, what);
            assertEquals(c.longitude(), ((Number) item.get("longitude")).doubleValue(), 0.001, what);
            String[] cover = expected.get(c.code());
            assertEquals(cover != null, item.get("covered"), what);
            @SuppressWarnings("unchecked")
            Map<String, Object> means = (Map<String, Object>) item.get("coverage");
            if (cover == null) {
                assertNull(means, what);
                continue;
            }
            assertNotNull(means, what);
            assertEquals(cover[0], means.get("kind"), what);
            if (cover[1] != null) {
                assertEquals(cover[1], means.get("reach"), what);
            }
            assertEquals(cover[2], means.get("placeId"), what);
            if (cover[3] != null) {
                assertEquals(cover[3], means.get("offerId"), what);
            }
            if ("distance".equals(cover[1])) {
                Spot spot = cover[2].equals(p1.id()) ? p1 : p4;
                assertEquals(spot.kmTo(c), ((Number) means.get("distanceKm")).doubleValue(), 0.15, what);
            }
            if (cover[0].equals("session")) {
                OffsetDateTime start = cover[3].equals(o1) ? o1Start : o3Start;
                assertEquals(start.toInstant(), OffsetDateTime.parse((String) means.get("nextAt")).toInstant(), what);
            }
        }
    }

    @Test
    void filtersPagesThemeAndWindowChangeWhatIsCovered() {
        Map<String, String[]> expected = expectedCover(false, 14);
        awaitCovered(mine("theme", THEME, "radiusKm", "5", "days", "14"), expected.keySet());
        // covered=false: the communes without help only; the totals stay the territory's
        Response uncovered = coverage(Gateway.asAdmin(), mine("theme", THEME, "radiusKm", "5", "covered", "false"));
        uncovered.then().statusCode(200).header("X-Total-Count", "3");
        JsonPath u = uncovered.jsonPath();
        assertEquals(Set.of("48038", "48105", "48139"), Set.copyOf(u.getList("items.code")));
        assertEquals(3, u.getInt("total"));
        assertTotals(u, expected.keySet());
        Response covered = coverage(Gateway.asAdmin(), mine("theme", THEME, "radiusKm", "5", "covered", "true"));
        covered.then().statusCode(200).header("X-Total-Count", "7");
        assertEquals(expected.keySet(), Set.copyOf(covered.jsonPath().getList("items.code")));
        // a page of 4: the first four of the order, totals of all
        Response page = coverage(Gateway.asAdmin(), mine("theme", THEME, "radiusKm", "5", "size", "4", "page", "1"));
        page.then().statusCode(200).header("X-Total-Count", "10").body("total", equalTo(10)).body("page", equalTo(1))
                .body("size", equalTo(4));
        assertEquals(expectedOrder(expected.keySet()).subList(4, 8), page.jsonPath().getList("items.code"));
        assertTotals(page.jsonPath(), expected.keySet());

        // no theme: any service counts, so Naussac-Fontanes' internet access covers it (walk-in)
        Map<String, String[]> anyTheme = expectedCover(true, 14);
        assertEquals(8, anyTheme.size());
        JsonPath all = awaitCovered(mine("radiusKm", "5"), anyTheme.keySet());
        assertNull(all.get("theme"));
        assertEquals("walk_in", all.getString("items.find { it.code == '48105' }.coverage.kind"));
        assertEquals(p5.id(), all.getString("items.find { it.code == '48105' }.coverage.placeId"));

        // 30 days: P0's session (in 20 days) is in the window, and its place serves the whole EPCI
        Map<String, String[]> month = expectedCover(false, 30);
        assertEquals(10, month.size());
        JsonPath thirty = awaitCovered(mine("theme", THEME, "radiusKm", "5", "days", "30"), month.keySet());
        assertEquals("session", thirty.getString("items.find { it.code == '48139' }.coverage.kind"));
        assertEquals(o0, thirty.getString("items.find { it.code == '48139' }.coverage.offerId"));
        assertEquals(0.0, thirty.getDouble("uncoveredShareOfPopulation"), 1e-9);
    }

    @Test
    void csvListsEveryCommuneWithFrenchHeaders() {
        Map<String, String[]> expected = expectedCover(false, 14);
        awaitCovered(mine("theme", THEME, "radiusKm", "5", "days", "14"), expected.keySet());
        Response csv = Gateway.asAdmin().accept("text/csv").queryParam("epci", EPCI).queryParam("theme", THEME)
                .queryParam("radiusKm", "5").queryParam("size", "2").when().get(PATH);
        csv.then().statusCode(200).header("Content-Type", startsWith("text/csv")).header("Content-Type",
                org.hamcrest.Matchers.containsStringIgnoringCase("charset=utf-8"))
                .header("Content-Disposition", equalTo("attachment; filename=\"couverture-epci-" + EPCI + ".csv\""));
        List<String> lines = csv.asString().lines().filter(l -> !l.isEmpty()).toList();
        assertEquals("code_insee;commune;epci;departement;population;couverte;moyen;lieu;distance_km;prochaine_disponibilite",
                lines.get(0).replace("\uFEFF", ""));
        assertEquals(COMMUNES.size() + 1, lines.size(), "every commune, no paging: " + lines);
        Set<String> yes = new TreeSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(";", -1);
            assertEquals(10, cells.length, line);
            assertEquals(CommunesCsv.get(cells[0]).population(), Integer.parseInt(cells[4]), line);
            if (cells[5].equals("oui")) {
                yes.add(cells[0]);
            } else {
                assertEquals("non", cells[5], line);
            }
        }
        assertEquals(new TreeSet<>(expected.keySet()), yes);
        // ?format=csv is the same file
        Gateway.asAdmin().queryParam("epci", EPCI).queryParam("theme", THEME).queryParam("radiusKm", "5")
                .queryParam("format", "csv").when().get(PATH).then().statusCode(200).header("Content-Type", startsWith("text/csv"));
    }

    // ------------------------------------------------------------------ who may ask what

    @Test
    void coordinatorsSeeTheirTerritoryOnlyAdminsEverythingOtherRolesNothing() {
        Map<String, Object> mine = Map.of("epci", EPCI, "radiusKm", "5");
        // the département's coordinator may ask any EPCI inside it; the EPCI's, its EPCI
        coverage(asCoordinator("dep:48"), mine).then().statusCode(200).body("communes", equalTo(COMMUNES.size()));
        coverage(asCoordinator("epci:" + EPCI), mine).then().statusCode(200);
        coverage(asCoordinator("epci:241500271", "epci:" + EPCI), mine).then().statusCode(200);
        // ... not a wider territory, nor another one: 403 naming the parameter
        coverage(asCoordinator("epci:" + EPCI), Map.of("departement", "48")).then().spec(ProblemJson.problem(Kind.FORBIDDEN))
                .body("field", equalTo("departement"));
        coverage(asCoordinator("epci:241500271"), mine).then().spec(ProblemJson.problem(Kind.FORBIDDEN)).body("field", equalTo("epci"))
                .body("detail", org.hamcrest.Matchers.containsString("Ce territoire ne fait pas partie de ceux que vous coordonnez"));
        coverage(asCoordinator("dep:15"), mine).then().spec(ProblemJson.problem(Kind.FORBIDDEN)).body("field", equalTo("epci"));
        // an EPCI across two départements (CC de Millau Grands Causses: Aveyron and Lozère) is not inside dep:48
        coverage(asCoordinator("dep:48"), Map.of("epci", "241200567")).then().spec(ProblemJson.problem(Kind.FORBIDDEN))
                .body("field", equalTo("epci"));
        // a coordinator with no territory at all
        coverage(asCoordinator(), mine).then().spec(ProblemJson.problem(Kind.FORBIDDEN));
        // admin: anything, a département included
        coverage(Gateway.asAdmin(), Map.of("departement", "48", "radiusKm", "5")).then().statusCode(200)
                .body("territory.type", equalTo("departement")).body("territory.code", equalTo("48"))
                .body("communes", equalTo(CommunesCsv.count(c -> c.departement().equals("48"))));
        // other roles and nobody
        coverage(Gateway.given(), mine).then().spec(ProblemJson.problem(Kind.UNAUTHORIZED));
        coverage(Gateway.asAgent(partner), mine).then().spec(ProblemJson.problem(Kind.FORBIDDEN));
        coverage(Gateway.asPartnerApp(partner), mine).then().spec(ProblemJson.problem(Kind.FORBIDDEN));
        coverage(Gateway.asVolunteer(Demo.id("PERSON_BENEVOLE_SOMME")), mine).then().spec(ProblemJson.problem(Kind.FORBIDDEN));
    }

    @Test
    void aKeycloakCoordinatorIsScopedByTheTerritoriesOfItsToken() {
        String token = Tokens.ofDemoUser("coordination.somme", "demo");
        JsonPath claims = new JsonPath(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        assertEquals(List.of("coordinator"), claims.getList("groups"));
        List<String> territories = claims.getList("territory");
        assertTrue(territories.contains("dep:80"), "realm: coordination.somme coordinates the Somme: " + territories);
        String epci = territories.stream().filter(t -> t.startsWith("epci:")).map(t -> t.substring(5)).findFirst().orElseThrow();
        coverage(Gateway.given().auth().oauth2(token), Map.of("epci", epci)).then().statusCode(200)
                .body("territory.code", equalTo(epci)).body("territory.departement", equalTo("80"));
        coverage(Gateway.given().auth().oauth2(token), Map.of("epci", EPCI)).then().spec(ProblemJson.problem(Kind.FORBIDDEN))
                .body("field", equalTo("epci"));
    }

    @Test
    void parametersAreCheckedAndNamed() {
        RequestSpecification admin = Gateway.asAdmin();
        badRequest(Map.of(), "departement");
        badRequest(Map.of("epci", EPCI, "departement", "48"), "departement");
        badRequest(Map.of("epci", "24800053"), "epci");
        badRequest(Map.of("departement", "8A"), "departement");
        badRequest(Map.of("epci", EPCI, "radiusKm", "0"), "radiusKm");
        badRequest(Map.of("epci", EPCI, "radiusKm", "100.5"), "radiusKm");
        badRequest(Map.of("epci", EPCI, "days", "0"), "days");
        badRequest(Map.of("epci", EPCI, "days", "93"), "days");
        badRequest(Map.of("epci", EPCI, "theme", "astrologie"), "theme");
        badRequest(Map.of("epci", EPCI, "covered", "peut-etre"), "covered");
        badRequest(Map.of("commune", "48080"), null);
        // well-formed but no commune: 404 naming it
        coverage(admin, Map.of("epci", "200000000")).then().spec(ProblemJson.problem(Kind.NOT_FOUND)).body("field", equalTo("epci"));
    }

    // ------------------------------------------------------------------ helpers

    private static void badRequest(Map<String, Object> params, String field) {
        var then = coverage(Gateway.asAdmin(), params).then().spec(ProblemJson.problem(Kind.BAD_REQUEST));
        if (field != null) {
            then.body("field", equalTo(field));
        }
    }

    static RequestSpecification asCoordinator(String... territories) {
        return Gateway.given().auth().oauth2(Tokens.coordinator(territories));
    }

    static Response coverage(RequestSpecification who, Map<String, ?> params) {
        Map<String, Object> all = new LinkedHashMap<>(Map.of("size", 100));
        all.putAll(params);
        return who.accept("application/json").queryParams(all).when().get(PATH);
    }

    /**
     * The coverage of the EPCI once it says exactly {@code covered} (offers learns places, sessions and seats left from
     * events: bounded wait), else fails showing the difference.
     */
    static JsonPath awaitCovered(Map<String, ?> params, Set<String> covered) {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        Set<String> last;
        Response r;
        do {
            r = coverage(Gateway.asAdmin(), params);
            r.then().statusCode(200).header("Content-Type", startsWith("application/json"));
            last = r.jsonPath().<Map<String, Object>>getList("items").stream().filter(i -> Boolean.TRUE.equals(i.get("covered")))
                    .map(i -> (String) i.get("code")).collect(Collectors.toCollection(TreeSet::new));
            if (last.equals(new TreeSet<>(covered))) {
                return r.jsonPath();
            }
            sleep(500);
        } while (System.nanoTime() < deadline);
        assertEquals(new TreeSet<>(covered), last, "covered communes for " + params + "; last answer: " + r.asString());
        return r.jsonPath();
    }

    private static void assertTotals(JsonPath answer, Set<String> covered) {
        long population = COMMUNES.stream().mapToLong(Commune::population).sum();
        long coveredPopulation = COMMUNES.stream().filter(c -> covered.contains(c.code())).mapToLong(Commune::population).sum();
        assertEquals(COMMUNES.size(), answer.getInt("communes"));
        assertEquals(population, answer.getLong("population"));
        assertEquals(covered.size(), answer.getInt("coveredCommunes"));
        assertEquals(coveredPopulation, answer.getLong("coveredPopulation"));
        assertEquals(COMMUNES.size() - covered.size(), answer.getInt("uncoveredCommunes"));
        assertEquals(population - coveredPopulation, answer.getLong("uncoveredPopulation"));
        assertEquals(Math.round((population - coveredPopulation) * 10_000.0 / population) / 10_000.0,
                answer.getDouble("uncoveredShareOfPopulation"), 1e-6);
    }

    /** Uncovered first, then population descending, then code. */
    static List<String> expectedOrder(Set<String> covered) {
        List<Commune> sorted = new ArrayList<>(COMMUNES);
        sorted.sort(Comparator.comparing((Commune c) -> covered.contains(c.code()))
                .thenComparing(Comparator.comparingInt(Commune::population).reversed()).thenComparing(Commune::code));
        return sorted.stream().map(Commune::code).collect(Collectors.toCollection(ArrayList::new));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Query parameters for the test's EPCI, then {@code keysAndValues}. */
    static Map<String, Object> mine(Object... keysAndValues) {
        Map<String, Object> params = new LinkedHashMap<>(Map.of("epci", EPCI));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }
}
