package fr.maillage.system;

import static fr.maillage.system.ProblemJson.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import fr.maillage.system.ProblemJson.Kind;
import io.restassured.response.Response;

/**
 * The front door, through the gateway and the real services: anonymous writes are refused (401), so are bad
 * tokens (malformed, expired, foreign issuer, signed by another key), a wrong role gets 403 — always problem+json in
 * the unified shape (https://maillage.fr/problemes/authentification-requise / acces-refuse, French titles) —, public
 * reads need no token, and a booking's personal data and the caller's token never reach any log.
 */
class SecurityTest {
    private static final String SOMEWHERE = "00000000-0000-4000-8000-00000000beef";

    /** One write per service: method, path, body. */
    static Stream<List<String>> writes() {
        return Stream.of(
                List.of("PUT", "/api/v1/partners/" + SOMEWHERE, "{\"name\":\"Intrus\",\"typologies\":[\"ASSO\"]}"),
                List.of("PUT", "/api/v1/people/" + SOMEWHERE, "{\"role\":\"benevole\",\"firstName\":\"Intrus\"}"),
                List.of("PUT", "/api/v1/offers/" + SOMEWHERE, "{\"title\":\"Intrus\"}"),
                List.of("POST", "/api/v1/bookings", "{\"slotId\":\"" + SOMEWHERE + "\"}"),
                List.of("POST", "/api/v1/webhooks", "{\"url\":\"https://example.org/hook\",\"eventTypes\":[\"booking.confirmed\"]}"));
    }

