package fr.maillage.system.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Bookings;
import fr.maillage.system.Demo;
import fr.maillage.system.Infra;
import fr.maillage.system.People;
import fr.maillage.system.SmsStub;

/**
 * Kafka stopped for 30 s in the middle of a booking load: no booking is refused because of it (the
 * booking and its event are committed together in PostgreSQL), every booking event is delivered once
 * the broker is back, and every confirmation is sent exactly once.
 */
class KafkaOutageDuringBookingsTest {

    @Test
    void bookingsGoOnAndEveryConfirmationIsSentExactlyOnce() throws Exception {
        String offerId = UUID.randomUUID().toString();
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(5);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_FRANCE_SERVICES"), Demo.id("PARTNER_FRANCE_SERVICES"),
                "atelier_collectif", 500, 120, List.of(new AdHocOffers.Session(day, LocalTime.of(9, 0), LocalTime.of(11, 0))));
        String slotId = (String) AdHocOffers.publish(offerId, offer, 1).get(0).get("id");

        List<People.Mobile> booked = new ArrayList<>();
        bookFor(slotId, Duration.ofSeconds(5), booked);                 // before
        Infra.run("infra/kafka.sh", "stop");
        try {
            bookFor(slotId, Duration.ofSeconds(30), booked);            // during the outage
        } finally {
            Infra.run("infra/kafka.sh", "start");
        }
        bookFor(slotId, Duration.ofSeconds(5), booked);                 // after

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            java.util.Set<String> reached = SmsStub.all().stream().map(SmsStub.Sms::to).collect(java.util.stream.Collectors.toSet());
            return booked.stream().allMatch(p -> reached.contains(p.e164()));
        });
        Thread.sleep(5_000); // a late duplicate would show up now
        Map<String, Long> perPhone = SmsStub.all().stream()
                .collect(java.util.stream.Collectors.groupingBy(SmsStub.Sms::to, java.util.stream.Collectors.counting()));
        for (People.Mobile p : booked) {
            assertEquals(1L, perPhone.get(p.e164()), "confirmations sent to " + p.e164());
        }
    }

    /** Books one seat every 500 ms for the given time; every booking must be accepted. */
    private static void bookFor(String slotId, Duration duration, List<People.Mobile> booked) throws InterruptedException {
        Instant end = Instant.now().plus(duration);
        while (Instant.now().isBefore(end)) {
            People.Mobile mobile = People.newMobile();
            int status = Bookings.book(slotId, mobile, "Charge").statusCode();
            assertEquals(201, status, "a booking was refused (Kafka state must not matter)");
            booked.add(mobile);
            Thread.sleep(500);
        }
    }
}
