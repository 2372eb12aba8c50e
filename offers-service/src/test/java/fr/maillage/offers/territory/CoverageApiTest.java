package fr.maillage.offers.territory;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.maillage.offers.Fixtures;
import fr.maillage.offers.KafkaTestSupport;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * GET /api/v1/territory/coverage on a built territory: the CC Coeur de Lozère (EPCI 244800405), seven real communes
 * whose populations the test reads from shared/data/communes.csv (no other test puts anything in Lozère). Their centres
 * are at least 4.3 km apart, so with radiusKm=3 a place at a commune's centre reaches that commune only.
 * <ul>
 * <li>Mende: a place in Mende with a bookable atelier in 2 days → session, served (same commune);</li>
 * <li>Badaroux: a place 1.5 km from its centre, registered in Sainte-Hélène (outside the EPCI), bookable session in 3
 * days → session, distance;</li>
 * <li>Le Born: an itinerant offer held in Florac (20–30 km away) whose servedCommunes name Le Born → session, served;</li>
 * <li>Pelouse: a place with the « Aide aux démarches administratives » service open 24/7, no offer → walk_in;</li>
 * <li>Barjac: a place with no session and no hours (covers nothing), and a full session (remaining 0) → uncovered;</li>
 * <li>Balsièges: a session in 20 days (beyond days=14) and one in 2 days whose offer asks 4 days' notice → uncovered
 * (covered with days=30);</li>
 * <li>Saint-Bauzile: an aide_demarches place with closed hours (« off »), a « Maîtrise des outils numériques du
 * quotidien » place open 24/7 and an acces_libre offer of loisirs_creation at a place open every day → uncovered for
 * aide_demarches, walk_in for smartphone (a topic of that service) and for loisirs_creation (the acces_libre offer).</li>
 * </ul>
 */
@QuarkusTest
class CoverageApiTest {
    static final String PATH = "/api/v1/territory/coverage";
    static final String EPCI = "244800405";
    static final String MENDE = "48095";
    static final String BADAROUX = "48013";
    static final String LE_BORN = "48029";
    static final String PELOUSE = "48111";
    static final String BARJAC = "48018";
    static final String BALSIEGES = "48016";
    static final String SAINT_BAUZILE = "48137";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** INSEE code → population, from the reference file the service loads. */
    static Map<String, Integer> population;
    static UUID mendeOffer;
    static UUID badarouxOffer;
    static UUID itinerantOffer;
    static UUID libreOffer;
    static UUID librePlace;

    @BeforeEach
    void territory() throws IOException {
        if (population != null) {
            return;
        }
        population = populations();
        UUID mende = place("Mairie de Mende", MENDE, "Mende", 44.53691, 3.49086, List.of(), null, List.of());
        UUID nearBadaroux = place("Tiers-lieu de la Vernède", "48157", "Sainte-Hélène", 44.54761, 3.58008, List.of(), null, List.of());
        UUID florac = place("France services Florac", "48061", "Florac Trois Rivières", 44.3189, 3.62681, List.of(), null, List.of());
        place("=Maison de Pelouse", PELOUSE, "Pelouse", 44.57704, 3.60947,
                List.of("Aide aux démarches administratives"), "24/7", List.of());
        UUID barjac = place("Salle des fêtes de Barjac", BARJAC, "Barjac", 44.52307, 3.40369, List.of(), null, List.of());
        UUID balsieges = place("Mairie de Balsièges", BALSIEGES, "Balsièges", 44.47702, 3.44355, List.of(), null, List.of());
        place("Mairie de Saint-Bauzile", SAINT_BAUZILE, "Saint-Bauzile", 44.47017, 3.49691,
                List.of("Aide aux démarches administratives"), "off", List.of());
        place("Médiathèque de Saint-Bauzile", SAINT_BAUZILE, "Saint-Bauzile", 44.47117, 3.49691,
                List.of("Maîtrise des outils numériques du quotidien"), "24/7", List.of());
        librePlace = place("Espace public numérique de Saint-Bauzile", SAINT_BAUZILE, "Saint-Bauzile", 44.46917, 3.49691,
                List.of(), "Mo-Su 08:00-20:00", List.of());

        LocalDate today = LocalDate.now(PARIS);
        mendeOffer = offer(mende, "atelier_collectif", List.of("aide_demarches"), 5, today.plusDays(2), null, List.of());
        badarouxOffer = offer(nearBadaroux, "atelier_collectif", List.of("caf"), 5, today.plusDays(3), null, List.of());
        itinerantOffer = offer(florac, "aide_ponctuelle", List.of("aide_demarches"), 1, today.plusDays(4), null, List.of(LE_BORN));
        UUID full = offer(barjac, "atelier_collectif", List.of("aide_demarches"), 1, today.plusDays(2), null, List.of());
        offer(balsieges, "atelier_collectif", List.of("aide_demarches"), 5, today.plusDays(20), null, List.of());
        offer(balsieges, "atelier_collectif", List.of("aide_demarches"), 5, today.plusDays(2), 4 * 24 * 60, List.of());
        libreOffer = offer(librePlace, "acces_libre", List.of("loisirs_creation"), 10, today.plusDays(50), null, List.of());
        fill(full);
    }

