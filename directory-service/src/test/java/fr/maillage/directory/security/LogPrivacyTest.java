package fr.maillage.directory.security;

import static fr.maillage.platform.testing.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import fr.maillage.directory.TestData;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Neither people's phones, e-mails and names nor bearer tokens reach the logs, whatever happens to the request. */
@QuarkusTest
class LogPrivacyTest {

    @Test
    void noPersonalDataNorTokenIsLogged() {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()) + " "
                        + (record.getThrown() == null ? "" : record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        UUID partner = TestData.createPartner("Journaux " + UUID.randomUUID());
        UUID place = TestData.createPlace(TestData.place(partner, "Lieu des journaux"));
        String app = Tokens.partnerApp(partner);
        String otherApp = Tokens.partnerApp(UUID.randomUUID());
        String expired = Tokens.expired(null);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            // refusals are not logged (the platform's mappers answer them without a log line): a line of the
            // application's own logging proves that the capture sees what the service logs
            org.jboss.logging.Logger.getLogger(LogPrivacyTest.class).info("capture-sentinel");
            Map<String, Object> person = TestData.person(null, place);
            person.put("firstName", "Maëlys");
            person.put("lastName", "Discrète");
            person.put("phone", "06 39 98 04 56");
            person.put("email", "maelys.discrete@example.org");
            String id = as(app).contentType("application/json").body(person).post("/api/v1/people").then().statusCode(201)
                    .extract().path("id");
            as(app).get("/api/v1/people/" + id).then().statusCode(200);
            as(otherApp).get("/api/v1/people/" + id).then().statusCode(404);
            as(otherApp).contentType("application/json").body(person).put("/api/v1/people/" + id).then().statusCode(403);
            person.put("phone", "06 39 98 04 5x");
            as(app).contentType("application/json").body(person).put("/api/v1/people/" + id).then().statusCode(422);
            given().auth().oauth2(expired).contentType("application/json").body(person).put("/api/v1/people/" + id).then().statusCode(401);
            given().contentType("application/json").body(person).post("/api/v1/people").then().statusCode(401);
            as(app).delete("/api/v1/people/" + id).then().statusCode(204);
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(logged.stream().anyMatch(l -> l.contains("capture-sentinel")), "the capture works: " + logged);
        for (String line : logged) {
            for (String secret : List.of("Maëlys", "Discrète", "39 98 04", "639980456", "maelys.discrete", app, otherApp, expired,
                    app.substring(app.lastIndexOf('.') + 1))) {
                assertFalse(line.contains(secret), "personal data or token in a log line: " + line);
            }
        }
    }
}
