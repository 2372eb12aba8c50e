package fr.maillage.directory.api;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.maillage.directory.TestData;
import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.domain.Place;
import fr.maillage.directory.domain.StandardColumns;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class PlaceTransferResourceTest {
    static final String HEADER = String.join(",", StandardColumns.ALL);

    static ValidatableResponse importCsv(String csv) {
        return asAdmin().contentType("text/csv; charset=UTF-8").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/places/import").then();
    }

    @Test
    void thePublishedExampleIsImportedWithEachProblemReportedAndReimportChangesNothing() throws Exception {
        String example = Files.readString(Path.of("../../shared/data/standard-example.csv"));
        importCsv(example).statusCode(200)
                .body("rows", equalTo(1)).body("rejected", equalTo(0))
                .body("results[0].id", equalTo("structure-1"))
                .body("results[0].status", startsWith("")) // créé or, when the suite ran before, inchangé
                .body("fileWarnings.field", hasItem("Itinerance"))
                .body("fileWarnings.find { it.field == 'modalite_acces' }.message", containsString("modalites_acces"))
                .body("results[0].warnings.field", hasItem("prise_en_charge_specifique")) // "Illetrisme"
                .body("results[0].warnings.find { it.field == 'prise_en_charge_specifique' && it.message.contains('Illetrisme') }", notNullValue())
                .body("results[0].warnings.find { it.field == 'frais_a_charge' }.message", containsString("ancienne formulation"))
                .body("results[0].warnings.field", hasItem("latitude")) // Aix-en-Provence coordinates for Reims
                .body("results[0].warnings.field", hasItem("typologie")); // "TIERS_LIEUX,ASSO"
        Place place = Place.find("sourceId", "structure-1").firstResult();
        assertEquals("51454", place.inseeCode);
        assertEquals(List.of("Langues étrangères (anglais)"), place.priseEnCharge);
        assertEquals(List.of("Gratuit"), place.frais);
        assertEquals(List.of("Se présenter", "Téléphoner"), place.modalitesAcces);
        assertEquals(List.of("Aidants Connect", "Conseillers numériques", "La Croix Rouge"), place.programmes);
        assertEquals("+33180059880", place.phone);
        assertEquals("Itinérant", place.itinerance);
        assertEquals(49.25, place.latitude, 0.1); // Reims, not Aix
        long version = place.version;

        importCsv(example).statusCode(200).body("results[0].status", equalTo("inchangé"));
        Place again = Place.find("sourceId", "structure-1").firstResult();
        assertEquals(version, again.version);
        assertEquals(place.id, again.id);
    }

    @Test
    void oneBadRowNeverBlocksTheGoodOnesAndNothingIsHalfWritten() {
        String badPivot = "10000000000000"; // fails the Luhn key
        String freshSiret = TestData.siret();
        String csv = HEADER + "\n"
                + row("import-ok-1", TestData.siret(), "Mairie de Fouilloy", "Fouilloy", "80800", "80338", "Aide aux démarches administratives") + "\n"
                + row("import-bad-insee", TestData.siret(), "Commune inconnue", "Nulle part", "80800", "99999", "Aide aux démarches administratives") + "\n"
                + row("import-bad-pivot", badPivot, "Pivot faux", "Corbie", "80800", "80212", "Aide aux démarches administratives") + "\n"
                + row("import-no-service", freshSiret, "Sans service", "Corbie", "80800", "80212", "Cours de cuisine") + "\n"
                + row("", TestData.siret(), "Sans id", "Corbie", "80800", "80212", "Aide aux démarches administratives") + "\n";
        importCsv(csv).statusCode(200)
                .body("rows", equalTo(5)).body("rejected", equalTo(4))
                .body("results[0].status", equalTo("créé"))
                .body("results[1].status", equalTo("rejeté")).body("results[1].errors[0].field", equalTo("code_insee"))
                .body("results[2].errors[0].field", equalTo("pivot")).body("results[2].errors[0].message", containsString("clé"))
                .body("results[3].errors.field", hasItem("services"))
                .body("results[4].errors[0].field", equalTo("id"))
                .body("results[1].line", equalTo(3));
        assertEquals(1, Place.count("sourceId in ?1", List.of("import-ok-1", "import-bad-insee", "import-bad-pivot", "import-no-service")));
        // the row without services was rejected: the partner it would have created was rolled back with it
        assertNull(Partner.find("siret", freshSiret).firstResult());
    }

    @Test
    void jsonImportUsesTheSameColumns() {
        String json = """
                [{"id": "import-json-1", "pivot": "%s", "nom": "CCAS de Marigny-les-Usages", "commune": "Marigny-les-Usages",
                  "code_postal": "45760", "code_insee": "45197", "adresse": "Place de la mairie",
                  "services": ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"],
                  "horaires": "Tu 14:00-17:00", "frais_a_charge": "Gratuit", "itinerance": "Fixe"}]
                """.formatted(TestData.siret());
        asAdmin().contentType("application/json").body(json).post("/api/v1/places/import").then().statusCode(200)
                .body("format", equalTo("json")).body("results[0].status", equalTo("créé"))
                .body("results[0].errors", hasSize(0));
        Place place = Place.find("sourceId", "import-json-1").firstResult();
        assertEquals(2, place.services.size());
    }

    @Test
    void unreadableFilesAreRefusedAsAWhole() {
        long before = Place.count();
        asAdmin().contentType("application/pdf").body(new byte[] { 1, 2, 3 }).post("/api/v1/places/import").then()
                .spec(problem(415)).body("field", equalTo("Content-Type"));
        asAdmin().contentType("text/csv").body("").post("/api/v1/places/import").then().spec(problem(400)).body("field", equalTo("fichier"));
        asAdmin().contentType("application/json").body("{\"pas\": \"un tableau\"}").post("/api/v1/places/import").then()
                .spec(problem(400)).body("detail", containsString("tableau"));
        importCsv("foo,bar\n1,2\n").spec(problem(400)).body("detail", containsString("« id »"));
        byte[] huge = new byte[6 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        asAdmin().contentType("text/csv").body(huge).post("/api/v1/places/import").then().spec(problem(413));
        StringBuilder many = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 5001; i++) {
            many.append("x").append(i).append(",,n").append("\n");
        }
        importCsv(many.toString()).spec(problem(413)).body("detail", containsString("5000"));
        assertEquals(before, Place.count());
    }

    @Test
    void exportsTheStandardAndDataInclusion() {
        importCsv(HEADER + "\n" + row("export-1", TestData.siret(), "Médiathèque de Corbie", "Corbie", "80800", "80212",
                "Accès internet et matériel informatique|Loisirs et créations numériques") + "\n").statusCode(200)
                .body("rejected", equalTo(0));
        String csv = given().queryParam("format", "csv").get("/api/v1/places/export").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertEquals(HEADER, csv.lines().findFirst().orElseThrow());
        org.junit.jupiter.api.Assertions.assertTrue(csv.lines().anyMatch(l -> l.startsWith("export-1,")
                && l.contains("Accès internet et matériel informatique|Loisirs et créations numériques")), csv);
        given().queryParam("format", "json").get("/api/v1/places/export").then().statusCode(200)
                .body("find { it.id == 'export-1' }.code_insee", equalTo("80212"))
                .body("find { it.id == 'export-1' }.commune", equalTo("Corbie"));
        given().queryParam("format", "xml").get("/api/v1/places/export").then().spec(problem(400)).body("field", equalTo("format"));
        given().get("/api/v1/places/export/data-inclusion").then().statusCode(200)
                .body("structures.find { it.id == 'export-1' }.nom", equalTo("Médiathèque de Corbie"))
                .body("services.findAll { it.structure_id == 'export-1' }.nom", hasItem("Loisirs et créations numériques"));
        // the exported CSV imports back onto the same places (round trip through the standard): no duplicate,
        // and what the standard cannot carry (served communes) is kept
        java.util.UUID partner = TestData.createPartner("Sans SIRET " + java.util.UUID.randomUUID());
        Map<String, Object> itinerant = TestData.place(partner, "Permanence itinérante exportée");
        itinerant.put("servedCommunes", List.of("80338", "80799"));
        java.util.UUID itinerantId = TestData.createPlace(itinerant);
        String again = given().queryParam("format", "csv").get("/api/v1/places/export").then().statusCode(200).extract().asString();
        long places = Place.count();
        importCsv(again).statusCode(200).body("rejected", equalTo(0)).body("created", equalTo(0));
        assertEquals(places, Place.count());
        assertEquals(1, Place.count("sourceId", "export-1"));
        Place kept = Place.findById(itinerantId);
        org.junit.jupiter.api.Assertions.assertTrue(kept.servedCommunes.containsAll(List.of("80212", "80338", "80799")), kept.servedCommunes::toString);
        assertNull(kept.sourceId);
    }

    /** Issue 16 item 5: formula-like text is guarded in the CSV export, numbers stay numbers, and the import undoes it. */
    @Test
    void formulaLikeCellsAreNeutralisedInTheCsvAndTheRoundTripIsFaithful() throws Exception {
        String formula = "=cmd|' /C calc'!A0";
        String guardedAlready = "'-already guarded";
        java.util.UUID partner = TestData.createPartner("Formules " + java.util.UUID.randomUUID());
        Map<String, Object> body = TestData.place(partner, formula);
        body.put("address", new java.util.HashMap<>(Map.of("street", "@SUM(1+1)*cmd|' /C calc'!A0", "complement", guardedAlready,
                "postalCode", "35133", "inseeCode", "35243")));
        body.put("latitude", 48.3434);
        body.put("longitude", -1.2737);
        body.put("presentation", "+ de 20 ans d'accompagnement");
        body.put("dateMaj", "2026-11-01");
        java.util.UUID id = TestData.createPlace(body);

        String csv = given().queryParam("format", "csv").get("/api/v1/places/export").then().statusCode(200).extract().asString();
        com.fasterxml.jackson.dataformat.csv.CsvMapper mapper = new com.fasterxml.jackson.dataformat.csv.CsvMapper();
        List<Map<String, String>> rows;
        try (com.fasterxml.jackson.databind.MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            rows = it.readAll();
        }
        Map<String, String> row = rows.stream().filter(r -> id.toString().equals(r.get("id"))).findFirst().orElseThrow();
        assertEquals("'" + formula, row.get("nom"));
        assertEquals("'@SUM(1+1)*cmd|' /C calc'!A0", row.get("adresse"));
        assertEquals("''-already guarded", row.get("complement_adresse"));
        assertEquals("'+ de 20 ans d'accompagnement", row.get("presentation_resume"));
        assertEquals("'+33299000000".length(), row.get("telephone").length());
        org.junit.jupiter.api.Assertions.assertTrue(row.get("telephone").startsWith("'+33"), row.get("telephone"));
        // numbers stay numbers: the raw line holds the coordinates unquoted and unguarded
        String line = csv.lines().filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow();
        org.junit.jupiter.api.Assertions.assertTrue(line.contains(",48.3434,-1.2737,"), line);
        // the JSON export is not a spreadsheet format: values as stored
        given().queryParam("format", "json").get("/api/v1/places/export").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.nom", equalTo(formula));

        // export -> import gives the very same texts back (the apostrophes are removed, not stored)
        String own = HEADER + "\n" + csv.lines().filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow() + "\n";
        importCsv(own).statusCode(200).body("rejected", equalTo(0));
        Place back = Place.findById(id);
        assertEquals(formula, back.name);
        assertEquals("@SUM(1+1)*cmd|' /C calc'!A0", back.street);
        assertEquals(guardedAlready, back.complement);
        assertEquals("+ de 20 ans d'accompagnement", back.presentation);
        assertEquals("+33322960000", back.phone);
    }

    static String row(String id, String pivot, String nom, String commune, String cp, String insee, String services) {
        Map<String, String> v = new java.util.HashMap<>();
        v.put("id", id);
        v.put("pivot", pivot);
        v.put("nom", nom);
        v.put("commune", commune);
        v.put("code_postal", cp);
        v.put("code_insee", insee);
        v.put("adresse", "1 rue de la Mairie");
        v.put("services", services);
        v.put("date_maj", "2026-11-01");
        return String.join(",", StandardColumns.ALL.stream().map(c -> quote(v.getOrDefault(c, ""))).toList());
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