    // ---------------------------------------------------------------- what covers a commune

    @Test
    void onlyRealAvailabilityCoversACommune() {
        JsonPath body = asAdmin().queryParam("epci", EPCI).queryParam("theme", "aide_demarches").queryParam("radiusKm", "3")
                .get(PATH).then().statusCode(200).contentType(containsString("application/json"))
                .header("X-Total-Count", "7").extract().jsonPath();
        Set<String> covered = Set.of(MENDE, BADAROUX, LE_BORN, PELOUSE);
        Set<String> uncovered = Set.of(BARJAC, BALSIEGES, SAINT_BAUZILE);
        assertTotals(body, covered, uncovered);
        assertEquals("epci", body.getString("territory.type"));
        assertEquals(EPCI, body.getString("territory.code"));
        assertEquals("CC Coeur de Lozère", body.getString("territory.name"));
        assertEquals("48", body.getString("territory.departement"));
        assertEquals("aide_demarches", body.getString("theme"));
        assertEquals(3.0, body.getDouble("radiusKm"));
        assertEquals(14, body.getInt("days"));
        assertTrue(body.getString("computedAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0[12]:00"), body.getString("computedAt"));
        // uncovered first, then population descending, then code
        assertEquals(List.of(BARJAC, BALSIEGES, SAINT_BAUZILE, MENDE, BADAROUX, PELOUSE, LE_BORN), body.getList("items.code"));

        Map<String, Object> mende = item(body, MENDE);
        assertEquals(true, mende.get("covered"));
        assertEquals(Map.of("kind", "session", "reach", "served", "offerId", mendeOffer.toString()),
                pick(coverage(mende), "kind", "reach", "offerId"));
        assertEquals(LocalDate.now(PARIS).plusDays(2) + "T10:00", ((String) coverage(mende).get("nextAt")).substring(0, 16));
        assertEquals(0.2, ((Number) coverage(mende).get("distanceKm")).doubleValue(), 0.05);

        Map<String, Object> badaroux = coverage(item(body, BADAROUX));
        assertEquals(Map.of("kind", "session", "reach", "distance", "offerId", badarouxOffer.toString(),
                "placeName", "Tiers-lieu de la Vernède"), pick(badaroux, "kind", "reach", "offerId", "placeName"));
        assertEquals(1.5, ((Number) badaroux.get("distanceKm")).doubleValue(), 0.1);

        Map<String, Object> born = coverage(item(body, LE_BORN));
        assertEquals(Map.of("kind", "session", "reach", "served", "offerId", itinerantOffer.toString()),
                pick(born, "kind", "reach", "offerId"));
        assertTrue(((Number) born.get("distanceKm")).doubleValue() > 25, "the itinerant offer's place is far: " + born);

        Map<String, Object> pelouse = coverage(item(body, PELOUSE));
        assertEquals("walk_in", pelouse.get("kind"));
        assertEquals("served", pelouse.get("reach"));
        // by name: the test consumes directory.places.v1 from its start, so the identical places of earlier runs are
        // there too (same name, same spot, same hours)
        assertEquals("=Maison de Pelouse", pelouse.get("placeName"));
        assertEquals(null, pelouse.get("offerId"));

        for (String code : uncovered) {
            assertEquals(false, item(body, code).get("covered"), code);
            assertEquals(null, item(body, code).get("coverage"), code);
        }
    }

