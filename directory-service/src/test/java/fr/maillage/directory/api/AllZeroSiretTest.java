package fr.maillage.directory.api;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.directory.TestData;
import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.domain.Place;
import fr.maillage.directory.domain.StandardColumns;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 21 item 6: the SIRET 00000000000000 (Luhn-valid, since 0 is a multiple of 10) is refused wherever a SIRET is
 * accepted — the partners API (create, replace by the administrator or by the partner's own application: 422
 * problem+json naming {@code siret}, in French) and the import of the standard (the row is rejected on {@code pivot}) —
 * and nothing is stored.
 */
@QuarkusTest
class AllZeroSiretTest {
    static final String ZEROS = "00000000000000";

    @Test
    void thePartnersApiRefusesItWithA422NamingTheField() {
        long before = Partner.count();
        Map<String, Object> body = TestData.partner("Structure au SIRET nul " + UUID.randomUUID());
        body.put("siret", ZEROS);
        asAdmin().contentType("application/json").body(body).post("/api/v1/partners").then().spec(problem(422))
                .body("field", equalTo("siret"))
                .body("violations.field", hasItem("siret"))
                .body("violations.find { it.field == 'siret' }.message", containsString("SIREN 000000000"))
                .body("detail", containsString("SIRET"));
        body.put("siret", "000 000 000 00000"); // spaced as on a form: same refusal
        asAdmin().contentType("application/json").body(body).post("/api/v1/partners").then().spec(problem(422, "siret"));
        assertEquals(before, Partner.count());

        // replace: by the administrator, and by the partner's own application
        UUID id = TestData.createPartner("Structure qui perd son SIRET " + UUID.randomUUID());
        String siret = Partner.<Partner>findById(id).siret;
        asAdmin().contentType("application/json").body(body).put("/api/v1/partners/" + id).then().spec(problem(422, "siret"));
        given().auth().oauth2(Tokens.partnerApp(id)).contentType("application/json").body(body)
                .put("/api/v1/partners/" + id).then().spec(problem(422, "siret"));
        // and a PUT creating a partner with a new id
        UUID fresh = UUID.randomUUID();
        asAdmin().contentType("application/json").body(body).put("/api/v1/partners/" + fresh).then().spec(problem(422, "siret"));
        assertEquals(siret, Partner.<Partner>findById(id).siret);
        assertNull(Partner.findById(fresh));
    }

    @Test
    void theImportRejectsTheRowOnItsPivot() {
        String csv = String.join(",", StandardColumns.ALL) + "\n"
                + PlaceTransferResourceTest.row("import-siret-nul", ZEROS, "Mairie au SIRET nul", "Corbie", "80800", "80212",
                        "Aide aux démarches administratives") + "\n";
        asAdmin().contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/places/import")
                .then().statusCode(200)
                .body("rejected", equalTo(1))
                .body("results[0].status", equalTo("rejeté"))
                .body("results[0].errors[0].field", equalTo("pivot"))
                .body("results[0].errors[0].message", containsString("SIREN 000000000"));
        assertEquals(0, Place.count("sourceId", "import-siret-nul"));
        assertNull(Partner.find("siret", ZEROS).firstResult());
    }
}
