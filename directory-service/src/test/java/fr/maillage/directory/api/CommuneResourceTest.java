package fr.maillage.directory.api;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import fr.maillage.directory.domain.Commune;
import fr.maillage.directory.service.CommuneLoader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class CommuneResourceTest {
    @Inject
    CommuneLoader loader;

    @Test
    void theWholeFileIsLoadedOnceAndNotReloadedWhenUnchanged() throws Exception {
        assertEquals(34969L + 45, Commune.count(), "the file and the 45 arrondissements municipaux of the shipped supplement");
        assertEquals(-1, loader.load(Path.of("../../shared/data/communes.csv")), "unchanged file must not be reloaded");
        assertEquals(34969L + 45, Commune.count(), "the file and the 45 arrondissements municipaux of the shipped supplement");
    }

    @Test
    void getsACommuneWithItsEpciAndRurality() {
        given().get("/api/v1/communes/80212").then().statusCode(200)
                .body("nom", equalTo("Corbie"))
                .body("departement", equalTo("80"))
                .body("epci.nom", notNullValue())
                .body("codesPostaux", hasItem("80800"))
                .body("population", greaterThan(5000));
        // Fouilloy: about 2,000 inhabitants on 11 km², far above 200/km²; a small village is rural
        given().get("/api/v1/communes/35243").then().statusCode(200).body("nom", equalTo("Romagné")).body("rural", equalTo(true));
    }

    @Test
    void autocompletesIgnoringAccentsCaseAndHyphens() {
        given().queryParam("q", "villers bret").get("/api/v1/communes").then().statusCode(200)
                .body("items[0].code", equalTo("80799"))
                .body("items[0].nom", equalTo("Villers-Bretonneux"));
        given().queryParam("q", "ROMAGNE").get("/api/v1/communes").then().statusCode(200)
                .body("items.code", hasItem("35243"));
        // a typo still finds it (trigram similarity)
        given().queryParam("q", "Fougere").get("/api/v1/communes").then().statusCode(200)
                .body("items.code", hasItem("35115"));
    }

    @Test
    void autocompletesByPostalCodePrefix() {
        given().queryParam("q", "80800").queryParam("size", 50).get("/api/v1/communes").then().statusCode(200)
                .body("items.code", hasItem("80212"))
                .body("items.code", hasItem("80338"))
                .body("total", greaterThan(3));
    }

    @Test
    void badQueriesAreProblems() {
        given().queryParam("q", "a").get("/api/v1/communes").then().spec(problem(400)).body("field", equalTo("q"));
        given().queryParam("q", "corbie").queryParam("size", 1000).get("/api/v1/communes").then().spec(problem(400))
                .body("field", equalTo("size"));
        given().get("/api/v1/communes/99999").then().spec(problem(404));
    }
}
