package fr.maillage.offers.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.maillage.offers.Fixtures;
import fr.maillage.offers.Fixtures.Place;
import fr.maillage.offers.KafkaTestSupport;
import fr.maillage.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Search in the Somme (no other test puts offers there): Corbie and Fouilloy are 4 km apart, Abbeville is
 * 53 km away but its offer serves Corbie (mutualisation). Also remaining seats from booking.slots.v1.
 */
@QuarkusTest
class SearchTest {
    static final Place CORBIE = Place.near("Mairie de Corbie", "80212", "Corbie", "80800", 49.92165, 2.49753);
    static final Place FOUILLOY = Place.near("Mairie de Fouilloy", "80338", "Fouilloy", "80800", 49.88836, 2.50703);
    static final Place ABBEVILLE = Place.near("France Services Abbeville", "80001", "Abbeville", "80100", 50.11015, 1.8319);
    static UUID corbieImpots;
    static UUID fouilloySmartphone;
    static UUID abbevilleServing;
    static UUID draftAtCorbie;

    /** In @BeforeEach (once): REST Assured knows the test port only per test. */
    @BeforeEach
    void data() {
        if (corbieImpots != null) {
            return;
        }
        Fixtures.publishPlaceAndWait(CORBIE);
        Fixtures.publishPlaceAndWait(FOUILLOY);
        Fixtures.publishPlaceAndWait(ABBEVILLE);
        corbieImpots = Fixtures.createPublished(Fixtures.permanence(CORBIE.id()));
        fouilloySmartphone = Fixtures.createPublished(Fixtures.atelier(FOUILLOY.id()));
        Map<String, Object> serving = Fixtures.permanence(ABBEVILLE.id());
        serving.put("servedCommunes", List.of("80212", "80799"));
        serving.put("themes", List.of("caf"));
        serving.put("type", "aide_ponctuelle");
        abbevilleServing = Fixtures.createPublished(serving);
        draftAtCorbie = UUID.randomUUID();
        Map<String, Object> draft = Fixtures.atelier(CORBIE.id());
        Fixtures.asOwnerOf(draft).contentType("application/json").body(draft).put("/api/v1/offers/" + draftAtCorbie).then().statusCode(201);
    }

    private static List<String> ids(JsonPath page) {
        return page.getList("items.id");
    }

    @Test
    void nearCommuneSortsByDistanceAndIncludesOffersServingIt() {
        JsonPath page = given().queryParam("near", "80212").get("/api/v1/offers").then().statusCode(200)
                .header("X-Total-Count", "3").contentType(containsString("json")).extract().jsonPath();
        assertEquals(List.of(corbieImpots.toString(), fouilloySmartphone.toString(), abbevilleServing.toString()), ids(page));
        assertEquals(3, page.getInt("total"));
        assertTrue(page.getDouble("items[0].distanceKm") < 1.0);
        assertEquals(3.8, page.getDouble("items[1].distanceKm"), 0.3);
        assertTrue(page.getDouble("items[2].distanceKm") > 40);
        assertEquals(List.of(true, false, true), page.getList("items.servesSearchedCommune"));
        assertEquals("Corbie", page.getString("items[0].place.commune"));
        assertTrue(page.getString("items[0].nextSession.start").endsWith("T09:00:00+01:00"));
        // Outside the radius and not served: nothing from Abbeville when searching around Fouilloy with a small radius.
        given().queryParam("near", "80338").queryParam("radiusKm", "2").get("/api/v1/offers").then()
                .body("items.id", equalTo(List.of(fouilloySmartphone.toString())));
    }

    @Test
    void filtersByThemeIncludingFinerTopicsTypeAndPublic() {
        given().queryParam("near", "80212").queryParam("theme", "impots").get("/api/v1/offers").then()
                .body("items.id", equalTo(List.of(corbieImpots.toString())));
        // A standard service matches its finer topics: aide_demarches covers impots (Corbie) and caf (Abbeville).
        given().queryParam("near", "80212").queryParam("theme", "aide_demarches").get("/api/v1/offers").then()
                .body("items.id", equalTo(List.of(corbieImpots.toString(), abbevilleServing.toString())));
        given().queryParam("near", "80212").queryParam("theme", "outils_quotidien").get("/api/v1/offers").then()
                .body("items.id", equalTo(List.of(fouilloySmartphone.toString())));
        given().queryParam("near", "80212").queryParam("type", "aide_ponctuelle").get("/api/v1/offers").then()
                .body("items.id", equalTo(List.of(abbevilleServing.toString())));
        // Offers for "tout public" (or with no public) match any public.
        given().queryParam("near", "80212").queryParam("public", "seniors").get("/api/v1/offers").then().body("total", equalTo(3));
    }