    @Test
    void daysWidensTheWindowButNotTheOffersMinimumDelay() {
        JsonPath body = asAdmin().queryParam("epci", EPCI).queryParam("theme", "aide_demarches").queryParam("radiusKm", "3")
                .queryParam("days", "30").get(PATH).then().statusCode(200).extract().jsonPath();
        assertTotals(body, Set.of(MENDE, BADAROUX, LE_BORN, PELOUSE, BALSIEGES), Set.of(BARJAC, SAINT_BAUZILE));
        Map<String, Object> balsieges = coverage(item(body, BALSIEGES));
        assertEquals("session", balsieges.get("kind"));
        // the session in 20 days, not the one in 2 days (its offer asks 4 days' notice)
        assertEquals(LocalDate.now(PARIS).plusDays(20).toString(), ((String) balsieges.get("nextAt")).substring(0, 10));
    }

    @Test
    void theRadiusDecidesWhatADistantPlaceReaches() {
        // the place near Badaroux is 4.0 km from Pelouse's centre: with 5 km its session covers Pelouse (a session wins
        // over walk-in hours)
        JsonPath body = asAdmin().queryParam("epci", EPCI).queryParam("theme", "aide_demarches").queryParam("radiusKm", "5")
                .get(PATH).then().statusCode(200).extract().jsonPath();
        Map<String, Object> pelouse = coverage(item(body, PELOUSE));
        assertEquals(Map.of("kind", "session", "reach", "distance", "offerId", badarouxOffer.toString()),
                pick(pelouse, "kind", "reach", "offerId"));
        assertEquals(4.0, ((Number) pelouse.get("distanceKm")).doubleValue(), 0.1);
    }

    @Test
    void theThemeFilterAppliesToSessionsServicesAndAccesLibreOffers() {
        // smartphone is a topic of « Maîtrise des outils numériques du quotidien »: the médiathèque's service
        JsonPath smartphone = asAdmin().queryParam("epci", EPCI).queryParam("theme", "smartphone").queryParam("radiusKm", "3")
                .get(PATH).then().statusCode(200).extract().jsonPath();
        assertTotals(smartphone, Set.of(SAINT_BAUZILE), Set.of(MENDE, BADAROUX, LE_BORN, PELOUSE, BARJAC, BALSIEGES));
        assertEquals("Médiathèque de Saint-Bauzile", coverage(item(smartphone, SAINT_BAUZILE)).get("placeName"));
        assertEquals("walk_in", coverage(item(smartphone, SAINT_BAUZILE)).get("kind"));

        JsonPath loisirs = asAdmin().queryParam("epci", EPCI).queryParam("theme", "loisirs_creation").queryParam("radiusKm", "3")
                .get(PATH).then().statusCode(200).extract().jsonPath();
        assertTotals(loisirs, Set.of(SAINT_BAUZILE), Set.of(MENDE, BADAROUX, LE_BORN, PELOUSE, BARJAC, BALSIEGES));
        Map<String, Object> libre = coverage(item(loisirs, SAINT_BAUZILE));
        assertEquals(Map.of("kind", "walk_in", "offerId", libreOffer.toString(), "placeId", librePlace.toString()),
                pick(libre, "kind", "offerId", "placeId"));

        // no theme: any service, any offer
        JsonPath any = asAdmin().queryParam("epci", EPCI).queryParam("radiusKm", "3").get(PATH).then().statusCode(200)
                .body("theme", nullValue()).extract().jsonPath();
        assertTotals(any, Set.of(MENDE, BADAROUX, LE_BORN, PELOUSE, SAINT_BAUZILE), Set.of(BARJAC, BALSIEGES));
    }

    @Test
    void coveredFilterAndPagingKeepTheTerritoryTotals() {
        Response first = asAdmin().queryParam("epci", EPCI).queryParam("theme", "aide_demarches").queryParam("radiusKm", "3")
                .queryParam("covered", "false").queryParam("size", "2").get(PATH);
        first.then().statusCode(200).header("X-Total-Count", "3").body("total", equalTo(3)).body("page", equalTo(0))
                .body("size", equalTo(2)).body("communes", equalTo(7)).body("coveredCommunes", equalTo(4));
        assertEquals(List.of(BARJAC, BALSIEGES), first.jsonPath().getList("items.code"));
        asAdmin().queryParam("epci", EPCI).queryParam("theme", "aide_demarches").queryParam("radiusKm", "3")
                .queryParam("covered", "false").queryParam("size", "2").queryParam("page", "1").get(PATH).then()
                .statusCode(200).header("X-Total-Count", "3").body("items.code", equalTo(List.of(SAINT_BAUZILE)));
        asAdmin().queryParam("epci", EPCI).queryParam("theme", "aide_demarches").queryParam("radiusKm", "3")
                .queryParam("covered", "true").get(PATH).then().statusCode(200).header("X-Total-Count", "4")
                .body("items.code", equalTo(List.of(MENDE, BADAROUX, PELOUSE, LE_BORN)))
                .body("size", equalTo(50));
    }

