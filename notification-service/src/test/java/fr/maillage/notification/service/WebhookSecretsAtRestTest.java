package fr.maillage.notification.service;

import static fr.maillage.notification.service.WebhookTest.BOOKINGS;
import static fr.maillage.notification.service.WebhookTest.HOOKS;
import static fr.maillage.notification.service.WebhookTest.TOLERANCE;
import static fr.maillage.notification.service.WebhookTest.WAIT;
import static fr.maillage.notification.support.Api.randomMobile;
import static fr.maillage.platform.testing.Tokens.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.maillage.notification.domain.SecretCipher;
import fr.maillage.notification.domain.WebhookSignature;
import fr.maillage.notification.support.Events;
import fr.maillage.notification.support.Signatures;
import fr.maillage.platform.testing.KafkaTopics;
import fr.maillage.notification.support.Stubs;
import fr.maillage.platform.testing.Tokens;
import fr.maillage.notification.support.WebhookReceiver;
import fr.maillage.notification.support.WebhookReceiver.Call;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Webhook signing secrets are encrypted in the database (AES-256-GCM, {@code v1:} form), the API still
 * returns them in clear at creation, replay and rotation, and receivers verify signatures with them as before.
 * Rows stored in clear before encryption keep signing and are encrypted by the start-up task; a key that does
 * not open the stored secrets, or a malformed one, is refused.
 */
@QuarkusTest
@QuarkusTestResource(Stubs.class)
class WebhookSecretsAtRestTest {
    private static WebhookReceiver receiver;

    @Inject
    DataSource dataSource;
    @Inject
    WebhookSecrets secrets;
    @Inject
    WebhookSecretEncryption encryption;

    @BeforeAll
    static void partner() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void theDatabaseHoldsTheSecretEncryptedWhileTheApiAndTheSignaturesUseItInClear() throws Exception {
        UUID org = UUID.randomUUID();
        String token = Tokens.partnerApp(org);
        String key = "abonnement-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("url", receiver.url("/sealed"), "eventTypes", List.of("booking.confirmed"));
        JsonPath created = as(token).header("Idempotency-Key", key).contentType("application/json").body(body)
                .when().post(HOOKS).then().statusCode(201).extract().jsonPath();
        UUID id = UUID.fromString(created.getString("id"));
        String secret = created.getString("secret");
        assertEquals(43, secret.length(), "the API still hands out the 43-character secret");

        String stored = storedSecret(id);
        assertTrue(stored.startsWith("v1:"), stored);
        assertFalse(stored.contains(secret), "the clear secret is not in the column");
        assertEquals(secret, secrets.open(id, stored));
        JsonPath replay = as(token).header("Idempotency-Key", key).contentType("application/json").body(body)
                .when().post(HOOKS).then().statusCode(200).header("Idempotent-Replayed", "true").extract().jsonPath();
        assertEquals(secret, replay.getString("secret"), "an Idempotency-Key replay returns the secret in clear, as the first answer did");
        assertEquals(created.getString("signingSecret"), replay.getString("signingSecret"), "and the same signingSecret");
        assertEquals(stored, storedSecret(id), "a replay rewrites nothing");
        as(token).when().get(HOOKS + "/" + id).then().statusCode(200).body("$", not(hasKey("secret")));
        as(Tokens.admin()).when().get(HOOKS).then().statusCode(200).body("items[0]", not(hasKey("secret")));

        Call call = deliverBookingTo(org, "/sealed", 1);
        assertTrue(Signatures.legacy(secret, call.header(WebhookSignature.HEADER), call.body(),
                Instant.now().getEpochSecond(), TOLERANCE), "the receiver verifies with the secret it was given");
        assertFalse(Signatures.legacy(stored, call.header(WebhookSignature.HEADER), call.body(),
                Instant.now().getEpochSecond(), TOLERANCE), "never signed with the stored form");

        String rotated = as(token).when().post(HOOKS + "/" + id + "/rotate-secret").then().statusCode(200).extract()
                .path("secret");
        String storedRotated = storedSecret(id);
        assertTrue(storedRotated.startsWith("v1:"), storedRotated);
        assertFalse(storedRotated.contains(rotated));
        assertEquals(rotated, secrets.open(id, storedRotated));
        Call next = deliverBookingTo(org, "/sealed", 2);
        assertTrue(Signatures.legacy(rotated, next.header(WebhookSignature.HEADER), next.body(),
                Instant.now().getEpochSecond(), TOLERANCE));
    }

