package fr.maillage.directory.api;

import static fr.maillage.directory.TestData.partner;
import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.directory.TestData;
import fr.maillage.directory.domain.Partner;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PartnerResourceTest {

    @Test
    void createsAPartnerWithNormalisedPhoneAndVersionInETag() {
        Map<String, Object> body = partner("Commune de Romagné " + UUID.randomUUID());
        String id = asAdmin().contentType("application/json").body(body).post("/api/v1/partners").then().statusCode(201)
                .header("ETag", "\"0\"")
                .body("phone", equalTo("+33199001234"))
                .body("typologies", hasItem("MUNI"))
                .body("siret", equalTo(body.get("siret")))
                .extract().path("id");
        given().get("/api/v1/partners/" + id).then().statusCode(200).body("name", equalTo(body.get("name")));
    }

    @Test
    void refusesBadIdentifiersAndEnumerationsAndStoresNothing() {
        long before = Partner.count();
        Map<String, Object> body = partner("Structure invalide");
        body.put("siret", "12345678901234"); // Luhn key wrong
        body.put("rna", "X12345");
        body.put("typologies", List.of("MAIRIE"));
        body.put("programmes", List.of("France services")); // wrong case: the standard's strings are exact
        asAdmin().contentType("application/json").body(body).post("/api/v1/partners").then().spec(problem(422))
                .body("violations.field", hasItem("siret"))
                .body("violations.field", hasItem("rna"))
                .body("violations.field", hasItem("typologies"))
                .body("violations.field", hasItem("programmes"))
                .body("violations.find { it.field == 'siret' }.message", containsString("clé de contrôle"));
        asAdmin().contentType("application/json").body(Map.of("name", "")).post("/api/v1/partners").then().spec(problem(400));
        asAdmin().contentType("application/json").body("{not json").post("/api/v1/partners").then().spec(problem(400));
        // a body of the wrong shape, or followed by anything, is a 400 naming what to fix (never an empty answer)
        asAdmin().contentType("application/json").body("{\"name\": [\"Structure en liste\"]}").post("/api/v1/partners").then()
                .spec(problem(400, "name"));
        asAdmin().contentType("application/json").body("{\"name\": \"Structure suivie de texte\"} et ceci").post("/api/v1/partners")
                .then().spec(problem(400));
        assertEquals(before, Partner.count());
    }

    @Test
    void putCreatesThenReplacesAndIsIdempotent() {
        UUID id = UUID.randomUUID();
        Map<String, Object> body = partner("CCAS de Boigny-sur-Bionne " + id);
        asAdmin().contentType("application/json").body(body).put("/api/v1/partners/" + id).then().statusCode(201)
                .body("version", equalTo(0));
        // same body again: nothing changes, not even the version
        asAdmin().contentType("application/json").body(body).put("/api/v1/partners/" + id).then().statusCode(200)
                .body("version", equalTo(0)).header("ETag", "\"0\"");
        body.put("website", "https://www.boigny-sur-bionne.fr");
        asAdmin().contentType("application/json").header("If-Match", "\"0\"").body(body).put("/api/v1/partners/" + id)
                .then().statusCode(200).body("version", equalTo(1)).body("website", equalTo("https://www.boigny-sur-bionne.fr"));
        // a writer who still holds version 0 is refused
        body.put("name", "Nom écrasé");
        asAdmin().contentType("application/json").header("If-Match", "\"0\"").body(body).put("/api/v1/partners/" + id)
                .then().spec(problem(409)).body("field", equalTo("If-Match"))
                .body("detail", containsString("version"));
        given().get("/api/v1/partners/" + id).then().body("name", equalTo("CCAS de Boigny-sur-Bionne " + id));
    }

    @Test
    void listsWithPagingAndFilters() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            TestData.createPartner("Liste " + tag + " " + i);
        }
        given().queryParam("q", "liste " + tag).queryParam("size", 2).get("/api/v1/partners").then().statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(2)).body("items[0].name", equalTo("Liste " + tag + " 0"));
        given().queryParam("q", "liste " + tag).queryParam("size", 2).queryParam("page", 1).get("/api/v1/partners").then()
                .statusCode(200).body("items", hasSize(1));
        given().queryParam("q", "liste " + tag).queryParam("typologie", "CCAS").get("/api/v1/partners").then()
                .statusCode(200).body("total", equalTo(0));
        given().queryParam("page", -1).get("/api/v1/partners").then().spec(problem(400)).body("field", equalTo("page"));
    }

    @Test
    void deleteIsRefusedWhilePlacesRemainThenWorks() {
        UUID partner = TestData.createPartner("À supprimer " + UUID.randomUUID());
        UUID place = TestData.createPlace(TestData.place(partner, "Lieu de la structure à supprimer"));
        asAdmin().delete("/api/v1/partners/" + partner).then().spec(problem(409));
        asAdmin().delete("/api/v1/places/" + place).then().statusCode(204);
        asAdmin().delete("/api/v1/partners/" + partner).then().statusCode(204);
        given().get("/api/v1/partners/" + partner).then().spec(problem(404));
        asAdmin().delete("/api/v1/partners/" + partner).then().spec(problem(404));
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyCreatesNothingMore() {
        String key = "retry-" + UUID.randomUUID();
        Map<String, Object> body = partner("Idempotent " + key);
        long before = Partner.count();
        String first = asAdmin().contentType("application/json").header("Idempotency-Key", key).body(body)
                .post("/api/v1/partners").then().statusCode(201).extract().path("id");
        asAdmin().contentType("application/json").header("Idempotency-Key", key).body(body).post("/api/v1/partners").then()
                .statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertEquals(before + 1, Partner.count());
    }

    @Test
    void malformedParametersAreNamed() {
        given().queryParam("size", "abc").get("/api/v1/partners").then().spec(problem(400)).body("field", equalTo("size"));
        given().queryParam("partnerId", "abc").get("/api/v1/places").then().spec(problem(400)).body("field", equalTo("partnerId"));
        given().queryParam("lat", "nord").queryParam("lon", "2.5").get("/api/v1/places").then().spec(problem(400))
                .body("field", equalTo("lat"));
        given().get("/api/v1/partners/pas-un-uuid").then().spec(problem(404))
                .body("detail", containsString("Structure introuvable"));
        asAdmin().contentType("application/json").header("If-Match", "abc").body(partner("x"))
                .put("/api/v1/partners/" + UUID.randomUUID()).then().spec(problem(400)).body("field", equalTo("If-Match"));
    }

    @Test
    void concurrentCreatesOfTheSameIdNeverFailWithA500() throws Exception {
        UUID id = UUID.randomUUID();
        Map<String, Object> body = partner("Course " + id);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> asAdmin().contentType("application/json").body(body).put("/api/v1/partners/" + id)
                        .then().extract().statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var call : calls) {
                statuses.add(call.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses::toString);
            org.junit.jupiter.api.Assertions.assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 201 || s == 409),
                    statuses::toString);
        } finally {
            pool.shutdownNow();
        }
        given().get("/api/v1/partners/" + id).then().statusCode(200).body("version", equalTo(0));
    }
}
