package fr.maillage.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The review's findings on the pages (A2, A3, A5–A8, focus ring, error title), each proved against {@link FakeApi}. */
@QuarkusTest
class ReviewFollowUpPagesTest {
    static final String BASE = "/reservations/" + FakeApi.BOOKING;

    @AfterEach
    void reset() {
        FakeApi.STATUS.put(FakeApi.BOOKING, "confirmed");
        FakeApi.codeSentTo = null;
    }

    static Response post(String path, CitizenPagesTest.Csrf c, String... params) {
        var r = given().config(CitizenPagesTest.NO_REDIRECTS).cookie("maillage-csrf", c.cookie())
                .contentType("application/x-www-form-urlencoded").formParam("csrf", c.field());
        for (int i = 0; i + 1 < params.length; i += 2) {
            r = r.formParam(params[i], params[i + 1]);
        }
        return r.when().post(path);
    }

    /** A3: « Confirmer » pressed twice on a slow connection: the second answer goes to the confirmation, not « non confirmée ». */
    @Test
    void aSecondConfirmOnAConfirmedBookingGoesToTheConfirmation() {
        FakeApi.STATUS.put(FakeApi.BOOKING, "pending");
        CitizenPagesTest.Csrf c = CitizenPagesTest.csrf(given().when().get(BASE + "/code"));
        post(BASE + "/code", c, "code", "123456").then().statusCode(303).header("Location", BASE + "/confirmation");
        // the same form again: the API says 409 (no longer pending), the booking is confirmed
        post(BASE + "/code", c, "code", "123456").then().statusCode(303).header("Location", BASE + "/confirmation");
        post(BASE + "/code/nouveau", c).then().statusCode(303).header("Location", BASE + "/confirmation");
        given().when().get(BASE + "/confirmation").then().statusCode(200)
                .body(allOf(containsString("Votre rendez-vous est confirmé"), not(containsString("non confirmée"))));
        // an expired booking still says « non confirmée »
        FakeApi.STATUS.put(FakeApi.BOOKING, "expired");
        post(BASE + "/code", c, "code", "123456").then().statusCode(409).body(containsString("Réservation non confirmée"));
    }

    /** A2: the code page says where booking-service really sent the code (codeSentTo), else today's guess. */
    @Test
    void theCodePageSaysWhereTheCodeWent() {
        FakeApi.STATUS.put(FakeApi.BOOKING, "pending");
        FakeApi.codeSentTo = "email";
        given().when().get(BASE + "/code").then().statusCode(200)
                .body(allOf(containsString("par e-mail à l&#39;adresse c•••@exemple.fr"), not(containsString("•• 78"))));
        FakeApi.codeSentTo = "sms";
        given().when().get(BASE + "/code").then().statusCode(200)
                .body(allOf(containsString("par SMS au numéro •• •• •• •• 78"), not(containsString("exemple.fr"))));
        FakeApi.codeSentTo = null;
        given().when().get(BASE + "/code").then().statusCode(200).body(containsString("au numéro •• •• •• •• 78"));
    }

    /** A2: a landline without e-mail: booking's 422 person.phone is shown next to the phone field. */
    @Test
    void aLandlineWithoutEmailIsRefusedNextToThePhoneField() {
        String book = "/offres/" + FakeApi.OFFER + "/reserver";
        CitizenPagesTest.Csrf c = CitizenPagesTest.csrf(given().when().get(book + "?creneau=" + FakeApi.SLOT_FREE));
        post(book, c, "creneau", FakeApi.SLOT_FREE, "prenom", "Camille", "telephone", "02 99 12 34 56", "consentement", "oui")
                .then().statusCode(422).body(allOf(containsString("id=\"telephone-erreur\""),
                        containsString("Ce numéro ne reçoit pas de SMS"), containsString("aria-invalid=\"true\""),
                        containsString("<title>Erreur – ")));
    }

