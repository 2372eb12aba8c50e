package fr.maillage.offers.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.maillage.offers.Fixtures;
import fr.maillage.offers.Fixtures.Place;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Who may call what (issue 7), through the real service: anonymous writes 401, wrong role 403, another
 * partner's offers untouchable (403 on writes) and invisible unless published (404 on reads, absent from
 * lists), broken tokens 401 problem+json on writes and ignored by public reads (the anonymous answer), and the
 * OpenAPI document says it all.
 * Two partners share one place's neighbourhood in Quimper (no other test searches there).
 */
@QuarkusTest
class SecurityTest {
    static final Place A_PLACE = Place.near("Médiathèque d'Ergué-Armel", "29232", "Quimper", "29000", 47.9890, -4.0790);
    static final Place B_PLACE = Place.near("Espace public numérique de Kerfeunteun", "29232", "Quimper", "29000", 48.0090, -4.1080);
    static final UUID A = A_PLACE.partnerId();
    static final UUID B = B_PLACE.partnerId();

    @BeforeAll
    static void places() {
        Fixtures.publishPlaceAndWait(A_PLACE);
        Fixtures.publishPlaceAndWait(B_PLACE);
    }

    private static RequestSpecification partnerA() {
        return Tokens.as(Tokens.partnerApp(A));
    }

    private static RequestSpecification partnerB() {
        return Tokens.as(Tokens.partnerApp(B));
    }

    private static UUID draftOfA() {
        UUID id = UUID.randomUUID();
        partnerA().contentType(ContentType.JSON).body(Fixtures.permanence(A_PLACE.id())).put("/api/v1/offers/" + id).then().statusCode(201);
        return id;
    }

    private static ValidatableResponse offerAsAdmin(UUID id) {
        return Tokens.asAdmin().get("/api/v1/offers/" + id).then();
    }

    /** Every write of the API on an existing offer (and a creation), sent with the given request. */
    private static List<ValidatableResponse> everyWrite(Supplier<RequestSpecification> request, UUID existing) {
        Map<String, Object> body = Fixtures.permanence(A_PLACE.id());
        body.put("title", "Écriture refusée");
        List<ValidatableResponse> answers = new ArrayList<>();
        answers.add(request.get().contentType(ContentType.JSON).body(body).post("/api/v1/offers").then());
        answers.add(request.get().contentType(ContentType.JSON).body(body).put("/api/v1/offers/" + existing).then());
        for (String action : List.of("publish", "suspend", "archive")) {
            answers.add(request.get().post("/api/v1/offers/" + existing + "/" + action).then());
        }
        return answers;
    }