    @Test
    void csvHasEveryCommuneAFrenchHeaderAndNeutralisedCells() {
        for (RequestSpecification request : List.of(asAdmin().accept("text/csv"), asAdmin().queryParam("format", "csv"))) {
            Response csv = request.queryParam("epci", EPCI).queryParam("theme", "aide_demarches").queryParam("radiusKm", "3")
                    .get(PATH);
            csv.then().statusCode(200).contentType(containsString("text/csv")).contentType(containsString("charset=utf-8"))
                    .header("Content-Disposition", equalTo("attachment; filename=\"couverture-epci-244800405.csv\""));
            List<String> lines = csv.asString().lines().toList();
            assertEquals("code_insee;commune;epci;departement;population;couverte;moyen;lieu;distance_km;prochaine_disponibilite",
                    lines.get(0));
            assertEquals(8, lines.size(), csv.asString());
            assertEquals(BARJAC + ";Barjac;" + EPCI + ";48;" + population.get(BARJAC) + ";non;;;;", lines.get(1));
            String pelouse = lines.stream().filter(l -> l.startsWith(PELOUSE + ";")).findFirst().orElseThrow();
            // a place name starting with « = » is written so that a spreadsheet shows it, never runs it
            assertTrue(pelouse.startsWith(PELOUSE + ";Pelouse;" + EPCI + ";48;" + population.get(PELOUSE)
                    + ";oui;accueil sans rendez-vous;'=Maison de Pelouse;0.0;"), pelouse);
            String mende = lines.stream().filter(l -> l.startsWith(MENDE + ";")).findFirst().orElseThrow();
            assertTrue(mende.contains(";oui;séance;Mairie de Mende;0.2;" + LocalDate.now(PARIS).plusDays(2) + "T10:00"), mende);
        }
        // the covered filter applies to the CSV too (no paging)
        String uncovered = asAdmin().accept("text/csv").queryParam("epci", EPCI).queryParam("theme", "aide_demarches")
                .queryParam("radiusKm", "3").queryParam("covered", "false").queryParam("size", "1").get(PATH).asString();
        assertEquals(4, uncovered.lines().count(), uncovered);
    }

    // ---------------------------------------------------------------- who may ask

    @Test
    void rolesAndScope() {
        given().queryParam("epci", EPCI).get(PATH).then().spec(problem(401));
        for (String token : List.of(Tokens.agent(UUID.randomUUID()), Tokens.partnerApp(UUID.randomUUID()),
                Tokens.volunteer(UUID.randomUUID()))) {
            as(token).queryParam("epci", EPCI).get(PATH).then().spec(problem(403));
        }
        as(Tokens.coordinator("epci:248000531", "dep:80")).queryParam("epci", EPCI).get(PATH).then().spec(problem(403, "epci"))
                .body("detail", containsString("Ce territoire ne fait pas partie de ceux que vous coordonnez"));
        as(Tokens.coordinator("epci:" + EPCI)).queryParam("departement", "48").get(PATH).then().spec(problem(403, "departement"));
        as(Tokens.coordinator("epci:" + EPCI)).queryParam("epci", EPCI).get(PATH).then().statusCode(200).body("communes", equalTo(7));
        // a département's coordinator may ask an EPCI inside it
        as(Tokens.coordinator("dep:48")).queryParam("epci", EPCI).queryParam("radiusKm", "3").queryParam("theme", "aide_demarches")
                .get(PATH).then().statusCode(200).body("coveredCommunes", equalTo(4));
        // admin: everything, a whole département included
        int communes48 = (int) population.keySet().stream().filter(c -> c.startsWith("48")).count();
        asAdmin().queryParam("departement", "48").queryParam("size", "1000").get(PATH).then().statusCode(200)
                .body("communes", equalTo(communes48)).body("territory.name", equalTo("Lozère"))
                .body("items.size()", equalTo(communes48)).header("X-Total-Count", String.valueOf(communes48));
    }