    /** A5 + A7: the confirmation page's words follow booking's deadlines only (null = not possible). */
    @Test
    void theConfirmationPromisesOnlyWhatTheDeadlinesAllow() {
        FakeApi.STATUS.put(FakeApi.BOOKING, "confirmed");
        given().when().get(BASE + "/confirmation").then().statusCode(200)
                .body(allOf(containsString("Pour voir, changer ou annuler ce rendez-vous"), not(containsString("déplacer"))));
        FakeApi.STATUS.put(FakeApi.BOOKING, "waitlisted");
        given().when().get(BASE + "/confirmation").then().statusCode(200)
                .body(allOf(containsString("Pour voir ou annuler ce rendez-vous"), not(containsString("changer"))));
        given().when().get("/rdv/" + FakeApi.TOKEN).then().statusCode(200)
                .body(allOf(containsString(">Annuler le rendez-vous</button>"), not(containsString(">Changer de créneau</button>"))));
        FakeApi.STATUS.put(FakeApi.BOOKING, "attended");
        given().when().get(BASE + "/confirmation").then().statusCode(200)
                .body(allOf(containsString("Pour voir ce rendez-vous"), not(containsString("annuler ce rendez-vous"))));
        given().when().get("/rdv/" + FakeApi.TOKEN).then().statusCode(200)
                .body(allOf(not(containsString(">Annuler le rendez-vous</button>")), not(containsString(">Changer de créneau</button>"))));
    }

    /** A6: the consent says how long the data are really kept. */
    @Test
    void theConsentSaysTheDataAreErasedAtTheLatest24MonthsAfter() {
        given().when().get("/offres/" + FakeApi.OFFER + "/reserver?creneau=" + FakeApi.SLOT_FREE).then().statusCode(200)
                .body(allOf(containsString("Ils sont effacés au plus tard 24 mois après le rendez-vous."),
                        not(containsString("Ils sont effacés après le rendez-vous."))));
    }

    /** A8: what the search reads per offer is kept: a second search does not read the offer again. */
    @Test
    void aSecondSearchDoesNotReadEachOfferAgain() {
        given().queryParam("commune", "Romagné").when().get("/").then().statusCode(200)
                .body(containsString("Commune de Romagné"));
        int after = FakeApi.OFFER_READS.get();
        for (int i = 0; i < 3; i++) {
            given().queryParam("commune", "Romagné").when().get("/").then().statusCode(200)
                    .body(containsString("Commune de Romagné"));
        }
        assertEquals(after, FakeApi.OFFER_READS.get(), "GET /offers/{id} is read once per 10 minutes, not per search");
    }

    /** A partner-supplied web site becomes a link only when it is http(s). */
    @Test
    void aPlaceWebSiteIsALinkOnlyWhenHttp() {
        given().when().get("/lieux/" + FakeApi.PLACE).then().statusCode(200).body(not(containsString("javascript:")));
    }

    /** RGAA 8.6: a search that failed says « Erreur » in the page title. */
    @Test
    void aSearchErrorIsInTheTitle() {
        given().queryParam("commune", "Zzyzx").when().get("/").then().body(containsString("<title>Erreur – "));
        given().when().get("/").then().statusCode(200).body(not(containsString("<title>Erreur")));
    }

    /** WCAG 1.4.11: the focus ring is dark on white and yellow against the blue header (>= 3:1 both). */
    @Test
    void theFocusRingContrastsAtLeast3To1() {
        String css = given().when().get("/static/site.css").then().statusCode(200).extract().asString();
        assertTrue(css.contains(":focus-visible { outline: 3px solid #1b1b1b;") && css.contains("box-shadow: 0 0 0 2px #ffbf47"),
                "two-tone focus ring");
        assertTrue(contrast("1b1b1b", "ffffff") >= 3 && contrast("ffbf47", "0b4f8a") >= 3);
        assertTrue(!css.contains("#e3a100"), "the old 2.2:1 amber ring is gone");
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
