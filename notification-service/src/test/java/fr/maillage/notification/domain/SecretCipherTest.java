package fr.maillage.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** AES-256-GCM encryption at rest of webhook secrets: the stored form, and what it refuses. */
class SecretCipherTest {
    private static final String SETTING = "maillage.webhooks.secret-key (env WEBHOOK_SECRET_KEY)";

    @Test
    void encryptsToTheVersionedFormWithAFreshNonceAndDecryptsBack() {
        SecretCipher cipher = SecretCipher.fromBase64Key(randomKey(), SETTING);
        String secret = WebhookSignature.newSecret();
        String id = UUID.randomUUID().toString();
        String stored = cipher.encrypt(secret, id);
        assertTrue(stored.startsWith("v1:"), stored);
        assertFalse(stored.contains(secret));
        byte[] sealed = Base64.getDecoder().decode(stored.substring(3));
        assertEquals(12 + secret.length() + 16, sealed.length, "96-bit nonce, ciphertext, 128-bit tag");
        assertEquals(secret, cipher.decrypt(stored, id));
        String again = cipher.encrypt(secret, id);
        assertNotEquals(stored, again, "a random nonce per value");
        assertEquals(secret, cipher.decrypt(again, id));
        assertTrue(SecretCipher.isEncrypted(stored));
        assertTrue(SecretCipher.isCurrent(stored));
    }

    @Test
    void aSecretStoredInClearIsRecognisedAsSuch() {
        for (int i = 0; i < 100; i++) {
            assertFalse(SecretCipher.isEncrypted(WebhookSignature.newSecret()), "base64url secrets never contain a colon");
        }
        assertTrue(SecretCipher.isEncrypted("v2:AAAA"), "a later version is encrypted too, not a clear secret");
        assertFalse(SecretCipher.isCurrent("v2:AAAA"));
    }

    @Test
    void anotherKeyAnotherRowOrAnAlteredValueDoesNotDecrypt() {
        SecretCipher cipher = SecretCipher.fromBase64Key(randomKey(), SETTING);
        String id = UUID.randomUUID().toString();
        String stored = cipher.encrypt("k3V9x0mZbq2Yc8N1tR7wLd5Gh4Fa6Ue0Oi3Tj7Ry2Qs", id);

        SecretCipher other = SecretCipher.fromBase64Key(randomKey(), SETTING);
        assertThrows(SecretCipher.UndecryptableSecret.class, () -> other.decrypt(stored, id), "wrong key");
        assertThrows(SecretCipher.UndecryptableSecret.class, () -> cipher.decrypt(stored, UUID.randomUUID().toString()),
                "copied onto another subscription");
        byte[] sealed = Base64.getDecoder().decode(stored.substring(3));
        sealed[sealed.length - 20] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(sealed);
        assertThrows(SecretCipher.UndecryptableSecret.class, () -> cipher.decrypt(altered, id), "altered ciphertext");
        assertThrows(SecretCipher.UndecryptableSecret.class, () -> cipher.decrypt("v1:pas du base64 !", id));
        assertThrows(SecretCipher.UndecryptableSecret.class, () -> cipher.decrypt("v1:AAAA", id), "too short");
        assertThrows(SecretCipher.UndecryptableSecret.class, () -> cipher.decrypt("v2:" + stored.substring(3), id),
                "unknown version");
    }

    @Test
    void aMalformedKeyIsRefusedWithAMessageNamingTheSettingButNotTheKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        String longKey = Base64.getEncoder().encodeToString(new byte[33]);
        for (String key : new String[] { null, "", "   ", "pas-du-base64!", shortKey, longKey }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SecretCipher.fromBase64Key(key, SETTING), String.valueOf(key));
            assertTrue(e.getMessage().startsWith(SETTING), e.getMessage());
            assertTrue(e.getMessage().contains("openssl rand -base64 32"), e.getMessage());
            if (key != null && !key.isBlank()) {
                assertFalse(e.getMessage().contains(key), "the key is not repeated: " + e.getMessage());
            }
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SecretCipher.fromBase64Key(shortKey, SETTING))
                .getMessage().contains("16 bytes instead of 32"));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