    @Test
    void latLonSearchUsesTheRadiusOnly() {
        given().queryParam("near", "49.9216,2.4975").queryParam("radiusKm", "10").get("/api/v1/offers").then().statusCode(200)
                .body("items.id", equalTo(List.of(corbieImpots.toString(), fouilloySmartphone.toString())),
                        "items.servesSearchedCommune", everyItem(equalTo(false)));
    }

    @Test
    void paginationAndPeriod() {
        given().queryParam("near", "80212").queryParam("size", "1").queryParam("page", "1").get("/api/v1/offers").then()
                .body("items.id", equalTo(List.of(fouilloySmartphone.toString())), "total", equalTo(3), "page", equalTo(1), "size", equalTo(1));
        given().queryParam("near", "80212").queryParam("size", "2").queryParam("page", "5").get("/api/v1/offers").then()
                .body("items", hasSize(0), "total", equalTo(3));
        // A period without any session: offers still listed (no next session) unless available=true.
        String from = OffsetDateTime.now().plusYears(1).toLocalDate().toString();
        String to = OffsetDateTime.now().plusYears(1).plusDays(7).toLocalDate().toString();
        given().queryParam("near", "80212").queryParam("from", from).queryParam("to", to).get("/api/v1/offers").then()
                .body("total", equalTo(3), "items[0].nextSession", equalTo(null));
        given().queryParam("near", "80212").queryParam("from", from).queryParam("to", to).queryParam("available", "true")
                .get("/api/v1/offers").then().body("total", equalTo(0));
    }

