package fr.maillage.offers.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.maillage.offers.Fixtures;
import fr.maillage.offers.Fixtures.Place;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class OfferApiTest {
    static final Place ROMAGNE = Place.near("Pôle socioculturel", "35243", "Romagné", "35133", 48.3436, -1.2716);

    @BeforeAll
    static void places() {
        Fixtures.publishPlaceAndWait(ROMAGNE);
    }

    /** Offers at ROMAGNE belong to its partner: its partner app writes them and may read them in any status. */
    private static RequestSpecification romagne() {
        return Tokens.as(Tokens.partnerApp(ROMAGNE.partnerId()));
    }

    private static Response put(UUID id, Object body) {
        return romagne().contentType(ContentType.JSON).body(body).put("/api/v1/offers/" + id);
    }

    @Test
    void putCreatesThenIsIdempotentThenReplaces() {
        UUID id = UUID.randomUUID();
        Map<String, Object> body = Fixtures.permanence(ROMAGNE.id());
        put(id, body).then().statusCode(201).header("ETag", "\"1\"")
                .body("id", equalTo(id.toString()), "status", equalTo("draft"), "version", equalTo(1),
                        "partnerId", equalTo(ROMAGNE.partnerId().toString()), "placeIds", equalTo(List.of(ROMAGNE.id().toString())),
                        "bookingRules.reminderOffsetsMinutes", equalTo(List.of(2880, 120)),
                        "bookingRules.allowedBookers", equalTo(List.of("citizen", "agent", "partner_app")),
                        "fees.kind", equalTo("gratuit"), "modality", equalTo("sur_place"),
                        "schedule.rules[0].rrule", equalTo("FREQ=WEEKLY;BYDAY=TU"), "schedule.skipPublicHolidays", equalTo(true));
        // Same content again: nothing changes (the demo script relies on it).
        put(id, body).then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1));
        body.put("title", "Permanence numérique du mardi");
        body.put("bookingRules", Map.of("minDelayMinutes", 60, "waitingList", false));
        put(id, body).then().statusCode(200).header("ETag", "\"2\"")
                .body("title", equalTo("Permanence numérique du mardi"), "bookingRules.minDelayMinutes", equalTo(60),
                        "bookingRules.waitingList", equalTo(false), "bookingRules.maxDelayDays", equalTo(60));
        romagne().get("/api/v1/offers/" + id).then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
    }

    @Test
    void staleIfMatchIsAConflictAndChangesNothing() {
        UUID id = UUID.randomUUID();
        Map<String, Object> body = Fixtures.permanence(ROMAGNE.id());
        put(id, body).then().statusCode(201);
        body.put("title", "v2");
        romagne().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body).put("/api/v1/offers/" + id)
                .then().statusCode(200).header("ETag", "\"2\"");
        body.put("title", "v3 from a stale copy");
        romagne().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body).put("/api/v1/offers/" + id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409), "violations[0].field", equalTo("If-Match"), "detail", containsString("modifiée entre-temps"));
        romagne().header("If-Match", "\"1\"").post("/api/v1/offers/" + id + "/publish").then().statusCode(409);
        romagne().get("/api/v1/offers/" + id).then().body("title", equalTo("v2"), "version", equalTo(2), "status", equalTo("draft"));
        romagne().header("If-Match", "not-a-version").post("/api/v1/offers/" + id + "/publish").then().statusCode(400)
                .body("violations[0].field", equalTo("If-Match"));
    }

    @Test
    void concurrentWritersWithTheSameVersionOneWinsTheOtherGets409() throws Exception {
        UUID id = UUID.randomUUID();
        put(id, Fixtures.permanence(ROMAGNE.id())).then().statusCode(201);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Map<String, Object> body = Fixtures.permanence(ROMAGNE.id());
                body.put("title", "Écriture concurrente " + i);
                results.add(pool.submit(() -> romagne().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body)
                        .put("/api/v1/offers/" + id).statusCode()));
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (var f : results) {
                codes.add(f.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
            assertEquals(3, codes.stream().filter(c -> c == 409).count(), codes.toString());
        } finally {
            pool.shutdownNow();
        }
        romagne().get("/api/v1/offers/" + id).then().body("version", equalTo(2), "title", containsString("Écriture concurrente"));
    }

    @Test
    void invalidOffersAreRefusedNamingTheFieldAndNothingIsStored() {
        UUID unknownPlace = UUID.randomUUID();
        record Case(String field, Map<String, Object> changes, String messagePart) {
        }
        String today = LocalDate.now().toString();
        List<Case> cases = List.of(
                new Case("placeId", Map.of("placeId", unknownPlace.toString()), "Lieu inconnu"),
                new Case("themes[1]", Map.of("themes", List.of("impots", "astrologie")), "Thème inconnu"),
                new Case("themes", Map.of("themes", List.of()), "au moins un thème"),
                new Case("capacity", Map.of("capacity", 0), "supérieure à 0"),
                new Case("capacity", Map.of("capacity", -3), "supérieure à 0"),
                new Case("type", Map.of("type", "cours_particulier"), "Type d'offre inconnu"),
                new Case("servedCommunes[0]", Map.of("servedCommunes", List.of("99999")), "Commune inconnue"),
                new Case("fees.priceCents", Map.of("fees", Map.of("kind", "payant")), "prix"),
                new Case("bookingRules.reminderOffsetsMinutes[0]", Map.of("bookingRules", Map.of("reminderOffsetsMinutes", List.of(-5))), "rappel"),
                new Case("title", Map.of("title", "x".repeat(201)), "dépasse 200 caractères"),
                new Case("title", Map.of("title", "  "), "titre est obligatoire"),
                new Case("modality", Map.of("modality", "en_l_air"), "Modalité inconnue « en_l_air »"),
                // A client's value is quoted as it is, never interpolated as a message template.
                new Case("type", Map.of("type", "${1+1}{title}"), "Type d'offre inconnu « ${1+1}{title} »"),
                new Case("fees.priceCents", Map.of("fees", Map.of("kind", "gratuit", "priceCents", 500)), "offre payante"),
                new Case("staffIds", Map.of("staffIds", java.util.Arrays.asList((Object) null)), "personne vide"),
                new Case("bookingRules.allowedBookers", Map.of("bookingRules", Map.of("allowedBookers", List.of())), "au moins qui peut réserver"),
                new Case("bookingRules.allowedBookers[0]", Map.of("bookingRules", Map.of("allowedBookers", List.of("robot"))), "Type de réservant inconnu"),
                new Case("bookingRules.minDelayMinutes", Map.of("bookingRules", Map.of("minDelayMinutes", 1440, "maxDelayDays", 1)), "inférieur au délai maximum"),
                new Case("bookingRules.maxDelayDays", Map.of("bookingRules", Map.of("maxDelayDays", 731)), "entre 1 et 730 jours"),
                new Case("schedule.rules[0].rrule", Map.of("schedule", Map.of("rules", List.of(Map.of("rrule", "FREQ=SOMETIMES",
                        "startDate", today, "startTime", "09:00", "endTime", "12:00")))), "invalide"),
                new Case("schedule.rules[0].endTime", Map.of("schedule", Map.of("rules", List.of(Map.of("rrule", "FREQ=WEEKLY",
                        "startDate", today, "startTime", "12:00", "endTime", "09:00")))), "après l'heure de début"),
                new Case("schedule.oneOffs[0].date", Map.of("schedule", Map.of("oneOffs", List.of(Map.of("date",
                        LocalDate.now().plusYears(3).toString(), "startTime", "09:00", "endTime", "12:00")))), "horizon"),
                new Case("schedule", Map.of("sessionDurationMinutes", 5, "schedule", Map.of("rules", List.of(Map.of("rrule", "FREQ=DAILY",
                        "startDate", today, "startTime", "08:00", "endTime", "20:00")), "skipPublicHolidays", false)), "plus de 3000 séances"));
        for (Case c : cases) {
            UUID id = UUID.randomUUID();
            Map<String, Object> body = new HashMap<>(Fixtures.permanence(ROMAGNE.id()));
            body.putAll(c.changes());
            put(id, body).then().statusCode(422).contentType("application/problem+json")
                    .body("status", equalTo(422), "violations.field", hasItem(c.field()),
                            "violations.message", hasItem(containsString(c.messagePart())));
            romagne().get("/api/v1/offers/" + id).then().statusCode(404);
        }
    }

    @Test
    void malformedInputIs400AndUnknownIs404() {
        romagne().contentType(ContentType.JSON).body("{\"title\": ").put("/api/v1/offers/" + UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json");
        UUID id = UUID.randomUUID();
        romagne().contentType(ContentType.JSON).body("{\"placeId\": \"not-a-uuid\"}").put("/api/v1/offers/" + id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("placeId"), "violations[0].field", equalTo("placeId"),
                        "detail", containsString("UUID"), "detail", containsString("invalide"));
        romagne().contentType(ContentType.JSON).body("{\"placeId\": \"" + ROMAGNE.id() + "\", \"themes\": \"impots\", \"schedule\": {\"rules\": [{\"startTime\": \"9h\"}]}}")
                .put("/api/v1/offers/" + id).then().statusCode(400).body("violations[0].field", equalTo("themes"),
                        "detail", containsString("liste"));
        romagne().contentType(ContentType.JSON).body("{\"placeId\": \"" + ROMAGNE.id() + "\", \"schedule\": {\"rules\": [{\"startTime\": \"9h\"}]}}")
                .put("/api/v1/offers/" + id).then().statusCode(400).body("violations[0].field", equalTo("schedule.rules[0].startTime"),
                        "detail", containsString("HH:MM"));
        romagne().contentType(ContentType.JSON).body("").put("/api/v1/offers/" + id).then().statusCode(400)
                .body("violations[0].field", equalTo("body"));
        romagne().get("/api/v1/offers/" + id).then().statusCode(404);
        romagne().get("/api/v1/offers/not-a-uuid").then().statusCode(400).body("violations[0].field", equalTo("id"));
        UUID unknown = UUID.randomUUID();
        romagne().get("/api/v1/offers/" + unknown).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(unknown.toString()));
        romagne().post("/api/v1/offers/" + unknown + "/publish").then().statusCode(404);
        romagne().get("/api/v1/offers/" + unknown + "/sessions").then().statusCode(404);
    }

    @Test
    void lifecycleDraftPublishSuspendRepublishArchive() {
        UUID id = UUID.randomUUID();
        put(id, Fixtures.permanence(ROMAGNE.id())).then().statusCode(201);
        romagne().get("/api/v1/offers/" + id + "/sessions").then().statusCode(200).body("total", equalTo(0));
        // A draft is not public: to an anonymous caller it does not exist.
        given().get("/api/v1/offers/" + id).then().statusCode(404);
        given().get("/api/v1/offers/" + id + "/sessions").then().statusCode(404);
        romagne().post("/api/v1/offers/" + id + "/suspend").then().statusCode(409).body("violations[0].field", equalTo("status"));

        romagne().header("If-Match", "\"1\"").post("/api/v1/offers/" + id + "/publish").then().statusCode(200)
                .header("ETag", "\"2\"").body("status", equalTo("published"));
        // Publishing again is a no-op.
        romagne().post("/api/v1/offers/" + id + "/publish").then().statusCode(200).header("ETag", "\"2\"");
        // Published: public, sessions included.
        given().get("/api/v1/offers/" + id).then().statusCode(200).body("status", equalTo("published"));
        Response sessions = given().queryParam("size", 100).get("/api/v1/offers/" + id + "/sessions");
        sessions.then().statusCode(200).body("total", greaterThan(6), "items.status", everyItem(equalTo("planned")),
                "items.capacity", everyItem(equalTo(1)), "items.remaining", everyItem(equalTo(1)),
                "items[0].start", containsString("T09:00:00+01:00"), "items[0].end", containsString("T09:30:00+01:00"));
        int planned = sessions.path("total");
        // 90 days of Tuesdays, 6 slots each, minus public holidays (none fall on a Tuesday in that window? count is checked loosely)
        assertEquals(0, planned % 6);

        romagne().post("/api/v1/offers/" + id + "/suspend").then().statusCode(200).body("status", equalTo("suspended"), "version", equalTo(3));
        given().get("/api/v1/offers/" + id).then().statusCode(404);
        romagne().queryParam("size", 100).get("/api/v1/offers/" + id + "/sessions").then()
                .body("total", equalTo(planned), "items.status", everyItem(equalTo("cancelled")),
                        "items.cancelReason", everyItem(equalTo("Offre suspendue")));
        romagne().post("/api/v1/offers/" + id + "/publish").then().statusCode(200);
        romagne().queryParam("size", 100).get("/api/v1/offers/" + id + "/sessions").then()
                .body("total", equalTo(planned), "items.status", everyItem(equalTo("planned")), "items.cancelReason", everyItem(nullValue()));

        romagne().post("/api/v1/offers/" + id + "/archive").then().statusCode(200).body("status", equalTo("archived"));
        romagne().post("/api/v1/offers/" + id + "/publish").then().statusCode(409);
        Map<String, Object> changed = Fixtures.permanence(ROMAGNE.id());
        changed.put("title", "Changement après archivage");
        put(id, changed).then().statusCode(409).body("detail", containsString("archivée"));
        romagne().get("/api/v1/offers/" + id).then().body("title", equalTo("Permanence conseiller numérique"));
    }

    @Test
    void postWithIdempotencyKeyCreatesOnce() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Fixtures.atelier(ROMAGNE.id());
        String id = romagne().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/offers")
                .then().statusCode(201).header("Location", containsString("/api/v1/offers/")).extract().path("id");
        romagne().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/offers")
                .then().statusCode(201).header("Idempotent-Replayed", "true").header("Location", containsString("/api/v1/offers/" + id))
                .body("id", equalTo(id), "version", equalTo(1));
        body.put("capacity", 12);
        romagne().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/offers")
                .then().statusCode(422).body("violations[0].field", equalTo("Idempotency-Key"));
        romagne().get("/api/v1/offers/" + id).then().body("capacity", equalTo(8));
        romagne().contentType(ContentType.JSON).body(body).post("/api/v1/offers").then().statusCode(201).body("id", notNullValue());
    }

    @Test
    void themesAreAClosedEnumerationWithStableCodes() {
        given().get("/api/v1/offers/themes").then().statusCode(200).body("$", hasSize(19),
                "code", hasItems("aide_demarches", "outils_quotidien", "impots", "france_travail", "sante", "caf", "ants",
                        "transports", "messagerie", "smartphone", "visio_famille", "securite_arnaques"),
                "find { it.code == 'smartphone' }.parent", equalTo("outils_quotidien"));
    }

    @Test
    void openApiDocumentsEveryEndpoint() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/offers'.get.summary", equalTo("Rechercher des offres"))
                .body("paths.'/api/v1/offers/{id}'.put.responses.'422'", notNullValue())
                .body("paths.'/api/v1/offers/{id}/sessions'.get.responses.'200'", notNullValue())
                .body("paths.'/api/v1/offers/next-available'.get.responses.'200'", notNullValue())
                .body("paths.'/api/v1/offers/{id}/publish'.post.responses.'409'", notNullValue());
    }
}
