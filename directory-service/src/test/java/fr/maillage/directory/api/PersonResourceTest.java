package fr.maillage.directory.api;

import static fr.maillage.platform.testing.ProblemAssert.problem;
import static fr.maillage.platform.testing.Tokens.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.directory.TestData;
import fr.maillage.directory.domain.Person;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PersonResourceTest {

    Map<String, Object> person(UUID place) {
        Map<String, Object> p = new HashMap<>();
        p.put("role", "benevole");
        p.put("firstName", "Camille");
        p.put("lastName", "Exemple");
        p.put("phone", "06 39 98 00 01");
        p.put("email", "camille.exemple@example.org");
        p.put("notifySms", true);
        p.put("notifyEmail", false);
        p.put("placeIds", List.of(place.toString()));
        return p;
    }

    @Test
    void storesPeopleWithE164PhonesIncludingOverseas() {
        UUID partner = TestData.createPartner("CCAS de Marigny-les-Usages " + UUID.randomUUID());
        UUID place = TestData.createPlace(TestData.place(partner, "CCAS"));
        String id = asAdmin().contentType("application/json").body(person(place)).post("/api/v1/people").then().statusCode(201)
                .body("phone", equalTo("+33639980001")).body("placeIds", hasItem(place.toString()))
                .extract().path("id");
        Map<String, Object> reunion = person(place);
        reunion.put("phone", "0692 00 00 00"); // La Réunion mobile
        asAdmin().contentType("application/json").body(reunion).post("/api/v1/people").then().statusCode(201)
                .body("phone", equalTo("+262692000000"));
        asAdmin().queryParam("placeId", place.toString()).get("/api/v1/people").then().statusCode(200)
                .body("total", equalTo(2)).body("items", hasSize(2));
        // deleting the place removes it from the people who staffed it
        asAdmin().delete("/api/v1/places/" + place).then().statusCode(204);
        asAdmin().get("/api/v1/people/" + id).then().statusCode(200).body("placeIds", hasSize(0)).body("version", equalTo(1));
    }

    @Test
    void refusesUnreliableContactDataAndStoresNothing() {
        UUID partner = TestData.createPartner("Structure " + UUID.randomUUID());
        UUID place = TestData.createPlace(TestData.place(partner, "Lieu"));
        long before = Person.count();
        Map<String, Object> p = person(place);
        p.put("phone", "06 00");
        p.put("email", "pas-une-adresse");
        p.put("role", "secretaire");
        p.put("placeIds", List.of(UUID.randomUUID().toString()));
        asAdmin().contentType("application/json").body(p).post("/api/v1/people").then().spec(problem(422))
                .body("violations.field", hasItem("phone")).body("violations.field", hasItem("email"))
                .body("violations.field", hasItem("role")).body("violations.field", hasItem("placeIds"));
        Map<String, Object> noPhone = person(place);
        noPhone.remove("phone");
        asAdmin().contentType("application/json").body(noPhone).post("/api/v1/people").then().spec(problem(422))
                .body("violations.field", hasItem("notifySms"));
        asAdmin().queryParam("role", "chef").get("/api/v1/people").then().spec(problem(400)).body("field", equalTo("role"));
        assertEquals(before, Person.count());
    }
}
