package fr.maillage.system.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.People;

/**
 * Issue 17 item 5: a wrong code three times is refused. The page says how many tries are left (« Il vous reste 2
 * essai(s) », then 1), the field is marked invalid, and axe-core finds the error page accessible; the third wrong code
 * ends it (the booking expires, the held seat is free again, no confirmation SMS), and even the right code is refused
 * afterwards.
 */
class WrongCodeThreeTimesIsRefusedInTheBrowserTest {

    @Test
    void threeWrongCodesAndTheBookingIsRefused() {
        CitizenSite.TestOffer offer = CitizenSite.publishOffer("code", 2, 3);
        String slotId = offer.slotIds().get(0);
        People.Mobile mobile = People.newMobile();
        try (AuditedBrowser b = AuditedBrowser.open("code-faux-trois-fois", true)) {
            Page page = b.page();
            CitizenSite.searchNearRomagne(b);
            CitizenSite.openOffer(b, offer);
            CitizenSite.chooseSession(b, "Réserver", 0);
            CitizenSite.fillAndBook(b, "Marcel", mobile, null);
            assertEquals(1, ((Number) AdHocOffers.slot(slotId).get("remaining")).intValue(), "the seat is held while the code is awaited");
            String code = CitizenSite.codeFromSms(mobile, 1);
            String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);

            CitizenSite.typeCode(b, wrong);
            b.checkpoint("code-faux-1");
            assertTrue(CitizenSite.text(page).contains("Il vous reste 2 essai"), "2 tries left: " + b.describe() + " " + CitizenSite.text(page));
            assertEquals("true", page.getByLabel("Code reçu").getAttribute("aria-invalid"), "the field is marked invalid");

            CitizenSite.typeCode(b, wrong);
            b.checkpoint("code-faux-2");
            assertTrue(CitizenSite.text(page).contains("Il vous reste 1 essai"), "1 try left: " + CitizenSite.text(page));

            CitizenSite.typeCode(b, wrong);
            b.checkpoint("code-faux-3");
            String refused = CitizenSite.text(page);
            assertFalse(page.url().endsWith("/confirmation"), "no confirmation after three wrong codes");
            assertTrue(refused.contains("Réservation non confirmée") && refused.contains("Recommencer la réservation"),
                    "the page says the booking is not confirmed and to start again: " + refused);

            // the seat held for the code is free again, and the right code no longer works
            await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) AdHocOffers.slot(slotId).get("remaining")).intValue() == 2);
            if (page.getByLabel("Code reçu").count() > 0 && page.getByLabel("Code reçu").isEditable()) {
                CitizenSite.typeCode(b, code);
                b.checkpoint("code-juste-apres-refus");
            } else {
                b.go(page.url().replaceAll("(/reservations/[0-9a-f-]{36}).*", "$1/confirmation"));
                b.checkpoint("confirmation-refusee");
            }
            String after = CitizenSite.text(page);
            assertFalse(after.contains("/rdv/") || after.toLowerCase().contains("rendez-vous est confirmé"),
                    "the right code after the refusal confirms nothing: " + b.describe() + " " + after);
            assertEquals(2, ((Number) AdHocOffers.slot(slotId).get("remaining")).intValue());
            assertEquals(0, ((Number) AdHocOffers.slot(slotId).get("confirmed")).intValue());
            assertTrue(CitizenSite.codeSms(mobile).size() == fr.maillage.system.SmsStub.to(mobile.e164()).size(),
                    "no SMS but the code: " + CitizenSite.smsTexts(mobile));
            b.done();
        }
    }
}
