package fr.maillage.offers.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
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
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * An offer only names places and partners the catalogue knows from the directory's events (read models of
 * directory.places.v1 and directory.partners.v1): an unknown or deleted one is a 422 naming the field, with a French
 * detail, and nothing is stored (no offer, no event). A partner or place created in the directory a moment ago may
 * not have arrived yet: the detail says to retry shortly, and the same request succeeds once the event is consumed.
 * Places of Laval (no other test searches there).
 */
@QuarkusTest
class ReferenceChecksTest {
    static final Place LAVAL = Place.near("Maison de quartier des Pommeraies", "53130", "Laval", "53000", 48.0700, -0.7700);
    static final Place OTHER = Place.near("Espace numérique du Bourny", "53130", "Laval", "53000", 48.0600, -0.7500);

    @Inject
    EntityManager em;

    @BeforeAll
    static void places() {
        Fixtures.publishPlaceAndWait(LAVAL);
        Fixtures.publishPlaceAndWait(OTHER);
    }

    private static ValidatableResponse put(RequestSpecification as, UUID id, Map<String, Object> body) {
        return as.contentType(ContentType.JSON).body(body).put("/api/v1/offers/" + id).then();
    }

    private static Map<String, Object> at(Place place, UUID partnerId) {
        Map<String, Object> body = new HashMap<>(Fixtures.permanence(place.id()));
        if (partnerId != null) {
            body.put("partnerId", partnerId.toString());
        }
        return body;
    }

    private long offersOf(UUID partnerId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM offer WHERE partner_id = :p").setParameter("p", partnerId).getSingleResult()).longValue());
    }

