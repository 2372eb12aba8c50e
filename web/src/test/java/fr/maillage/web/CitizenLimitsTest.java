package fr.maillage.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Review A1: every citizen reaches the API as the one caller maillage-web, so web limits the forms per citizen address
 * (the gateway's X-Forwarded-For, trusted from 127.0.0.1 only): 10 booking forms per 10 minutes, 20 code forms per hour,
 * 20 change/cancel forms per 10 minutes by default. Over it: a 429 page in French with Retry-After; another address
 * still goes through; a form refused by its CSRF check costs nothing.
 */
@QuarkusTest
class CitizenLimitsTest {
    static final String BOOK = "/offres/" + FakeApi.OFFER + "/reserver";

    static Response post(String path, CitizenPagesTest.Csrf c, String address, String... params) {
        var r = given().config(CitizenPagesTest.NO_REDIRECTS).header("X-Forwarded-For", address)
                .cookie("maillage-csrf", c.cookie()).contentType("application/x-www-form-urlencoded").formParam("csrf", c.field());
        for (int i = 0; i + 1 < params.length; i += 2) {
            r = r.formParam(params[i], params[i + 1]);
        }
        return r.when().post(path);
    }

    static CitizenPagesTest.Csrf bookingForm() {
        return CitizenPagesTest.csrf(given().when().get(BOOK + "?creneau=" + FakeApi.SLOT_FREE));
    }

    @Test
    void tenBookingFormsPerAddressThenA429PageAnotherAddressStillBooks() {
        CitizenPagesTest.Csrf c = bookingForm();
        String flooder = "203.0.113.7";
        // forms without their CSRF token are refused before they count
        for (int i = 0; i < 5; i++) {
            given().config(CitizenPagesTest.NO_REDIRECTS).header("X-Forwarded-For", flooder)
                    .contentType("application/x-www-form-urlencoded").formParam("creneau", FakeApi.SLOT_FREE)
                    .when().post(BOOK).then().statusCode(400);
        }
        // ten forms (here without consent: 422, nothing sent to the API) go through the limit
        for (int i = 0; i < 10; i++) {
            post(BOOK, c, flooder, "creneau", FakeApi.SLOT_FREE, "prenom", "Camille", "telephone", "06123456" + (10 + i))
                    .then().log().ifValidationFails().statusCode(422);
        }
        Response refused = post(BOOK, c, flooder, "creneau", FakeApi.SLOT_FREE, "prenom", "Camille", "telephone", "0612345699",
                "consentement", "oui");
        refused.then().statusCode(429).contentType(containsString("text/html"))
                .body(allOf(containsString("Trop de demandes"), containsString("pas été enregistrée"),
                        containsString("Attendez 1 minute")));
        long retry = Long.parseLong(refused.getHeader("Retry-After"));
        assertTrue(retry > 0 && retry <= 60, "Retry-After " + retry);
        assertEquals("no-referrer", refused.getHeader("Referrer-Policy"));
        assertTrue(refused.getHeader("Content-Security-Policy").contains("script-src 'self'"));

        // another citizen, through the same gateway, is not affected
        post(BOOK, c, "203.0.113.8", "creneau", FakeApi.SLOT_FREE, "prenom", "Dominique", "telephone", "0612345600")
                .then().statusCode(422);
    }

    @Test
    void codeFormsAndNewCodesShareTwentyAnHourPerAddress() {
        FakeApi.STATUS.put(FakeApi.BOOKING, "pending");
        try {
            String code = "/reservations/" + FakeApi.BOOKING + "/code";
            CitizenPagesTest.Csrf c = CitizenPagesTest.csrf(given().when().get(code));
            String address = "2001:db8::17";
            for (int i = 0; i < 19; i++) {
                post(code, c, address, "code", "12").then().statusCode(422);
            }
            post(code + "/nouveau", c, address).then().statusCode(303);
            post(code + "/nouveau", c, address).then().statusCode(429).header("Retry-After", s -> Long.parseLong(s) > 60
                    ? s : null, org.hamcrest.Matchers.notNullValue()).body(containsString("Attendez 3 minutes"));
            post(code, c, address, "code", "123456").then().statusCode(429);
            post(code, c, "203.0.113.9", "code", "12").then().statusCode(422);
        } finally {
            FakeApi.STATUS.put(FakeApi.BOOKING, "confirmed");
        }
    }

    @Test
    void onlyTheGatewayIsTrustedToGiveTheAddressByDefault() {
        // X-Forwarded-For counts only from the gateway (trusted proxies): from 127.0.0.1 here, so it is honoured; the
        // configuration says so for the deployed site.
        String trusted = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.http.proxy.trusted-proxies", String.class);
        assertEquals("127.0.0.1,::1", trusted);
    }
}
