package fr.maillage.system.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Bookings;
import fr.maillage.system.Demo;
import fr.maillage.system.Infra;
import fr.maillage.system.People;
import fr.maillage.system.SmsStub;
import io.restassured.RestAssured;

/**
 * notification-service killed with kill -9 in the middle of a fan-out (hundreds of confirmations due
 * at once) and restarted: no message lost, none sent twice. "Sent" is what the SMS provider accepts:
 * each message carries its notification's reference as Idempotency-Key, so a message the dead process
 * may have handed over just before dying is recognised, not doubled.
 */
class NotificationKilledDuringFanOutTest {
    private static final int PEOPLE = 300;

    @Test
    void killNineMidBatchLosesNothingAndDoublesNothing() throws Exception {
        String offerId = UUID.randomUUID().toString();
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(6);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_CCAS_MARIGNY"), Demo.id("PARTNER_CCAS_MARIGNY"),
                "atelier_collectif", PEOPLE, 120, List.of(new AdHocOffers.Session(day, LocalTime.of(14, 0), LocalTime.of(16, 0))));
        String slotId = (String) AdHocOffers.publish(offerId, offer, 1).get(0).get("id");

        // the confirmations pile up while notification-service is away, then go out in one fan-out
        Infra.run("./services.sh", "stop", "notification");
        List<People.Mobile> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            People.Mobile mobile = People.newMobile();
            assertEquals(201, Bookings.book(slotId, mobile, "Envoi").statusCode());
            people.add(mobile);
        }
        String slowProvider = slowDownProvider();
        try {
            // back up: its worker starts sending a couple of seconds later, against a slow provider
            Infra.run("./services.sh", "start", "notification");
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> delivered(people) >= PEOPLE / 5);
            Infra.killNine(Infra.pid("notification"));
            int atKill = delivered(people);
            assertTrue(atKill < PEOPLE, "the kill came too late to test anything: " + atKill + " already sent");
            Infra.run("./services.sh", "start", "notification");
        } finally {
            RestAssured.given().baseUri("http://127.0.0.1:8089").when().delete("/__admin/mappings/" + slowProvider);
        }

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> delivered(people) == PEOPLE);
        Thread.sleep(5_000); // a late duplicate would show up now
        Map<String, List<SmsStub.Sms>> byPhone = SmsStub.all().stream().collect(Collectors.groupingBy(SmsStub.Sms::to));
        for (People.Mobile p : people) {
            List<SmsStub.Sms> sms = byPhone.get(p.e164());
            assertEquals(1, sms.stream().map(SmsStub.Sms::reference).collect(Collectors.toSet()).size(),
                    "one message (one reference) for " + p.e164() + ": " + sms);
        }
    }

    /** How many of these people the provider has a message for. */
    private static int delivered(List<People.Mobile> people) {
        java.util.Set<String> reached = SmsStub.all().stream().map(SmsStub.Sms::to).collect(Collectors.toSet());
        return (int) people.stream().filter(p -> reached.contains(p.e164())).count();
    }

    /** The provider answers in 1 s for the duration of the test, so the fan-out lasts a few seconds. */
    private static String slowDownProvider() {
        return RestAssured.given().baseUri("http://127.0.0.1:8089").contentType("application/json").body("""
                {"priority": 1, "request": {"method": "POST", "urlPath": "/messages"},
                 "response": {"status": 201, "fixedDelayMilliseconds": 1000, "headers": {"Content-Type": "application/json"},
                              "jsonBody": {"id": "slow", "status": "accepted"}}}""")
                .when().post("/__admin/mappings").then().statusCode(201).extract().path("id");
    }
}
