package fr.maillage.directory.api;

import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.directory.TestData;
import fr.maillage.directory.domain.DataInclusionCodes;
import fr.maillage.directory.domain.Standard;
import fr.maillage.platform.events.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 21 item 4: {@code GET /api/v1/places/export/data-inclusion} writes data·inclusion's own codes, and every
 * structure and service it exports is valid against the data·inclusion schema v1 shipped in the repository
 * (data-inclusion/v1/*.json, validated with the JSON Schema validator the event contracts use); the standard's export
 * keeps the standard's French labels.
 */
@QuarkusTest
class DataInclusionExportTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode export() throws Exception {
        String body = given().get("/api/v1/places/export/data-inclusion").then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }

    static JsonNode byId(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        return null;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void everyCodedFieldCarriesDataInclusionCodesAndEveryRecordIsValidAgainstSchemaV1() throws Exception {
        Map<String, Object> partner = TestData.partner("Commune de Corbie " + UUID.randomUUID());
        partner.put("typologies", List.of("MUNI"));
        UUID partnerId = UUID.fromString(asAdmin().contentType("application/json").body(partner).post("/api/v1/partners")
                .then().statusCode(201).extract().path("id"));
        Map<String, Object> body = TestData.place(partnerId, "Médiathèque de Corbie – tout le standard");
        body.put("services", Standard.SERVICES);
        body.put("publics", List.of("Seniors", "Familles et/ou enfants"));
        body.put("priseEnCharge", List.of("Surdité", "Illettrisme", "Langues étrangères (autres)"));
        body.put("frais", List.of("Gratuit sous condition"));
        body.put("programmes", List.of("Conseillers numériques", "France Services", "Certification PIX"));
        body.put("modalitesAcces", List.of("Se présenter", "Prendre un RDV en ligne"));
        body.put("modalitesAccompagnement", List.of("Accompagnement individuel", "À distance"));
        body.put("priseRdvUrl", "https://rdv.example.org/corbie");
        body.put("presentation", "Ateliers et accompagnement au numérique à la médiathèque.");
        body.put("servedCommunes", List.of("80338", "60057")); // one commune of the Oise: two départements
        UUID placeId = TestData.createPlace(body);
        // a place with no public named: tous-publics, and no modalité at all: the fallback on its phone
        Map<String, Object> bare = TestData.place(partnerId, "Mairie annexe sans précision");
        UUID bareId = TestData.createPlace(bare);

        JsonNode export = export();
        assertEquals(DataInclusionCodes.SCHEMA_VERSION, export.path("schema_version").asText());

        // every structure and service of the export (this test's and whatever the suite created) is valid v1
        List<String> invalid = new ArrayList<>();
        for (JsonNode s : export.path("structures")) {
            EventSchemas.validate(DataInclusionCodes.STRUCTURE_SCHEMA, s).forEach(v -> invalid.add("structure " + s.path("id") + ": " + v));
        }
        for (JsonNode s : export.path("services")) {
            EventSchemas.validate(DataInclusionCodes.SERVICE_SCHEMA, s).forEach(v -> invalid.add("service " + s.path("id") + ": " + v));
        }
        assertEquals(List.of(), invalid);
        assertTrue(export.path("services").size() >= Standard.SERVICES.size());

        JsonNode structure = byId(export.path("structures"), "id", placeId.toString());
        assertNotNull(structure);
        assertEquals("maillage", structure.path("source").asText());
        assertEquals(partner.get("siret"), structure.path("siret").asText());
        assertEquals(List.of("communes", "conseillers-numeriques", "france-service"), texts(structure.path("reseaux_porteurs")));
        assertEquals("Ateliers et accompagnement au numérique à la médiathèque.", structure.path("description").asText());

        List<JsonNode> services = new ArrayList<>();
        export.path("services").forEach(s -> {
            if (s.path("structure_id").asText().equals(placeId.toString())) {
                services.add(s);
            }
        });
        assertEquals(Standard.SERVICES.size(), services.size());
        JsonNode admin = services.stream().filter(s -> s.path("nom").asText().equals("Aide aux démarches administratives")).findFirst().orElseThrow();
        assertEquals(List.of("difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
                "numerique--acceder-a-des-services-en-ligne"), texts(admin.path("thematiques")));
        assertEquals("gratuit", admin.path("frais").asText());
        assertEquals("Gratuit sous condition", admin.path("frais_precisions").asText());
        assertEquals(List.of("familles", "personnes-en-situation-de-handicap", "personnes-exilees", "seniors"), texts(admin.path("publics")));
        assertEquals("Seniors, Familles et/ou enfants, Surdité, Illettrisme, Langues étrangères (autres)", admin.path("publics_precisions").asText());
        assertEquals(List.of("a-distance", "en-presentiel"), texts(admin.path("modes_accueil")));
        assertEquals(List.of("se-presenter", "utiliser-lien-mobilisation"), texts(admin.path("modes_mobilisation")));
        assertEquals("https://rdv.example.org/corbie", admin.path("lien_mobilisation").asText());
        assertEquals("accompagnement", admin.path("type").asText());
        assertEquals(List.of("80", "60"), texts(admin.path("zone_eligibilite")));
        assertEquals(List.of("usagers", "professionnels"), texts(admin.path("mobilisable_par")));
        JsonNode materiel = services.stream().filter(s -> s.path("nom").asText().equals("Accès internet et matériel informatique")).findFirst().orElseThrow();
        assertEquals(List.of("numerique--acceder-a-une-connexion-internet", "numerique--acquerir-un-equipement"), texts(materiel.path("thematiques")));
        // every service has thématiques (the old export had none)
        services.forEach(s -> assertTrue(s.path("thematiques").size() > 0, s.toString()));

        JsonNode bareService = byId(export.path("services"), "structure_id", bareId.toString());
        assertEquals(List.of("tous-publics"), texts(bareService.path("publics")));
        assertEquals(List.of("telephoner"), texts(bareService.path("modes_mobilisation")));
        assertEquals("gratuit", bareService.path("frais").asText());
        assertTrue(bareService.path("frais_precisions").isNull());
        assertTrue(bareService.path("description").asText().startsWith("Aide aux démarches administratives — Mairie annexe sans précision"));

        // no French label of the standard as a value (the labels remain only inside the free-text *_precisions)
        String whole = export.toString();
        for (String label : List.of("\"Gratuit\"", "\"Seniors\"", "\"Payant\"", "\"En autonomie\"", "\"À distance\"")) {
            assertFalse(whole.contains(label), label + " in the data·inclusion export");
        }
        // while the standard's export keeps the standard's labels, as before
        given().queryParam("format", "json").get("/api/v1/places/export").then().statusCode(200)
                .body("find { it.id == '" + placeId + "' }.frais_a_charge", org.hamcrest.Matchers.equalTo("Gratuit sous condition"))
                .body("find { it.id == '" + placeId + "' }.publics_specifiquement_adresses", org.hamcrest.Matchers.equalTo("Seniors|Familles et/ou enfants"));
    }

    @Test
    void aStoredSiretThatIsNotOneIsLeftOutOfTheExport() throws Exception {
        // a partner recorded before the all-zero rule (written straight to the database, as an old row would be)
        UUID partnerId = TestData.createPartner("Structure au SIRET de remplissage " + UUID.randomUUID());
        setSiret(partnerId, "00000000000000");
        UUID placeId = TestData.createPlace(TestData.place(partnerId, "Lieu d'une structure sans vrai SIRET"));
        try {
            JsonNode structure = byId(export().path("structures"), "id", placeId.toString());
            assertTrue(structure.path("siret").isNull(), structure.toString());
        } finally {
            // the standard's export would carry that pivot, which its re-import (PlaceTransferResourceTest) now refuses
            asAdmin().delete("/api/v1/places/" + placeId).then().statusCode(204);
        }
    }

    static void setSiret(UUID partner, String siret) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(
                () -> fr.maillage.directory.domain.Partner.update("siret = ?1 where id = ?2", siret, partner));
    }
}