    @Test
    void malformedParametersAreNamed() {
        asAdmin().get(PATH).then().spec(problem(400, "departement"));
        asAdmin().queryParam("epci", EPCI).queryParam("departement", "48").get(PATH).then().spec(problem(400, "departement"));
        asAdmin().queryParam("epci", "2448").get(PATH).then().spec(problem(400, "epci"));
        asAdmin().queryParam("departement", "4").get(PATH).then().spec(problem(400, "departement"));
        asAdmin().queryParam("commune", MENDE).get(PATH).then().spec(problem(400, "commune"));
        asAdmin().queryParam("epci", EPCI).queryParam("theme", "cuisine").get(PATH).then().spec(problem(400, "theme"));
        for (String radius : List.of("0", "-1", "100.5", "dix")) {
            asAdmin().queryParam("epci", EPCI).queryParam("radiusKm", radius).get(PATH).then().spec(problem(400, "radiusKm"));
        }
        for (String days : List.of("0", "93", "1.5")) {
            asAdmin().queryParam("epci", EPCI).queryParam("days", days).get(PATH).then().spec(problem(400, "days"));
        }
        asAdmin().queryParam("epci", EPCI).queryParam("covered", "oui").get(PATH).then().spec(problem(400, "covered"));
        asAdmin().queryParam("epci", EPCI).queryParam("size", "1001").get(PATH).then().spec(problem(400, "size"));
        asAdmin().queryParam("epci", EPCI).queryParam("size", "0").get(PATH).then().spec(problem(400, "size"));
        asAdmin().queryParam("epci", EPCI).queryParam("page", "-1").get(PATH).then().spec(problem(400, "page"));
        asAdmin().queryParam("epci", EPCI).queryParam("format", "xlsx").get(PATH).then().spec(problem(400, "format"));
        asAdmin().accept("text/csv").queryParam("epci", "123456789").get(PATH).then().spec(problem(404, "epci"));
        asAdmin().queryParam("departement", "99").get(PATH).then().spec(problem(404, "departement"));
        asAdmin().queryParam("epci", EPCI).queryParam("radiusKm", "100").queryParam("days", "92").get(PATH).then().statusCode(200);
    }

