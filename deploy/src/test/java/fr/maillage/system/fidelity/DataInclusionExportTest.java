package fr.maillage.system.fidelity;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.ProblemJson;

/**
 * Issue 21, items 4 and 6 through the gateway.
 * <ul>
 * <li>{@code GET /api/v1/places/export/data-inclusion} carries data·inclusion's own codes: every coded field of every
 * structure and service belongs to the enumerations of the data·inclusion schema v1 shipped in the repository
 * (directory-service/src/main/resources/data-inclusion/v1/*.json, gip-inclusion/data-inclusion-schema v1.0.8), and the
 * demo's Pôle socioculturel de Romagné (Seniors, Gratuit, three services) reads {@code seniors}, {@code gratuit} and
 * the services' thématiques.</li>
 * <li>The SIRET 00000000000000 (Luhn-valid) is refused: 422 problem+json naming {@code siret} on the partners API, the
 * row rejected on {@code pivot} by the import.</li>
 * </ul>
 * Before issue 21 the export wrote the standard's labels ({@code ["Gratuit"]}, {@code profils: ["Seniors"]}) and no
 * {@code thematiques}, and the all-zero SIRET created a partner (201).
 */
class DataInclusionExportTest {
    /** Free-text fields of data·inclusion's schema v1 (names, descriptions, addresses): they may quote anything. */
    private static final Set<String> FREE_TEXT = Set.of("nom", "description", "adresse", "complement_adresse", "commune",
            "conditions_acces", "horaires_accueil", "lien_source", "site_web", "lien_mobilisation", "source", "id",
            "structure_id", "adresse_id", "telephone", "courriel", "contact_nom_prenom", "siret");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SCHEMAS = Path.of("../directory-service/src/main/resources/data-inclusion/v1");
    static final String ZEROS = "00000000000000";

    /** Coded field of a structure or service → the $defs enumeration of the shipped schema it must belong to. */
    static final Map<String, String> SERVICE_CODES = Map.of("frais", "Frais", "publics", "Public", "thematiques", "Thematique",
            "modes_accueil", "ModeAccueil", "modes_mobilisation", "ModeMobilisation", "mobilisable_par", "PersonneMobilisatrice",
            "type", "TypeService");
    static final Map<String, String> STRUCTURE_CODES = Map.of("reseaux_porteurs", "ReseauPorteur");

    static Set<String> enumeration(String file, String def) throws IOException {
        JsonNode schema = JSON.readTree(SCHEMAS.resolve(file).toFile());
        assertTrue(schema.path("$comment").asText().contains("v1.0.8"), "the shipped schema names its version");
        JsonNode values = schema.path("$defs").path(def).path("enum");
        assertTrue(values.size() > 0, def + " in " + file);
        Set<String> codes = new TreeSet<>();
        values.forEach(v -> codes.add(v.asText()));
        return codes;
    }

    static List<String> values(JsonNode field) {
        List<String> out = new ArrayList<>();
        if (field.isArray()) {
            field.forEach(v -> out.add(v.asText()));
        } else if (field.isTextual()) {
            out.add(field.asText());
        }
        return out;
    }

