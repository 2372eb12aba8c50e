package fr.maillage.system.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.client.ApiClient;
import fr.maillage.client.ApiException;
import fr.maillage.client.ApiResponse;
import fr.maillage.client.api.BookingsApi;
import fr.maillage.client.api.OffresApi;
import fr.maillage.client.model.AvailableSession;
import fr.maillage.client.model.AvailableSessionPage;
import fr.maillage.client.model.BookingRequest;
import fr.maillage.client.model.BookingResponse;
import fr.maillage.client.model.Cancel;
import fr.maillage.client.model.Need;
import fr.maillage.client.model.OfferHit;
import fr.maillage.client.model.OfferHitPage;
import fr.maillage.client.model.Person;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.Tokens;

/**
 * Issue 22, item 2: a département portal books for a citizen with the Java client generated from the merged OpenAPI
 * document (clients/, fr.maillage.client) and nothing else against the gateway — the way a partner app would.
 * <ol>
 * <li>the portal (Keycloak client {@code portail-departement-35}, acting for France Services de Fougères) gets its
 * token by client credentials;</li>
 * <li>it searches the help near Romagné, then the next sessions there with a free seat, and picks one whose offer
 * lets a partner app book;</li>
 * <li>it books it for a citizen with an {@code Idempotency-Key}; the same request again answers the same booking
 * ({@code Idempotent-Replayed: true}, no second booking), and the key reused for another request is refused (422,
 * problem+json, surfaced by the client as an {@code ApiException});</li>
 * <li>it reads the booking back, cancels it, and reads it cancelled.</li>
 * </ol>
 * Fails when the generated client does not match what the services answer (a path, a parameter, a field, an enum
 * value of the document that the services do not honour), and before issue 22 (no generated client).
 */
class DepartementPortalBooksWithGeneratedClientTest {
    private static final String ROMAGNE = "35243";
    private static final String FRANCE_SERVICES = Demo.id("PARTNER_FRANCE_SERVICES");

    @Test
    void portalSearchesBooksReadsAndCancelsWithTheGeneratedJavaClient() throws ApiException {
        // 1. the portal's token (Keycloak, client credentials) on every request of the generated client
        String token = Tokens.fromKeycloak("portail-departement-35", "portail-departement-35-dev-secret");
        ApiClient api = new ApiClient().setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        api.updateBaseUri(Gateway.URL);
        OffresApi offers = new OffresApi(api);
        BookingsApi bookings = new BookingsApi(api);

        // 2. the help near Romagné for administrative procedures, then its next sessions with a free seat
        OfferHitPage found = offers.searchOffers(OffresApi.APISearchOffersRequest.newBuilder()
                .near(ROMAGNE).radiusKm("30").theme("aide_demarches").build());
        List<OfferHit> hits = found.getItems();
        assertFalse(hits.isEmpty(), "no offer for démarches administratives near Romagné");
        assertTrue(hits.stream().allMatch(hit -> hit.getThemes().contains("aide_demarches")), "every hit has the theme: " + hits);

        AvailableSessionPage next = offers.listNextAvailableSessions(OffresApi.APIListNextAvailableSessionsRequest.newBuilder()
                .near(ROMAGNE).theme("aide_demarches").size("20").build());
        List<AvailableSession> sessions = next.getItems();
        // each offer's booking rules say who may book (the Mission locale's permanence takes citizens and agents only)
        AvailableSession session = sessions.stream()
                .filter(s -> bookableByPartnerApp(offers, s.getOfferId()))
                .findFirst().orElseThrow(() -> new AssertionError("no session near Romagné bookable by a partner app: " + sessions));
        assertTrue(session.getRemaining() > 0, "a session with a free seat: " + session);

        // 3. booked for a citizen, with an Idempotency-Key
        People.Mobile mobile = People.newMobile();
        BookingRequest request = new BookingRequest()
                .slotId(session.getSessionId())
                .person(new Person().firstName("Gisèle").phone(mobile.national()).smsConsent(true).emailConsent(false))
                .need(new Need().theme("aide_demarches").text("Faire ma demande de carte Vitale en ligne"))
                .bookedBy(BookingRequest.BookedByEnum.PARTNER_APP)
                .partnerId(UUID.fromString(FRANCE_SERVICES));
        String key = "portail-35-" + UUID.randomUUID();
        ApiResponse<BookingResponse> created = bookings.createBookingWithHttpInfo(request, key);
        assertEquals(201, created.getStatusCode());
        BookingResponse booking = created.getData();
        assertEquals(BookingResponse.StatusEnum.CONFIRMED, booking.getStatus());
        assertEquals(session.getSessionId(), booking.getSlotId());
        assertEquals(mobile.e164(), booking.getPerson().getPhone());
        assertEquals(UUID.fromString(FRANCE_SERVICES), booking.getBookerOrg(), "the token's organisation is recorded");
        assertNotNull(booking.getSelfServiceUrl(), "the citizen's personal link");
        assertEquals(null, header(created, "Idempotent-Replayed"), "a first answer is not a replay");

        // the portal retries (a lost answer): the same booking, flagged as a replay, and no second one
        ApiResponse<BookingResponse> replayed = bookings.createBookingWithHttpInfo(request, key);
        assertEquals(201, replayed.getStatusCode());
        assertEquals(booking.getId(), replayed.getData().getId());
        assertEquals("true", header(replayed, "Idempotent-Replayed"));
        // the same key for another request is refused, as problem+json naming the header
        request.getNeed().text("Une autre demande");
        ApiException reused = assertThrows(ApiException.class, () -> bookings.createBooking(request, key));
        assertEquals(422, reused.getCode(), reused.getResponseBody());
        assertTrue(reused.getResponseHeaders().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(reused.getResponseBody().contains("Idempotency-Key"), reused.getResponseBody());

        // 4. read back, cancelled by the structure at the citizen's request, read cancelled
        BookingResponse read = bookings.getBooking(booking.getId());
        assertEquals(BookingResponse.StatusEnum.CONFIRMED, read.getStatus());
        assertEquals(booking.getStart(), read.getStart());
        assertEquals(session.getSessionId(), read.getSlotId());
        assertEquals(mobile.e164(), read.getPerson().getPhone());

        BookingResponse cancelled = bookings.cancelBooking(booking.getId(),
                new Cancel().cancelledBy(Cancel.CancelledByEnum.SERVICE).reason("La personne a trouvé une aide plus près de chez elle"));
        assertEquals(BookingResponse.StatusEnum.CANCELLED_BY_SERVICE, cancelled.getStatus());
        assertEquals(BookingResponse.StatusEnum.CANCELLED_BY_SERVICE, bookings.getBooking(booking.getId()).getStatus());
    }

    private static boolean bookableByPartnerApp(OffresApi offers, UUID offerId) {
        try {
            return offers.getOffer(offerId.toString()).getBookingRules().getAllowedBookers().contains("partner_app");
        } catch (ApiException e) {
            throw new AssertionError("offer " + offerId + " not readable: " + e.getCode() + " " + e.getResponseBody(), e);
        }
    }

    /** A response header's value (names are case-insensitive), or null. */
    private static String header(ApiResponse<?> response, String name) {
        return response.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
}
