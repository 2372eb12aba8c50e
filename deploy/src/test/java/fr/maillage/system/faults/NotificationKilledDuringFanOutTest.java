package fr.maillage.system.faults;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
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
import fr.maillage.system.Gateway;
import fr.maillage.system.Infra;
import fr.maillage.system.People;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.SmsStub;
import io.restassured.RestAssured;

/**
 * notification-service killed with kill -9 in the middle of a fan-out (hundreds of confirmations due
 * at once) and restarted: no message lost, none sent twice. "Sent" is every request the SMS provider
 * received (the stub's raw journal, not distinct references: a re-send of the same message under the
 * same reference is a second SMS on the citizen's phone with a provider that does not deduplicate).
 * The messages the dead process had handed over, answers still in flight included, must be recognised
 * on restart by asking the provider (GET /messages/by-reference/{notification id}), not sent again:
 * after the kill the stub is told to remember them, as a real provider does.
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
        // meanwhile the gateway answers for it: 503 problem+json with Retry-After (not nginx's HTML 502)
        Gateway.asAdmin().when().get("/api/v1/notifications")
                .then().spec(ProblemJson.problem(ProblemJson.Kind.UNAVAILABLE))
                .header("Retry-After", equalTo("5")).body("instance", equalTo("/api/v1/notifications"));
        List<People.Mobile> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            People.Mobile mobile = People.newMobile();
            assertEquals(201, Bookings.book(slotId, mobile, "Envoi").statusCode());
            people.add(mobile);
        }
        String slowProvider = slowDownProvider();
        String remembered = null;
        int lookupsBefore;
        try {
            try {
                // back up: its worker starts sending a couple of seconds later, against a slow provider
                Infra.run("./services.sh", "start", "notification");
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                        .until(() -> delivered(people) >= PEOPLE / 5);
                Infra.killNine(Infra.pid("notification"));
                // Everything the provider received from the dead process, the requests whose answer never reached it included.
                List<SmsStub.Sms> acceptedAtKill = SmsStub.settled();
                int atKill = delivered(people, acceptedAtKill);
                assertTrue(atKill < PEOPLE, "the kill came too late to test anything: " + atKill + " already sent");
                remembered = SmsStub.remember(acceptedAtKill.stream().map(SmsStub.Sms::reference).toList());
                lookupsBefore = SmsStub.lookups();
                Infra.run("./services.sh", "start", "notification");
            } finally {
                SmsStub.removeMapping(slowProvider);
            }
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> delivered(people) == PEOPLE);
            // The rows the dead process had claimed stay 'sending' until their lease (maillage.notification.worker.lease:
            // 2 min by default, 30 s in the test stack, WORKER_LEASE set by deploy/maillage test) expires; only then does the restarted service ask the provider about them. Counting sends before
            // that would miss a re-send of exactly those messages, so wait for the reconciliation itself.
            int before = lookupsBefore;
            await("the restarted service asks the provider about the messages it had in hand (the crash path)")
                    .atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> SmsStub.lookups() > before);
            Thread.sleep(5_000); // a late duplicate would show up now
        } finally {
            if (remembered != null) {
                SmsStub.removeMapping(remembered);
            }
        }
        // Raw sends: every request the provider received for each person, whatever its reference.
        Map<String, List<SmsStub.Sms>> byPhone = SmsStub.all().stream().collect(Collectors.groupingBy(SmsStub.Sms::to));
        List<String> doubled = new ArrayList<>();
        for (People.Mobile p : people) {
            List<SmsStub.Sms> sms = byPhone.get(p.e164());
            if (sms.size() != 1) {
                doubled.add(p.e164() + " got " + sms.size() + " (references " + sms.stream().map(SmsStub.Sms::reference).toList() + ")");
            }
        }
        assertEquals(List.of(), doubled, "exactly one SMS handed to the provider per person, across the kill");
    }

    /** How many of these people the provider has a message for. */
    private static int delivered(List<People.Mobile> people) {
        return delivered(people, SmsStub.all());
    }

    private static int delivered(List<People.Mobile> people, List<SmsStub.Sms> received) {
        java.util.Set<String> reached = received.stream().map(SmsStub.Sms::to).collect(Collectors.toSet());
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