    /** Each coded value not in its enumeration, as « record id: field = value ». */
    static List<String> outside(JsonNode records, String file, Map<String, String> codes) throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> e : codes.entrySet()) {
            Set<String> allowed = enumeration(file, e.getValue());
            for (JsonNode r : records) {
                for (String v : values(r.path(e.getKey()))) {
                    if (!allowed.contains(v)) {
                        wrong.add(r.path("id").asText() + ": " + e.getKey() + " = " + v);
                    }
                }
            }
        }
        return wrong;
    }

    @Test
    void theExportCarriesDataInclusionCodesValidAgainstTheShippedEnumerations() throws IOException {
        String body = Gateway.given().get("/api/v1/places/export/data-inclusion").then().statusCode(200).extract().asString();
        JsonNode export = JSON.readTree(body);
        assertEquals("1.0.8", export.path("schema_version").asText());
        JsonNode structures = export.path("structures");
        JsonNode services = export.path("services");
        assertTrue(structures.size() >= 8 && services.size() >= 8, "the demo's places and their services are exported");

        List<String> wrong = new ArrayList<>(outside(services, "service.json", SERVICE_CODES));
        wrong.addAll(outside(structures, "structure.json", STRUCTURE_CODES));
        assertEquals(List.of(), wrong, "values that are not data·inclusion v1 codes");
        for (JsonNode s : services) {
            assertTrue(s.path("thematiques").size() > 0, "a service without thématiques: " + s);
            assertTrue(s.path("publics").size() > 0, "a service without publics: " + s);
        }

        String romagne = Demo.id("PLACE_ROMAGNE");
        JsonNode structure = null;
        for (JsonNode s : structures) {
            if (romagne.equals(s.path("id").asText())) {
                structure = s;
            }
        }
        assertNotNull(structure, "the demo place of Romagné is exported");
        assertEquals("maillage", structure.path("source").asText());
        assertEquals(List.of("communes", "conseillers-numeriques"), values(structure.path("reseaux_porteurs")));
        Set<String> thematiques = new TreeSet<>();
        int n = 0;
        for (JsonNode s : services) {
            if (romagne.equals(s.path("structure_id").asText())) {
                n++;
                assertEquals("gratuit", s.path("frais").asText(), s.toString());
                assertEquals(List.of("seniors"), values(s.path("publics")));
                assertEquals(List.of("en-presentiel"), values(s.path("modes_accueil")));
                assertEquals(List.of("35"), values(s.path("zone_eligibilite")));
                thematiques.addAll(values(s.path("thematiques")));
            }
        }
        assertEquals(3, n, "one service per standard service of the place");
        assertTrue(thematiques.containsAll(List.of("numerique--maitriser-les-fondamentaux-du-numerique",
                "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
                "numerique--acceder-a-une-connexion-internet")), thematiques.toString());
        // no label of the standard as a coded value; free text (the *_precisions fields keep the standard's own words, as
        // data·inclusion's pipeline does, and names and descriptions) may say « Seniors »
        for (JsonNode record : List.of(structures, services).stream().flatMap(a -> a.valueStream()).toList()) {
            record.properties().stream()
                    .filter(field -> !field.getKey().endsWith("_precisions") && !FREE_TEXT.contains(field.getKey()))
                    .forEach(field -> {
                        for (String label : List.of("Gratuit", "Seniors", "Jeunes")) {
                            assertFalse(field.getValue().toString().contains("\"" + label + "\""), label + " (a label of the standard) as the"
                                    + " value of " + field.getKey() + " in the data·inclusion export: " + record);
                        }
                    });
        }
    }

    @Test
    void theAllZeroSiretIsRefusedByThePartnersApiAndByTheImport() {
        String name = "Structure au SIRET nul " + UUID.randomUUID().toString().substring(0, 8);
        Gateway.asAdmin().contentType("application/json")
                .body(Map.of("name", name, "typologies", List.of("MUNI"), "siret", ZEROS))
                .post("/api/v1/partners").then()
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo(ProblemJson.TYPE_BASE + "regle-non-respectee"))
                .body("title", equalTo("Règle non respectée"))
                .body("field", equalTo("siret"))
                .body("violations.field", hasItem("siret"))
                .body("violations.find { it.field == 'siret' }.message", containsString("SIREN 000000000"));
        Gateway.given().queryParam("q", name).get("/api/v1/partners").then().statusCode(200)
                .body("total", equalTo(0));

        String id = "systeme-siret-nul-" + UUID.randomUUID().toString().substring(0, 8);
        String csv = "id,pivot,nom,commune,code_postal,code_insee,adresse,services,date_maj\n"
                + id + "," + ZEROS + ",Mairie au SIRET nul,Corbie,80800,80212,1 place de la République,"
                + "Aide aux démarches administratives,2026-11-01\n";
        Gateway.asAdmin().contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/places/import").then().statusCode(200)
                .body("rejected", equalTo(1))
                .body("results[0].status", equalTo("rejeté"))
                .body("results[0].errors[0].field", equalTo("pivot"))
                .body("results[0].errors[0].message", containsString("SIREN 000000000"));
    }
}
