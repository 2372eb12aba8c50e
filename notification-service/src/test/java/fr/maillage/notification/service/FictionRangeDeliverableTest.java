package fr.maillage.notification.service;

import static fr.maillage.notification.support.Api.where;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import fr.maillage.notification.support.Api;
import fr.maillage.notification.support.Events;
import fr.maillage.notification.support.Stubs;
import fr.maillage.platform.testing.KafkaTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 19, item 5: with {@code maillage.notification.sms.fiction-range-deliverable=true} (the local stack, whose SMS
 * provider is the stub: deploy/services.sh) a demo volunteer's number of ARCEP's fiction range (06 39 98 xx xx) gets its
 * SMS; without it (the default, StaffingAndAbsenceMessagesTest) it is skipped as not a mobile.
 */
@QuarkusTest
@QuarkusTestResource(Stubs.class)
@TestProfile(FictionRangeDeliverableTest.LocalStack.class)
class FictionRangeDeliverableTest {
    public static class LocalStack implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("maillage.notification.sms.fiction-range-deliverable", "true");
        }
    }

    @Test
    void aDemoVolunteerOfTheFictionRangeGetsTheShiftSms() {
        String number = "+3363998" + String.format("%04d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000));
        UUID person = UUID.randomUUID();
        KafkaTopics.send("directory.people.v1", person.toString(), KafkaTopics.envelope("PersonUpserted", person, 1,
                Events.directoryPerson(person, number, null, true, false)));
        UUID shift = UUID.randomUUID();
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(90)).until(() -> true);
        KafkaTopics.send("booking.shifts.v1", shift.toString(), KafkaTopics.envelope("ShiftAssigned", shift, 1,
                Events.shift(shift, person, "assigned", OffsetDateTime.now().plusDays(3))));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<Map<String, Object>> rows = Api.list("shiftId", shift.toString());
            assertEquals(1, where(where(rows, "template", "shift_assigned"), "status", "sent").size(), rows.toString());
        });
        assertTrue(Stubs.wireMock.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/messages"))
                .withRequestBody(WireMock.matchingJsonPath("$.to", WireMock.equalTo(number)))).size() == 1);
    }
}