    @ParameterizedTest
    @MethodSource("writes")
    void anonymousWritesAreRefusedWith401ProblemJson(List<String> write) {
        Gateway.given().contentType("application/json").body(write.get(2)).when().request(write.get(0), write.get(1))
                .then().spec(problem(Kind.UNAUTHORIZED)).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void badTokensGet401ProblemJsonNever500(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path foreignKey = dir.resolve("foreign.pem");
        Files.writeString(foreignKey, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Map<String, String> tokens = Map.of(
                "malformed", "not.a.jwt",
                "garbage", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
                "expired", Tokens.mint(Map.of("role", "admin", "ttl", "PT-1H")),
                "foreign issuer", Tokens.mint(Map.of("role", "admin", "issuer", "https://idp.example.org")),
                "foreign key", DevTokenWithKey.mint(foreignKey));
        for (List<String> write : writes().toList()) {
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                Response response = Gateway.given().auth().oauth2(token.getValue()).contentType("application/json")
                        .body(write.get(2)).when().request(write.get(0), write.get(1));
                assertEquals(401, response.statusCode(), token.getKey() + " token on " + write + ": " + response.asString());
                response.then().spec(problem(Kind.UNAUTHORIZED));
                assertFalse(response.asString().contains(token.getValue()), "the token is never echoed back");
            }
        }
    }

    @Test
    void aWrongRoleGets403ProblemJson() {
        String volunteer = Demo.id("PERSON_BENEVOLE_BOIGNY");
        Gateway.asVolunteer(volunteer).contentType("application/json").body("{\"title\":\"Intrus\"}")
                .when().put("/api/v1/offers/" + SOMEWHERE)
                .then().spec(problem(Kind.FORBIDDEN));
        Gateway.asVolunteer(volunteer).contentType("application/json").body("{\"slotId\":\"" + SOMEWHERE + "\"}")
                .when().post("/api/v1/bookings")
                .then().spec(problem(Kind.FORBIDDEN));
        Gateway.asAgent(Demo.id("PARTNER_CCAS_BOIGNY")).contentType("application/json")
                .body("{\"name\":\"Intrus\",\"typologies\":[\"ASSO\"]}").when().put("/api/v1/partners/" + SOMEWHERE)
                .then().spec(problem(Kind.FORBIDDEN));
        // a partner's application cannot change another partner's offer
        Gateway.asPartnerApp(Demo.id("PARTNER_CCAS_MARIGNY")).when().post("/api/v1/offers/" + Demo.id("OFFER_CCAS_BOIGNY") + "/suspend")
                .then().statusCode(org.hamcrest.Matchers.oneOf(403, 404));
        Gateway.given().when().get("/api/v1/offers/" + Demo.id("OFFER_CCAS_BOIGNY"))
                .then().statusCode(200).body("status", equalTo("published"));
    }

    @Test
    void publicReadsNeedNoToken() {
        for (String path : List.of("/api/v1/communes?q=romagne", "/api/v1/places?insee=35243&radiusKm=20",
                "/api/v1/offers?near=35243&radiusKm=20", "/api/v1/slots?offerId=" + Demo.id("OFFER_CNUM_ROMAGNE"),
                "/api/v1/partners/" + Demo.id("PARTNER_ROMAGNE"))) {
            Gateway.given().when().get(path).then().statusCode(200);
        }
        // personal data is not public
        Gateway.given().when().get("/api/v1/people").then().statusCode(401);
        Gateway.given().when().get("/api/v1/bookings").then().statusCode(401);
        Gateway.given().when().get("/api/v1/notifications").then().statusCode(401);
    }

    @Test
    void noPersonalDataNorTokenInAnyLog() throws Exception {
        String offerId = UUID.randomUUID().toString();
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(5);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_MISSION_LOCALE"), Demo.id("PARTNER_MISSION_LOCALE"),
                "permanence_individuelle", 1, 30, List.of(new AdHocOffers.Session(day, LocalTime.of(9, 0), LocalTime.of(9, 30))));
        String slotId = (String) AdHocOffers.publish(offerId, offer, 1).get(0).get("id");

        People.Mobile mobile = People.newMobile();
        String email = "log-check-" + UUID.randomUUID().toString().substring(0, 8) + "@exemple.fr";
        String lastName = "Traçable" + UUID.randomUUID().toString().substring(0, 6);
        String agent = Tokens.agent(Demo.id("PARTNER_MISSION_LOCALE"));
        String bookingId = Gateway.given().auth().oauth2(agent).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", "Lou", "lastName", lastName, "phone", mobile.national(), "email", email,
                        "smsConsent", true, "emailConsent", true),
                "need", Map.of("theme", "aide_demarches", "text", "Test des journaux"),
                "bookedBy", "agent"))
                .when().post("/api/v1/bookings").then().statusCode(201).body("person.phone", equalTo(mobile.e164()))
                .extract().path("id");
        // the confirmation goes out by SMS and e-mail: every service has handled the booking
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> !SmsStub.to(mobile.e164()).isEmpty());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> Gateway.given().auth().oauth2(agent)
                .queryParam("bookingId", bookingId).when().get("/api/v1/notifications").then().statusCode(200).extract()
                .jsonPath().getList("items", Map.class).stream()
                .anyMatch(n -> "email".equals(n.get("channel")) && !"pending".equals(n.get("status"))));
        // another structure's agent sees none of it
        Gateway.asAgent(Demo.id("PARTNER_CCAS_MARIGNY")).when().get("/api/v1/bookings/" + bookingId)
                .then().statusCode(org.hamcrest.Matchers.oneOf(403, 404)).body(not(containsString(email)));

        String runDir = System.getenv().getOrDefault("MAILLAGE_RUN", "./.run");
        List<Path> logs = new ArrayList<>();
        for (String service : Gateway.SERVICES) {
            logs.add(Path.of(runDir, "logs", service + ".log"));
        }
        logs.add(Path.of(runDir, "gateway", "logs", "access.log"));
        String digits = mobile.e164().substring(3);
        for (Path log : logs) {
            assertTrue(Files.isReadable(log), "log missing: " + log);
            String text = Files.readString(log, StandardCharsets.UTF_8);
            for (String secret : List.of(mobile.e164(), mobile.national(), digits, email, lastName, agent)) {
                assertFalse(text.contains(secret), log + " contains personal data or a token: " + secret);
            }
        }
    }

    /** A token from the development tool, signed by a key the services do not trust. */
    private static final class DevTokenWithKey {
        static String mint(Path key) throws Exception {
            return fr.maillage.deploy.DevToken.mint(Map.of("role", "admin", "key", key.toString()));
        }
    }
}