    @Test
    void aSecretStoredInClearBeforeEncryptionKeepsSigningAndIsEncryptedOnceByTheStartUpTask() throws Exception {
        UUID org = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        String legacy = WebhookSignature.newSecret();
        insertSubscription(id, org, "/legacy", legacy);

        // as a replica of the previous version left it: read as it is, deliveries signed with it
        as(Tokens.partnerApp(org)).when().get(HOOKS + "/" + id).then().statusCode(200).body("status", equalTo("active"));
        Call before = deliverBookingTo(org, "/legacy", 1);
        assertTrue(Signatures.legacy(legacy, before.header(WebhookSignature.HEADER), before.body(),
                Instant.now().getEpochSecond(), TOLERANCE));
        // a subscription created before Standard Webhooks: its signingSecret is whsec_ + the base64 of its secret's text
        String signingSecret = "whsec_" + Base64.getEncoder().encodeToString(legacy.getBytes(StandardCharsets.UTF_8));
        assertTrue(Signatures.standard(signingSecret, before), "an existing subscription verifies the standard headers too");

        // what the next start does
        assertEquals(1, encryption.run().encrypted(), "the one clear row is encrypted");
        String stored = storedSecret(id);
        assertTrue(stored.startsWith("v1:"), stored);
        assertFalse(stored.contains(legacy));
        assertEquals(legacy, secrets.open(id, stored), "the same secret: the partner changes nothing");
        WebhookSecretEncryption.Result again = encryption.run();
        assertEquals(0, again.encrypted(), "idempotent");
        assertTrue(again.alreadyEncrypted() >= 1);
        assertEquals(stored, storedSecret(id), "a value already in the v1 form is left alone");

        Call after = deliverBookingTo(org, "/legacy", 2);
        assertTrue(Signatures.legacy(legacy, after.header(WebhookSignature.HEADER), after.body(),
                Instant.now().getEpochSecond(), TOLERANCE), "signatures unchanged for the receiver");
    }

    @Test
    void secretsEncryptedWithAnotherKeyStopTheStartUpAndNothingIsChanged() throws Exception {
        UUID foreign = UUID.randomUUID();
        UUID clear = UUID.randomUUID();
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        SecretCipher other = SecretCipher.fromBase64Key(Base64.getEncoder().encodeToString(otherKey), "test");
        String legacy = WebhookSignature.newSecret();
        try {
            insertSubscription(foreign, UUID.randomUUID(), "/foreign", other.encrypt(WebhookSignature.newSecret(),
                    foreign.toString()));
            insertSubscription(clear, UUID.randomUUID(), "/clear", legacy);
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> encryption.run());
            assertTrue(refused.getMessage().contains("WEBHOOK_SECRET_KEY"), refused.getMessage());
            assertTrue(refused.getMessage().contains(foreign.toString()), refused.getMessage());
            assertEquals(legacy, storedSecret(clear), "not encrypted with a key that may be the wrong one");
        } finally {
            deleteSubscription(foreign);
            deleteSubscription(clear);
        }
    }

    @Test
    void aMalformedKeyStopsTheStartUpNamingTheSetting() {
        for (String key : new String[] { "", "pas du base64", Base64.getEncoder().encodeToString(new byte[24]) }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new WebhookSecrets(key, LaunchMode.NORMAL));
            assertTrue(e.getMessage().startsWith("maillage.webhooks.secret-key (env WEBHOOK_SECRET_KEY)"), e.getMessage());
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        WebhookSecrets mine = new WebhookSecrets(Base64.getEncoder().encodeToString(key), LaunchMode.NORMAL);
        UUID id = UUID.randomUUID();
        String stored = mine.seal(id, "k3V9x0mZbq2Yc8N1tR7wLd5Gh4Fa6Ue0Oi3Tj7Ry2Qs");
        assertNotEquals(stored, secrets.seal(id, "k3V9x0mZbq2Yc8N1tR7wLd5Gh4Fa6Ue0Oi3Tj7Ry2Qs"));
        assertThrows(SecretCipher.UndecryptableSecret.class, () -> secrets.open(id, stored), "another key");
    }

    /** Publishes a BookingConfirmed booked by {@code org} and waits for the {@code n}-th call on {@code path}. */
    private static Call deliverBookingTo(UUID org, String path, int n) {
        UUID booking = UUID.randomUUID();
        KafkaTopics.send(BOOKINGS, booking.toString(), KafkaTopics.envelope("BookingConfirmed", booking, 1, Events.booking(booking,
                "confirmed", OffsetDateTime.now().plusDays(2), Events.person("Léa", randomMobile(), null, true, false), null,
                org, null)));
        await().atMost(WAIT).until(() -> receiver.calls(path).size() >= n);
        return receiver.calls(path).get(n - 1);
    }

    private void insertSubscription(UUID id, UUID org, String path, String storedSecret) throws SQLException {
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement(
                "INSERT INTO webhook_subscription (id, partner_id, url, event_types, secret) VALUES (?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setObject(2, org);
            insert.setString(3, receiver.url(path));
            insert.setArray(4, connection.createArrayOf("text", new Object[] { "booking.confirmed" }));
            insert.setString(5, storedSecret);
            assertEquals(1, insert.executeUpdate());
        }
    }

    private void deleteSubscription(UUID id) throws SQLException {
        try (var connection = dataSource.getConnection();
                var delete = connection.prepareStatement("DELETE FROM webhook_subscription WHERE id = ?")) {
            delete.setObject(1, id);
            delete.executeUpdate();
        }
    }

    private String storedSecret(UUID id) throws SQLException {
        try (var connection = dataSource.getConnection();
                var select = connection.prepareStatement("SELECT secret FROM webhook_subscription WHERE id = ?")) {
            select.setObject(1, id);
            try (var rs = select.executeQuery()) {
                assertTrue(rs.next(), "subscription " + id);
                return rs.getString(1);
            }
        }
    }
}
