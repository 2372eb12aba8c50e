package fr.maillage.notification.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import fr.maillage.notification.support.FakeSmsApi;
import fr.maillage.notification.support.Stubs;

/**
 * kill -9 of the packaged service in the middle of a batch, then restart: every message reaches the
 * (WireMock) SMS provider exactly once. Runs after `package` (failsafe), against the real jar, the
 * real PostgreSQL (notification_test database) and Kafka.
 */
class NotificationCrashIT {
    private static final int N = 3000;
    private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/notification_test";
    private static WireMockServer wireMock;
    private static final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void provider() {
        FakeSmsApi.delayMs = 20; // a provider answering in 20 ms: the batch takes a few seconds, time to kill it
        wireMock = new WireMockServer(WireMockConfiguration.options().port(Stubs.freePort()).bindAddress("127.0.0.1")
                .containerThreads(64).disableRequestJournal().extensions(new FakeSmsApi()));
        wireMock.start();
        Stubs.stubProvider(wireMock);
    }

    @AfterAll
    static void stop() {
        processes.forEach(Process::destroyForcibly);
        if (wireMock != null) {
            wireMock.stop();
        }
    }

    @Test
    void killMinus9MidBatchLosesNothingAndSendsNothingTwice() throws Exception {
        int port = Stubs.freePort();
        Process first = start(port, 1);
        List<UUID> ids = insertDueReminders(N);
        long deadline = System.currentTimeMillis() + 120_000;
        while (received(ids) < N / 4 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        // kill while a batch is out: some rows claimed ('sending'), handed to the provider, not yet recorded. The
        // provider now keeps its answers (it has counted the messages): the claimed batch cannot be recorded, so the
        // kill lands in that window whatever the machine's speed (a timed race missed it once in CI).
        FakeSmsApi.holdAnswers = true;
        try {
            while (count("SELECT count(*) FROM notification WHERE status = 'sending' AND id = ANY (?)", ids) == 0
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no graceful stop
            first.waitFor();
        } finally {
            FakeSmsApi.holdAnswers = false;
        }
        int atKill = received(ids);
        int inFlight = count("SELECT count(*) FROM notification WHERE status = 'sending' AND id = ANY (?)", ids);
        System.out.printf("kill -9 after %d of %d handed over; %d rows were 'sending'%n", atKill, N, inFlight);
        assertTrue(atKill > 0 && atKill < N, "the kill must happen mid-way, got " + atKill);
        assertTrue(inFlight > 0, "some rows were claimed but not recorded when killed");

        start(port, 2);
        deadline = System.currentTimeMillis() + 180_000;
        while (count("SELECT count(*) FROM notification WHERE status = 'sent' AND id = ANY (?)", ids) < N
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(N, count("SELECT count(*) FROM notification WHERE status = 'sent' AND id = ANY (?)", ids), "lost");
        int duplicates = 0;
        int missing = 0;
        for (UUID id : ids) {
            int n = FakeSmsApi.count(id.toString());
            if (n == 0) {
                missing++;
            } else if (n > 1) {
                duplicates++;
            }
        }
        assertEquals(0, missing, "messages the provider never received");
        assertEquals(0, duplicates, "messages the provider received twice");
        assertEquals(N, count("SELECT count(*) FROM notification WHERE attempts <= 1 AND id = ANY (?)", ids));
    }

    private Process start(int port, int run) throws Exception {
        Path app = Path.of(System.getProperty("quarkus.app.dir", "target/quarkus-app"), "quarkus-run.jar");
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx384m", "-jar", app.toString());
        Map<String, String> env = pb.environment();
        env.put("HTTP_PORT", String.valueOf(port));
        // health is on the management interface since issue 16 (platform), on a port of its own
        int management = Stubs.freePort();
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("DB_NAME", "notification_test");
        env.put("SMS_URL", wireMock.baseUrl());
        // the platform's test sealing key (booking.bookings.v1 contacts are sealed; the packaged service needs a key)
        env.put("MAILLAGE_SEALING_KEY", "bWFpbGxhZ2UtdGVzdC1zZWFsaW5nLWtleS0zMmJ5dGU=");
        env.put("KAFKA_GROUP_ID", "notification-crash-it");
        // the worker is under test: the consumers stay off (no history replayed, no offsets of the tests' group lost)
        env.put("MP_MESSAGING_INCOMING_BOOKINGS_ENABLED", "false");
        env.put("MP_MESSAGING_INCOMING_SHIFTS_ENABLED", "false");
        env.put("MP_MESSAGING_INCOMING_PEOPLE_ENABLED", "false");
        env.put("MP_MESSAGING_INCOMING_OFFERS_ENABLED", "false");
        env.put("MP_MESSAGING_INCOMING_SESSIONS_ENABLED", "false");
        // the service is started from the module directory here, not from the repository root
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "../deploy/.run/jwt/public.pem");
        env.put("WORKER_LEASE", "PT5S");
        env.put("WORKER_BATCH_SIZE", "200");
        env.put("MAILLAGE_NOTIFICATION_QUIET_HOURS_ENABLED", "false");
        env.put("MAILLAGE_NOTIFICATION_WORKER_DELAY", "0s");
        File log = new File("target/crash-it-run" + run + ".log");
        pb.redirectErrorStream(true).redirectOutput(log);
        Process p = pb.start();
        processes.add(p);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 180_000; // a start took 65 s on the shared 2-core machine
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return p;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            assertTrue(p.isAlive(), "service died at start, see " + log);
            Thread.sleep(300);
        }
        throw new AssertionError("service not ready, see " + log);
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(DB_URL, "notification", "notification");
    }

    /** Reminders due now for an appointment tomorrow, as the consumer would have planned them. */
    private static List<UUID> insertDueReminders(int n) throws Exception {
        List<UUID> ids = new ArrayList<>(n);
        OffsetDateTime start = OffsetDateTime.now().plusDays(1);
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO notification (id, dedupe_key, template, reminder_offset_minutes, channel, recipient,
                  booking_id, appointment_start, model, due_at, next_attempt_at)
                VALUES (?, ?, 'booking_reminder', 1440, 'sms', ?, ?, ?, ?, now(), now())""")) {
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                UUID booking = UUID.randomUUID();
                ids.add(id);
                ps.setObject(1, id);
                ps.setString(2, "reminder-" + booking + "-1440-sms-v1");
                ps.setString(3, String.format("+3361%07d", i));
                ps.setObject(4, booking);
                ps.setObject(5, start);
                Map<String, Object> model = new HashMap<>();
                ps.setString(6, "{\"bookingId\":\"" + booking + "\",\"firstName\":\"Camille\",\"offerTitle\":\"Permanence\","
                        + "\"placeName\":\"Pôle socioculturel\",\"street\":\"2 rue de la Mairie\",\"postalCode\":\"35133\","
                        + "\"commune\":\"Romagné\",\"start\":\"" + start + "\",\"selfServiceUrl\":\"http://127.0.0.1:8080/s/"
                        + booking + "\"}");
                ps.addBatch();
                model.clear();
                if (i % 500 == 499) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return ids;
    }

    private static int received(List<UUID> ids) {
        int n = 0;
        for (UUID id : ids) {
            if (FakeSmsApi.count(id.toString()) > 0) {
                n++;
            }
        }
        return n;
    }

    private static int count(String sql, List<UUID> ids) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