    @Test
    void theOpenApiExamplesAreValidAgainstTheSchema() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode doc = json.readTree(given().queryParam("format", "json").get("/q/openapi").asString());
        com.fasterxml.jackson.databind.JsonNode op = doc.at("/paths/~1api~1v1~1territory~1coverage/get");
        assertEquals("Territoire", op.at("/tags/0").asText());
        com.fasterxml.jackson.databind.JsonNode content = op.at("/responses/200/content/application~1json");
        com.fasterxml.jackson.databind.node.ObjectNode root = ((com.fasterxml.jackson.databind.node.ObjectNode) content.get("schema").deepCopy());
        root.set("components", doc.get("components"));
        com.networknt.schema.JsonSchema schema = com.networknt.schema.JsonSchemaFactory
                .getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(root);
        com.fasterxml.jackson.databind.JsonNode example = content.at("/examples/epci/value");
        if (example.isTextual()) {
            example = json.readTree(example.asText());
        }
        assertEquals(Set.of(), schema.validate(example), example.toString());
        // and a real answer too
        com.fasterxml.jackson.databind.JsonNode real = json.readTree(asAdmin().queryParam("epci", EPCI).queryParam("radiusKm", "3")
                .queryParam("theme", "aide_demarches").get(PATH).asString());
        assertEquals(Set.of(), schema.validate(real), real.toString());
        assertTrue(op.at("/responses/200/content/text~1csv/examples/csv/value").asText().startsWith("code_insee;commune;"));
    }

    // ---------------------------------------------------------------- helpers

    private static void assertTotals(JsonPath body, Set<String> covered, Set<String> uncovered) {
        long coveredPopulation = covered.stream().mapToLong(population::get).sum();
        long uncoveredPopulation = uncovered.stream().mapToLong(population::get).sum();
        long all = coveredPopulation + uncoveredPopulation;
        assertEquals(covered.size() + uncovered.size(), body.getInt("communes"));
        assertEquals(all, body.getLong("population"));
        assertEquals(covered.size(), body.getInt("coveredCommunes"));
        assertEquals(coveredPopulation, body.getLong("coveredPopulation"));
        assertEquals(uncovered.size(), body.getInt("uncoveredCommunes"));
        assertEquals(uncoveredPopulation, body.getLong("uncoveredPopulation"));
        assertEquals(Math.round(uncoveredPopulation * 10_000.0 / all) / 10_000.0, body.getDouble("uncoveredShareOfPopulation"), 1e-9);
        Set<String> shownCovered = body.getList("items", Map.class).stream().filter(i -> Boolean.TRUE.equals(i.get("covered")))
                .map(i -> (String) i.get("code")).collect(Collectors.toSet());
        assertEquals(covered, shownCovered);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(JsonPath body, String code) {
        return body.getList("items", Map.class).stream().filter(i -> code.equals(i.get("code"))).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + code));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> coverage(Map<String, Object> item) {
        Object c = item.get("coverage");
        if (c == null) {
            throw new AssertionError("not covered: " + item);
        }
        return (Map<String, Object>) c;
    }

    private static Map<String, Object> pick(Map<String, Object> map, String... keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            out.put(k, map.get(k));
        }
        return out;
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification asAdmin() {
        return as(Tokens.admin());
    }

    private static Map<String, Integer> populations() throws IOException {
        Map<String, Integer> out = new HashMap<>();
        List<String> lines = Files.readAllLines(Path.of("../../shared/data/communes.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String code = line.substring(0, line.indexOf(','));
            if (code.startsWith("48")) {
                // code_insee,nom,code_departement,code_region,code_epci,nom_epci,codes_postaux,population,... (names may be
                // quoted): population is the 4th field from the end
                String[] tail = line.split(",", -1);
                out.put(code, Integer.parseInt(tail[tail.length - 4]));
            }
        }
        return out;
    }

    /** A directory place as directory.places.v1 carries it, with these services, hours and served communes. */
    private static UUID place(String name, String insee, String commune, double lat, double lon, List<String> services,
            String openingHours, List<String> served) {
        Fixtures.Place p = Fixtures.Place.near(name, insee, commune, "48000", lat, lon).serving(served);
        Map<String, Object> data = p.data(false);
        data.put("services", services);
        data.put("openingHours", openingHours);
        KafkaTestSupport.send("directory.places.v1", p.id().toString(),
                KafkaTestSupport.envelope(UUID.randomUUID(), "PlaceUpserted", p.id(), 1, data));
        Fixtures.awaitPlace(p.id());
        return p.id();
    }

    /** A published offer with one session on {@code day} 10:00-11:00 (Paris). */
    private static UUID offer(UUID place, String type, List<String> themes, int capacity, LocalDate day, Integer minDelayMinutes,
            List<String> servedCommunes) {
        Map<String, Object> body = new HashMap<>();
        body.put("placeId", place.toString());
        body.put("title", "Offre " + type + " " + themes);
        body.put("type", type);
        body.put("themes", themes);
        body.put("capacity", capacity);
        body.put("sessionDurationMinutes", 60);
        body.put("servedCommunes", servedCommunes);
        body.put("schedule", Map.of("oneOffs", List.of(Map.of("date", day.toString(), "startTime", "10:00", "endTime", "11:00"))));
        if (minDelayMinutes != null) {
            body.put("bookingRules", Map.of("minDelayMinutes", minDelayMinutes));
        }
        UUID id = UUID.randomUUID();
        asAdmin().contentType(ContentType.JSON).body(body).put("/api/v1/offers/" + id).then().statusCode(201);
        asAdmin().post("/api/v1/offers/" + id + "/publish").then().statusCode(200);
        return id;
    }

    /** booking-service reports the offer's only session full (remaining 0); waits until the catalogue shows it. */
    private static void fill(UUID offer) {
        String session = given().get("/api/v1/offers/" + offer + "/sessions").then().statusCode(200).extract().path("items[0].id");
        String full = KafkaTestSupport.envelope(UUID.randomUUID(), "SlotAvailabilityChanged", UUID.fromString(session), 5,
                Map.of("slotId", session, "offerId", offer.toString(), "capacity", 1, "confirmed", 1, "remaining", 0,
                        "waitlisted", 0, "status", "full"));
        long deadline = System.currentTimeMillis() + Duration.ofSeconds(30).toMillis();
        int polls = 0;
        KafkaTestSupport.send("booking.slots.v1", session, full);
        while (System.currentTimeMillis() < deadline) {
            Integer remaining = given().get("/api/v1/offers/" + offer + "/sessions").then().extract().path("items[0].remaining");
            if (remaining != null && remaining == 0) {
                return;
            }
            Fixtures.sleep(300);
            if (++polls % 10 == 0) {
                // the test consumer starts at the topic's end: redeliver (same eventId) in case it had no partition yet
                KafkaTestSupport.send("booking.slots.v1", session, full);
            }
        }
        throw new AssertionError("The session of " + offer + " never became full");
    }
}
