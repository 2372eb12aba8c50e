package fr.maillage.offers.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import fr.maillage.offers.Fixtures;
import fr.maillage.offers.Fixtures.Place;
import fr.maillage.offers.KafkaTestSupport;
import fr.maillage.offers.KafkaTestSupport.Received;
import fr.maillage.offers.KafkaTestSupport.Tap;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A valid event met by a transient database failure is retried until applied, never parked on offers.dlq.v1
 * (the dead-letter topic is for poison messages only). The failure is made real: a separate connection holds
 * place_ref in ACCESS EXCLUSIVE mode, so the consumer's upsert waits on the lock; its backend is then terminated
 * (pg_terminate_backend, SQLState 57P01, what a database restart does to it) and the lock released.
 */
@QuarkusTest
class TransientDatabaseErrorTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aValidEventMetByATransientDatabaseErrorIsAppliedNotDeadLettered() throws Exception {
        Config config = ConfigProvider.getConfig();
        Place place = Place.near("Médiathèque", "80212", "Corbie", "80800", 49.91, 2.51);
        List<Integer> terminated = new ArrayList<>();
        int partition;
        try (Tap dlq = new Tap("offers.dlq.v1");
                Connection locker = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class))) {
            locker.setAutoCommit(false);
            try (Statement st = locker.createStatement()) {
                st.execute("LOCK TABLE place_ref IN ACCESS EXCLUSIVE MODE");
            }
            partition = KafkaTestSupport.send("directory.places.v1", place.id().toString(), KafkaTestSupport.envelope(
                    UUID.randomUUID(), "PlaceUpserted", place.id(), 1, place.data(false)));
            // The consumer's backend waiting on our lock: terminate it, as a database restart would.
            Instant deadline = Instant.now().plus(WAIT);
            while (terminated.isEmpty() && Instant.now().isBefore(deadline)) {
                try (Statement st = locker.createStatement();
                        ResultSet rs = st.executeQuery("""
                                SELECT pid, pg_terminate_backend(pid) FROM pg_locks
                                WHERE relation = 'place_ref'::regclass AND NOT granted AND pid <> pg_backend_pid()""")) {
                    while (rs.next()) {
                        terminated.add(rs.getInt(1));
                    }
                }
                if (terminated.isEmpty()) {
                    Fixtures.sleep(100);
                }
            }
            locker.rollback(); // releases the lock
            assertFalse(terminated.isEmpty(), "the consumer never waited on place_ref: the failure was not injected");

            // Consumed after our event on the same partition: parked (poison) once our event was dealt with.
            String sentinel = "sentinelle " + UUID.randomUUID();
            KafkaTestSupport.send("directory.places.v1", partition, sentinel, "not json " + sentinel);
            List<Received> parked = dlq.await(e -> e.raw().contains(sentinel), 1, Duration.ofSeconds(60));
            assertEquals(1, parked.size(), "the poison sentinel never reached offers.dlq.v1");
            assertEquals(List.of(), dlq.await(e -> e.raw().contains(place.id().toString()), 0, Duration.ZERO),
                    "a valid event met by a transient database error was parked on offers.dlq.v1");
        }
        Fixtures.awaitPlace(place.id());
        assertTrue(terminated.size() >= 1);
    }
}