    @Test
    void listingWithoutNearFiltersByStatusAndPlace() {
        // The partner's own app and an admin see the draft too; anonymous callers and other partners only what is published.
        Tokens.as(Tokens.partnerApp(CORBIE.partnerId())).queryParam("placeId", CORBIE.id().toString()).get("/api/v1/offers").then()
                .statusCode(200).body("total", equalTo(2));
        Tokens.asAdmin().queryParam("placeId", CORBIE.id().toString()).queryParam("status", "draft").get("/api/v1/offers").then()
                .body("items.id", equalTo(List.of(draftAtCorbie.toString())));
        Tokens.as(Tokens.agent(CORBIE.partnerId())).queryParam("placeId", CORBIE.id().toString()).queryParam("status", "draft")
                .get("/api/v1/offers").then().body("items.id", equalTo(List.of(draftAtCorbie.toString())));
        given().queryParam("placeId", CORBIE.id().toString()).get("/api/v1/offers").then().statusCode(200)
                .body("items.id", equalTo(List.of(corbieImpots.toString())), "total", equalTo(1));
        given().queryParam("placeId", CORBIE.id().toString()).queryParam("status", "draft").get("/api/v1/offers").then()
                .statusCode(200).body("total", equalTo(0));
        Tokens.as(Tokens.partnerApp(FOUILLOY.partnerId())).queryParam("partnerId", CORBIE.partnerId().toString()).get("/api/v1/offers")
                .then().body("items.id", equalTo(List.of(corbieImpots.toString())));
        // The search near a commune is the citizens' search: published offers only, even for the owner.
        Tokens.as(Tokens.partnerApp(CORBIE.partnerId())).queryParam("near", "80212").get("/api/v1/offers").then()
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(draftAtCorbie.toString())));
        given().queryParam("status", "bogus").get("/api/v1/offers").then().statusCode(422).body("violations[0].field", equalTo("status"));
    }

    @Test
    void badSearchInputIsAProblemNamingTheParameter() {
        record Case(String param, String value, int status) {
        }
        for (Case c : List.of(new Case("near", "Corbie", 400), new Case("near", "99999", 422), new Case("near", "91.0,2.0", 400),
                new Case("theme", "astrologie", 422), new Case("radiusKm", "500", 422), new Case("radiusKm", "loin", 400),
                new Case("size", "1000", 400), new Case("page", "-1", 400), new Case("type", "cours", 422),
                new Case("public", "martiens", 422), new Case("from", "demain", 400), new Case("available", "oui", 400))) {
            var request = given().queryParam(c.param(), c.value());
            if (!c.param().equals("near")) {
                request = request.queryParam("near", "80212");
            }
            request.get("/api/v1/offers").then().statusCode(c.status()).contentType("application/problem+json")
                    .body("violations[0].field", equalTo(c.param()), "detail", notNullValue());
        }
        given().queryParam("near", "80212").queryParam("from", "2027-01-10").queryParam("to", "2027-01-01").get("/api/v1/offers")
                .then().statusCode(422).body("violations[0].field", equalTo("to"));
        given().get("/api/v1/offers/next-available").then().statusCode(400).body("violations[0].field", equalTo("near"));
    }

    @Test
    void remainingSeatsFollowBookingAndNextAvailableSkipsFullSessions() {
        // The first bookable session near Corbie for the CAF theme is Abbeville's (it serves Corbie).
        JsonPath next = given().queryParam("near", "80212").queryParam("theme", "caf").get("/api/v1/offers/next-available")
                .then().statusCode(200).body("total", greaterThan(6)).extract().jsonPath();
        assertEquals(abbevilleServing.toString(), next.getString("items[0].offerId"));
        String first = next.getString("items[0].sessionId");
        String second = next.getString("items[1].sessionId");
        assertTrue(next.getString("items[0].start").compareTo(next.getString("items[1].start")) <= 0);
        int total = next.getInt("total");

        UUID slot = UUID.fromString(first);
        String full = KafkaTestSupport.envelope(UUID.randomUUID(), "SlotAvailabilityChanged", slot, 5,
                Map.of("slotId", first, "offerId", abbevilleServing.toString(), "capacity", 1, "confirmed", 1, "remaining", 0,
                        "waitlisted", 2, "status", "full"));
        KafkaTestSupport.send("booking.slots.v1", first, full);
        // An older availability arriving late must not reopen the slot.
        KafkaTestSupport.send("booking.slots.v1", first, KafkaTestSupport.envelope(UUID.randomUUID(), "SlotAvailabilityChanged", slot, 4,
                Map.of("slotId", first, "offerId", abbevilleServing.toString(), "capacity", 1, "confirmed", 0, "remaining", 1,
                        "waitlisted", 0, "status", "open")));
        long deadline = System.currentTimeMillis() + Duration.ofSeconds(30).toMillis();
        JsonPath after;
        int polls = 0;
        do {
            Fixtures.sleep(300);
            if (++polls % 10 == 0) {
                // The test consumer starts at the topic's end: redeliver (same eventId, so at most one effect)
                // in case it was produced before the consumer got its partitions.
                KafkaTestSupport.send("booking.slots.v1", first, full);
            }
            after = given().queryParam("near", "80212").queryParam("theme", "caf").get("/api/v1/offers/next-available").jsonPath();
        } while (!after.getString("items[0].sessionId").equals(second) && System.currentTimeMillis() < deadline);
        assertEquals(second, after.getString("items[0].sessionId"));
        assertEquals(total - 1, after.getInt("total"));
        Fixtures.sleep(1000); // leave time for the older event, which must change nothing
        given().queryParam("size", 1).get("/api/v1/offers/" + abbevilleServing + "/sessions").then()
                .body("items[0].id", equalTo(first), "items[0].remaining", equalTo(0), "items[0].confirmed", equalTo(1),
                        "items[0].waitlisted", equalTo(2), "items[0].status", equalTo("planned"));
        given().queryParam("near", "80212").queryParam("theme", "caf").queryParam("available", "true").get("/api/v1/offers").then()
                .body("items[0].nextSession.id", equalTo(second), "items[0].nextSession.remaining", equalTo(1));
        given().get("/api/v1/offers/" + abbevilleServing + "/sessions?from=2020-01-01&to=2030-01-01").then().statusCode(422)
                .body("violations[0].field", equalTo("to"));
        given().queryParam("size", 5).get("/api/v1/offers/" + abbevilleServing + "/sessions").then()
                .body("items", hasSize(5), "total", greaterThan(5), "items.remaining", everyItem(lessThan(2)));
    }
}