    private static void assertProblem(ValidatableResponse r, int status, String detailPart) {
        r.statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status), "title", notNullValue(), "type", containsString("https://maillage.fr/problemes/"),
                        "instance", containsString("/api/v1/offers"), "detail", containsString(detailPart));
    }

    @Test
    void anonymousWritesAre401WithABearerChallengeAndChangeNothing() {
        UUID id = draftOfA();
        for (ValidatableResponse r : everyWrite(RestAssured::given, id)) {
            assertProblem(r, 401, "Cette opération demande un jeton");
            r.header("WWW-Authenticate", "Bearer").body("title", equalTo("Authentification requise"));
        }
        UUID fresh = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Fixtures.permanence(A_PLACE.id())).put("/api/v1/offers/" + fresh).then().statusCode(401);
        offerAsAdmin(fresh).statusCode(404);
        offerAsAdmin(id).statusCode(200).body("status", equalTo("draft"), "version", equalTo(1),
                "title", equalTo("Permanence conseiller numérique"));
    }

    @Test
    void agentsAndVolunteersMayNotWriteOffers() {
        UUID id = draftOfA();
        for (String token : List.of(Tokens.agent(A), Tokens.volunteer(UUID.randomUUID()))) {
            for (ValidatableResponse r : everyWrite(() -> Tokens.as(token), id)) {
                assertProblem(r, 403, "ne permet pas cette opération : rôle requis parmi");
                r.body("detail", containsString("admin"), "detail", containsString("partner-app"), "title", equalTo("Accès refusé"));
            }
        }
        offerAsAdmin(id).body("status", equalTo("draft"), "version", equalTo(1));
    }

    @Test
    void aPartnerAppCannotTouchAnotherPartnersOffer() {
        UUID id = draftOfA();
        List<ValidatableResponse> answers = everyWrite(SecurityTest::partnerB, id);
        // The creation (at A's place, so for A) is refused for the partner it would belong to...
        assertProblem(answers.get(0), 403, "vous ne pouvez pas créer ni rattacher une offre");
        // ...and every change of A's offer because it is A's.
        for (ValidatableResponse r : answers.subList(1, 5)) {
            assertProblem(r, 403, "appartient à une autre structure");
        }
        // Even once published (visible to everybody), it stays A's to change.
        partnerA().post("/api/v1/offers/" + id + "/publish").then().statusCode(200);
        Map<String, Object> hijack = Fixtures.permanence(A_PLACE.id());
        hijack.put("title", "Détournée");
        partnerB().contentType(ContentType.JSON).body(hijack).put("/api/v1/offers/" + id).then().statusCode(403);
        partnerB().post("/api/v1/offers/" + id + "/suspend").then().statusCode(403);
        partnerB().post("/api/v1/offers/" + id + "/archive").then().statusCode(403);
        offerAsAdmin(id).body("status", equalTo("published"), "version", equalTo(2), "title", equalTo("Permanence conseiller numérique"));
    }

    @Test
    void aPartnerAppCreatesOnlyForItsOwnOrganisationAndCannotMoveAnOffer() {
        // partnerId of another partner in the body.
        Map<String, Object> forA = Fixtures.permanence(B_PLACE.id());
        forA.put("partnerId", A.toString());
        UUID id = UUID.randomUUID();
        assertProblem(partnerB().contentType(ContentType.JSON).body(forA).put("/api/v1/offers/" + id).then(), 403,
                "vous ne pouvez pas créer ni rattacher une offre");
        partnerB().contentType(ContentType.JSON).body(forA).put("/api/v1/offers/" + id).then()
                .body("field", equalTo("partnerId"), "violations[0].field", equalTo("partnerId"));
        partnerB().contentType(ContentType.JSON).body(forA).post("/api/v1/offers").then().statusCode(403);
        // No partnerId: the place's partner (A) would hold it.
        UUID atA = UUID.randomUUID();
        partnerB().contentType(ContentType.JSON).body(Fixtures.permanence(A_PLACE.id())).put("/api/v1/offers/" + atA).then()
                .statusCode(403).body("violations[0].field", equalTo("partnerId"));
        offerAsAdmin(id).statusCode(404);
        offerAsAdmin(atA).statusCode(404);
        // A token without organisation acts for nobody.
        assertProblem(Tokens.as(Tokens.of("partner-app", null, null)).contentType(ContentType.JSON).body(Fixtures.permanence(A_PLACE.id()))
                .put("/api/v1/offers/" + atA).then(), 403, "ne porte pas d'organisation");

        // Its own offer cannot be handed to another partner either.
        UUID own = draftOfA();
        Map<String, Object> moved = Fixtures.permanence(A_PLACE.id());
        moved.put("partnerId", B.toString());
        partnerA().contentType(ContentType.JSON).body(moved).put("/api/v1/offers/" + own).then().statusCode(403)
                .body("violations[0].field", equalTo("partnerId"));
        offerAsAdmin(own).body("partnerId", equalTo(A.toString()), "version", equalTo(1));

        // Held by B at A's place, with partnerId = B: allowed (an offer's partner may differ from its place's).
        Map<String, Object> guest = Fixtures.permanence(A_PLACE.id());
        guest.put("partnerId", B.toString());
        partnerB().contentType(ContentType.JSON).body(guest).put("/api/v1/offers/" + UUID.randomUUID()).then().statusCode(201)
                .body("partnerId", equalTo(B.toString()), "placeId", equalTo(A_PLACE.id().toString()));
    }

    @Test
    void theOwningPartnerAppAndAnAdminMayDoEverything() {
        UUID id = draftOfA();
        Map<String, Object> body = Fixtures.permanence(A_PLACE.id());
        body.put("title", "Permanence du mercredi");
        partnerA().contentType(ContentType.JSON).body(body).put("/api/v1/offers/" + id).then().statusCode(200).body("version", equalTo(2));
        partnerA().post("/api/v1/offers/" + id + "/publish").then().statusCode(200).body("status", equalTo("published"));
        partnerA().post("/api/v1/offers/" + id + "/suspend").then().statusCode(200).body("status", equalTo("suspended"));

        Tokens.asAdmin().post("/api/v1/offers/" + id + "/publish").then().statusCode(200);
        body.put("title", "Corrigée par l'administrateur");
        Tokens.asAdmin().contentType(ContentType.JSON).body(body).put("/api/v1/offers/" + id).then().statusCode(200)
                .body("title", equalTo("Corrigée par l'administrateur"));
        // An admin may create for any partner and move an offer to another partner.
        body.put("partnerId", B.toString());
        Tokens.asAdmin().contentType(ContentType.JSON).body(body).put("/api/v1/offers/" + id).then().statusCode(200)
                .body("partnerId", equalTo(B.toString()));
        Tokens.asAdmin().post("/api/v1/offers/" + id + "/archive").then().statusCode(200).body("status", equalTo("archived"));
        String created = Tokens.asAdmin().contentType(ContentType.JSON).body(Fixtures.atelier(B_PLACE.id())).post("/api/v1/offers")
                .then().statusCode(201).extract().path("partnerId");
        assertEquals(B.toString(), created);
    }

    @Test
    void idempotencyKeysAreScopedByOrganisation() {
        String key = "commande-" + UUID.randomUUID();
        String a = partnerA().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Fixtures.atelier(A_PLACE.id()))
                .post("/api/v1/offers").then().statusCode(201).extract().path("id");
        String b = partnerB().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Fixtures.atelier(B_PLACE.id()))
                .post("/api/v1/offers").then().statusCode(201).extract().path("id");
        assertNotEquals(a, b);
        partnerA().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Fixtures.atelier(A_PLACE.id()))
                .post("/api/v1/offers").then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(a));
    }

    @Test
    void unpublishedOffersExistOnlyForTheirPartnerAndAdmins() {
        UUID draft = draftOfA();
        String unknownDetail = "Aucune offre n'a l'identifiant " + draft + ".";
        String agentB = Tokens.agent(B);
        String volunteer = Tokens.volunteer(UUID.randomUUID());
        List<Supplier<RequestSpecification>> outsiders = List.of(RestAssured::given, SecurityTest::partnerB, () -> Tokens.as(agentB),
                () -> Tokens.as(volunteer));
        for (Supplier<RequestSpecification> outsider : outsiders) {
            outsider.get().get("/api/v1/offers/" + draft).then().statusCode(404).contentType("application/problem+json")
                    .body("detail", equalTo(unknownDetail));
            outsider.get().get("/api/v1/offers/" + draft + "/sessions").then().statusCode(404);
            outsider.get().queryParam("partnerId", A.toString()).queryParam("size", 100).get("/api/v1/offers").then().statusCode(200)
                    .body("items.id", not(hasItem(draft.toString())));
            outsider.get().queryParam("status", "draft").queryParam("size", 100).get("/api/v1/offers").then().statusCode(200)
                    .body("items.id", not(hasItem(draft.toString())));
        }
        String agentA = Tokens.agent(A);
        for (Supplier<RequestSpecification> insider : List.<Supplier<RequestSpecification>>of(SecurityTest::partnerA,
                () -> Tokens.as(agentA), Tokens::asAdmin)) {
            insider.get().get("/api/v1/offers/" + draft).then().statusCode(200).body("status", equalTo("draft"));
            insider.get().get("/api/v1/offers/" + draft + "/sessions").then().statusCode(200);
            insider.get().queryParam("partnerId", A.toString()).queryParam("size", 100).get("/api/v1/offers").then()
                    .body("items.id", hasItem(draft.toString()));
        }
        // Published, it is public.
        partnerA().post("/api/v1/offers/" + draft + "/publish").then().statusCode(200);
        given().get("/api/v1/offers/" + draft).then().statusCode(200).body("status", equalTo("published"));
        given().queryParam("partnerId", A.toString()).queryParam("size", 100).get("/api/v1/offers").then()
                .body("items.id", hasItem(draft.toString()));
    }

    @Test
    void publicAnswersCarryNoPersonalData() {
        UUID staff = UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(Fixtures.permanence(A_PLACE.id()));
        body.put("staffIds", List.of(staff.toString()));
        UUID id = Fixtures.createPublished(body);
        List<String> answers = List.of(
                given().get("/api/v1/offers/" + id).then().statusCode(200).extract().asString(),
                given().get("/api/v1/offers/" + id + "/sessions").then().statusCode(200).extract().asString(),
                given().queryParam("near", "29232").get("/api/v1/offers").then().statusCode(200).extract().asString(),
                given().queryParam("near", "29232").get("/api/v1/offers/next-available").then().statusCode(200).extract().asString());
        for (String answer : answers) {
            assertFalse(answer.contains("+33299000000"), "no phone number: " + answer);
            for (String key : List.of("\"phone\"", "\"email\"", "\"firstName\"", "\"lastName\"", "\"person\"")) {
                assertFalse(answer.contains(key), key + " in a public answer: " + answer);
            }
        }
        // Staff are directory person ids only.
        assertEquals(List.of(staff.toString()), JsonPath.from(answers.get(0)).getList("staffIds"));
    }

    /** Tokens that fail verification, each for its own reason. */
    private static Map<String, String> brokenTokens() {
        return Map.of("garbage", "pas-un-jeton", "three dots", "a.b.c", "expired", Tokens.expired(A),
                "other issuer", Tokens.otherIssuer(A), "other audience", Tokens.otherAudience(null),
                "other key", Tokens.signedByAnotherKey(null));
    }

    @Test
    void brokenTokensAre401ProblemsOnWrites() {
        UUID id = draftOfA();
        for (Map.Entry<String, String> t : brokenTokens().entrySet()) {
            for (ValidatableResponse r : everyWrite(() -> Tokens.as(t.getValue()), id)) {
                String text = r.statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                        .body("status", equalTo(401), "detail", containsString("Jeton refusé"))
                        .extract().asString();
                assertFalse(text.contains(t.getValue()), t.getKey() + ": the token is never echoed");
            }
        }
        offerAsAdmin(id).body("status", equalTo("draft"), "version", equalTo(1));
    }

    /**
     * As in directory-service and booking-service, a public read ignores a token that fails verification: the answer
     * is the anonymous one, status, headers that matter and body alike. Partner A's own token, expired, does not
     * show A's draft (a valid one does: {@link #unpublishedOffersExistOnlyForTheirPartnerAndAdmins}).
     */
    @Test
    void publicReadsIgnoreBrokenTokensAndAnswerAsWithoutAToken() {
        UUID draft = draftOfA();
        UUID published = Fixtures.createPublished(Fixtures.permanence(A_PLACE.id()));
        List<String> publicReads = List.of("/api/v1/offers/" + draft, "/api/v1/offers/" + draft + "/sessions",
                "/api/v1/offers/" + published, "/api/v1/offers/" + published + "/sessions",
                "/api/v1/offers?partnerId=" + A + "&size=100", "/api/v1/offers?status=draft&size=100",
                "/api/v1/offers?near=29232&radiusKm=5", "/api/v1/offers/next-available?near=29232&radiusKm=5",
                "/api/v1/offers/themes");
        for (Map.Entry<String, String> t : brokenTokens().entrySet()) {
            for (String path : publicReads) {
                var anonymous = given().get(path).then().extract();
                var withToken = Tokens.as(t.getValue()).get(path).then().extract();
                String what = t.getKey() + " token on " + path;
                assertEquals(anonymous.statusCode(), withToken.statusCode(), what + ": " + withToken.asString());
                assertNotEquals(401, withToken.statusCode(), what);
                assertEquals(anonymous.asString(), withToken.asString(), what);
                assertEquals(anonymous.header("X-Total-Count"), withToken.header("X-Total-Count"), what);
                assertEquals(anonymous.header("ETag"), withToken.header("ETag"), what);
                assertEquals(null, withToken.header("WWW-Authenticate"), what);
            }
        }
        String unknownDetail = "Aucune offre n'a l'identifiant " + draft + ".";
        Tokens.as(Tokens.expired(A)).get("/api/v1/offers/" + draft).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo(unknownDetail));
        Tokens.as(Tokens.expired(A)).queryParam("partnerId", A.toString()).queryParam("size", 100).get("/api/v1/offers").then()
                .statusCode(200).body("items.id", not(hasItem(draft.toString()))).body("items.id", hasItem(published.toString()));
        partnerA().get("/api/v1/offers/" + draft).then().statusCode(200).body("status", equalTo("draft"));
        Tokens.as(Tokens.signedByAnotherKey(null)).get("/api/v1/offers/" + published).then().statusCode(200)
                .body("status", equalTo("published"));
        // A scheme other than Bearer is not a token either: the caller is anonymous.
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/offers/themes").then().statusCode(200);
    }

    @Test
    void tokensNeverReachTheLogs() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        SimpleFormatter formatter = new SimpleFormatter();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(formatter.format(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        String valid = Tokens.partnerApp(A);
        String expired = Tokens.expired(A);
        String foreign = Tokens.signedByAnotherKey(null);
        String marker = "capture-" + UUID.randomUUID();
        try {
            org.jboss.logging.Logger.getLogger("fr.maillage.offers.api").info(marker);
            UUID id = UUID.randomUUID();
            Tokens.as(valid).contentType(ContentType.JSON).body(Fixtures.permanence(A_PLACE.id())).put("/api/v1/offers/" + id)
                    .then().statusCode(201);
            Tokens.as(valid).contentType(ContentType.JSON).body("{\"title\": ").put("/api/v1/offers/" + id).then().statusCode(400);
            Tokens.as(expired).post("/api/v1/offers/" + id + "/publish").then().statusCode(401);
            // a public read ignores the broken token (anonymous: the draft is hidden) but it was verified all the same
            Tokens.as(foreign).get("/api/v1/offers/" + id).then().statusCode(404);
            Tokens.as(Tokens.agent(A)).post("/api/v1/offers/" + id + "/publish").then().statusCode(403);
        } finally {
            root.removeHandler(capture);
        }
        synchronized (lines) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(marker)), "the capture sees the service's log records");
            // DEBUG is asked for the JWT layers in tests, but their minimum level (build time) keeps them quiet:
            // at DEBUG, MpJwtValidator logs the refused token itself.
            assertFalse(lines.stream().anyMatch(l -> l.contains("MpJwtValidator")), "JWT layers logged at DEBUG");
            for (String line : lines) {
                for (String token : List.of(valid, expired, foreign)) {
                    // The signature alone identifies a token; it must appear nowhere.
                    assertFalse(line.contains(token.substring(token.lastIndexOf('.') + 1)), "token logged: " + line);
                }
                assertFalse(line.contains("Bearer ey"), "Authorization header logged: " + line);
            }
        }
    }

    @Test
    void openApiDeclaresTheBearerSchemeAndTheRolesOfEachOperation() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertEquals("http", doc.getString("components.securitySchemes.bearer.type"));
        assertEquals("bearer", doc.getString("components.securitySchemes.bearer.scheme"));
        assertTrue(doc.getString("components.securitySchemes.bearer.description").contains("partner-app, agent, volunteer, admin"));
        for (String[] op : List.of(new String[] { "/api/v1/offers", "post" }, new String[] { "/api/v1/offers/{id}", "put" },
                new String[] { "/api/v1/offers/{id}/publish", "post" }, new String[] { "/api/v1/offers/{id}/suspend", "post" },
                new String[] { "/api/v1/offers/{id}/archive", "post" })) {
            String path = "paths.'" + op[0] + "'." + op[1];
            assertEquals(List.of("admin", "partner-app"), doc.getList(path + ".security[0].bearer").stream().sorted().toList(), path);
            assertTrue(doc.getString(path + ".description").contains("Rôles : admin, ou partner-app"), path);
            assertTrue(doc.getMap(path + ".responses").keySet().containsAll(List.of("401", "403")), path);
        }
        for (String path : List.of("/api/v1/offers", "/api/v1/offers/{id}", "/api/v1/offers/{id}/sessions",
                "/api/v1/offers/next-available", "/api/v1/offers/themes")) {
            given().get("/q/openapi?format=json").then().body("paths.'" + path + "'.get.security", nullValue())
                    .body("paths.'" + path + "'.get.responses.keySet()", hasItems("200"))
                    .body("paths.'" + path + "'.get.responses.keySet()", not(hasItem("401")));
            // the description says what a token (valid or not) does to a public read
            assertTrue(doc.getString("paths.'" + path + "'.get.description").contains("jamais de 401"), path);
        }
    }
}