    private long outboxRowsOf(UUID offerId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE aggregate_id = :a").setParameter("a", offerId.toString()).getSingleResult())
                .longValue());
    }

    private boolean placeDeleted(UUID placeId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM place_ref WHERE id = :id AND deleted").setParameter("id", placeId).getSingleResult())
                .intValue() == 1);
    }

    private static void assertRefused(ValidatableResponse r, String field, String messagePart) {
        r.statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422), "type", equalTo("https://maillage.fr/problemes/regle-non-respectee"), "title", equalTo("Règle non respectée"),
                        "violations.field", hasItem(field), "violations.message", hasItem(containsString(messagePart)));
    }

    @Test
    void anUnknownPartnerIs422NamingPartnerIdAndNothingIsStoredUntilItsEventArrives() {
        UUID partner = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        // an admin (any partner) and the partner's own application (its org passes the 403 check) alike
        for (RequestSpecification as : List.of(Tokens.asAdmin(), Tokens.as(Tokens.partnerApp(partner)))) {
            ValidatableResponse r = put(as, id, at(LAVAL, partner));
            assertRefused(r, "partnerId", "Structure inconnue : " + partner);
            r.body("violations", hasSize(1), "field", equalTo("partnerId"),
                    "detail", containsString("réessayez dans un instant"));
        }
        assertRefused(Tokens.asAdmin().contentType(ContentType.JSON).body(at(LAVAL, partner)).post("/api/v1/offers").then(),
                "partnerId", "n'est pas dans l'annuaire");
        Tokens.asAdmin().get("/api/v1/offers/" + id).then().statusCode(404);
        assertEquals(0, offersOf(partner));
        assertEquals(0, outboxRowsOf(id));

        // The directory's event arrives: the same request now succeeds.
        Fixtures.publishPartner(partner, "Association Laval numérique", 1, false);
        Fixtures.awaitPartner(partner, 1);
        put(Tokens.as(Tokens.partnerApp(partner)), id, at(LAVAL, partner)).statusCode(201).body("partnerId", equalTo(partner.toString()));
    }

    @Test
    void aPartnerNamedByAKnownPlaceIsKnownEvenBeforeItsOwnEvent() {
        // Fixtures publish places only: their partners never come on directory.partners.v1. The directory keeps no
        // place without its partner, so a place of the read model vouches for its partner (events of two topics).
        put(Tokens.as(Tokens.partnerApp(LAVAL.partnerId())), UUID.randomUUID(), at(LAVAL, null)).statusCode(201)
                .body("partnerId", equalTo(LAVAL.partnerId().toString()));
        // ... also as the partner of an offer held at another partner's place
        put(Tokens.asAdmin(), UUID.randomUUID(), at(OTHER, LAVAL.partnerId())).statusCode(201)
                .body("partnerId", equalTo(LAVAL.partnerId().toString()), "placeId", equalTo(OTHER.id().toString()));
    }

    @Test
    void aDeletedPartnerIsRefusedWhetherNamedOrTheDefaultOfThePlace() {
        UUID gone = UUID.randomUUID();
        Fixtures.publishPartner(gone, "Association dissoute", 1, false);
        Fixtures.publishPartner(gone, "Association dissoute", 2, true);
        Fixtures.awaitPartner(gone, 2);
        UUID id = UUID.randomUUID();
        assertRefused(put(Tokens.asAdmin(), id, at(LAVAL, gone)), "partnerId", "Structure retirée de l'annuaire : " + gone);

        // A place whose partner was deleted (its move to another partner not consumed yet): its default partner is refused,
        // naming the place; naming a known partner instead works.
        Place orphan = Place.near("Salle polyvalente", "53130", "Laval", "53000", 48.0650, -0.7600);
        Place moved = new Place(orphan.id(), gone, orphan.name(), orphan.insee(), orphan.commune(), orphan.postalCode(),
                orphan.lat(), orphan.lon(), List.of());
        Fixtures.publishPlaceAndWait(moved);
        ValidatableResponse r = put(Tokens.asAdmin(), id, at(moved, null));
        assertRefused(r, "partnerId", "La structure porteuse du lieu " + moved.id());
        r.body("violations[0].message", containsString("indiquez dans partnerId"));
        Tokens.asAdmin().get("/api/v1/offers/" + id).then().statusCode(404);
        put(Tokens.asAdmin(), id, at(moved, LAVAL.partnerId())).statusCode(201);
    }

    @Test
    void aDraftWhosePartnerWasDeletedSinceIsNotPublished() {
        UUID leaving = UUID.randomUUID();
        Fixtures.publishPartner(leaving, "Association qui ferme", 1, false);
        Fixtures.awaitPartner(leaving, 1);
        UUID id = UUID.randomUUID();
        put(Tokens.asAdmin(), id, at(LAVAL, leaving)).statusCode(201).body("status", equalTo("draft"));
        Fixtures.publishPartner(leaving, "Association qui ferme", 2, true);
        Fixtures.awaitPartner(leaving, 2);
        long events = outboxRowsOf(id);
        assertRefused(Tokens.asAdmin().post("/api/v1/offers/" + id + "/publish").then(), "partnerId",
                "La structure " + leaving + " a été retirée de l'annuaire");
        Tokens.asAdmin().get("/api/v1/offers/" + id).then().statusCode(200).body("status", equalTo("draft"));
        assertEquals(events, outboxRowsOf(id), "no event for a refused publication");
    }

    @Test
    void unknownPlacesAnywhereInTheOfferAreNamedAllAtOnce() {
        UUID unknownPlace = UUID.randomUUID();
        UUID unknownPartner = UUID.randomUUID();
        String today = LocalDate.now().toString();
        Map<String, Object> body = at(LAVAL, unknownPartner);
        body.put("schedule", Map.of(
                "rules", List.of(Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "startDate", today, "startTime", "09:00", "endTime", "12:00",
                        "placeId", unknownPlace.toString())),
                "oneOffs", List.of(Map.of("date", LocalDate.now().plusDays(3).toString(), "startTime", "14:00", "endTime", "16:00",
                        "placeId", OTHER.id().toString()),
                        Map.of("date", LocalDate.now().plusDays(4).toString(), "startTime", "14:00", "endTime", "16:00",
                                "placeId", unknownPlace.toString()))));
        UUID id = UUID.randomUUID();
        ValidatableResponse r = put(Tokens.asAdmin(), id, body);
        assertRefused(r, "partnerId", "Structure inconnue");
        assertRefused(r, "schedule.rules[0].placeId", "Lieu inconnu : " + unknownPlace);
        assertRefused(r, "schedule.oneOffs[1].placeId", "réessayez dans un instant");
        r.body("violations", hasSize(3), "violations.field", not(hasItem("schedule.oneOffs[0].placeId")));
        Tokens.asAdmin().get("/api/v1/offers/" + id).then().statusCode(404);
        assertEquals(0, outboxRowsOf(id));

        // The offer's own place, unknown then deleted.
        Place late = Place.near("Tiers-lieu du Bourg-Hersent", "53130", "Laval", "53000", 48.0550, -0.7650);
        ValidatableResponse unknown = put(Tokens.asAdmin(), id, at(late, LAVAL.partnerId()));
        assertRefused(unknown, "placeId", "Lieu inconnu : " + late.id());
        unknown.body("violations", hasSize(1));
        Fixtures.publishPlaceAndWait(late);
        put(Tokens.asAdmin(), id, at(late, LAVAL.partnerId())).statusCode(201);
        Fixtures.deletePlace(late, 2);
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && !placeDeleted(late.id())) {
            Fixtures.sleep(200);
        }
        assertRefused(put(Tokens.asAdmin(), UUID.randomUUID(), at(late, LAVAL.partnerId())), "placeId",
                "Lieu retiré de l'annuaire : " + late.id());
    }

    @Test
    void anUpdateNamingAnUnknownPartnerChangesNothing() {
        UUID id = UUID.randomUUID();
        put(Tokens.asAdmin(), id, at(LAVAL, null)).statusCode(201).body("version", equalTo(1));
        long events = outboxRowsOf(id);
        Map<String, Object> changed = at(LAVAL, UUID.randomUUID());
        changed.put("title", "Changement refusé");
        assertRefused(put(Tokens.asAdmin(), id, changed), "partnerId", "Structure inconnue");
        Tokens.asAdmin().get("/api/v1/offers/" + id).then().statusCode(200)
                .body("version", equalTo(1), "partnerId", equalTo(LAVAL.partnerId().toString()),
                        "title", not(equalTo("Changement refusé")));
        assertEquals(events, outboxRowsOf(id));
    }
}
