package fr.maillage.system.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.People;

/**
 * Issue 17 item 5: a full session offers the waiting list. The only seat of a session is taken (through the API, by the
 * commune's own application); in Chromium, from the results near Romagné through the place's page, the offer page shows « Liste d'attente » for it; the person signs up with
 * the code from the SMS and the confirmation page says they are on the waiting list; the API agrees (waitlisted) and
 * the seat count never goes above capacity.
 */
class FullSessionWaitingListInTheBrowserTest {

    @Test
    void aFullSessionOffersTheWaitingList() {
        CitizenSite.TestOffer offer = CitizenSite.publishOffer("complet", 1, 3);
        String slotId = offer.slotIds().get(0);
        People.Mobile first = People.newMobile();
        Gateway.asPartnerApp(Demo.id("PARTNER_ROMAGNE")).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", "Premier", "phone", first.national(), "smsConsent", true, "emailConsent", false),
                "need", Map.of("theme", CitizenSite.THEME),
                "bookedBy", "citizen"))
                .when().post("/api/v1/bookings").then().statusCode(201);
        assertEquals(0, ((Number) AdHocOffers.slot(slotId).get("remaining")).intValue(), "the session is full");

        People.Mobile mobile = People.newMobile();
        try (AuditedBrowser b = AuditedBrowser.open("liste-d-attente", true)) {
            Page page = b.page();
            CitizenSite.searchNearRomagne(b);
            // a full session has no next free slot: the offer is reached through its place's page
            CitizenSite.openPlaceThenOffer(b, offer);
            assertTrue(CitizenSite.text(page).contains("Liste d'attente") || CitizenSite.text(page).contains("liste d'attente"),
                    "the full session offers the waiting list: " + b.describe());
            CitizenSite.chooseSession(b, "[Ll]iste d.attente", 0);
            CitizenSite.fillAndBook(b, "Lucienne", mobile, null);
            CitizenSite.typeCode(b, CitizenSite.codeFromSms(mobile, 1));
            assertTrue(page.url().endsWith("/confirmation"), "confirmation: " + b.describe());
            b.checkpoint("confirmation-attente");
            String text = CitizenSite.text(page).toLowerCase();
            assertTrue(text.contains("liste d'attente") || text.contains("liste d’attente"),
                    "the confirmation says: waiting list: " + AuditedBrowser.mask(text));

            String link = CitizenSite.linkFromSms(mobile);
            assertEquals("waitlisted", CitizenBooksMovesAndCancelsInTheBrowserTest.self(link.substring(link.lastIndexOf('/') + 1))
                    .getString("status"));
            Map<String, Object> slot = AdHocOffers.slot(slotId);
            assertEquals(1, ((Number) slot.get("confirmed")).intValue(), "capacity 1: " + slot);
            assertEquals(1, ((Number) slot.get("waitlisted")).intValue(), "one person waiting: " + slot);
            b.go(link);
            b.checkpoint("rdv-attente");
            b.done();
        }
    }
}
