package fr.maillage.notification.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest of secrets the service must read back (a webhook subscription's HMAC key signs every
 * delivery, so it cannot be hashed): AES-256-GCM from the JDK, a random 96-bit nonce per value, and a
 * context (the row's id) as associated data, so a ciphertext copied onto another row does not decrypt.
 * <p>
 * Stored form: {@code v1:<base64(nonce || ciphertext || 128-bit tag)>}. The version names the algorithm
 * <em>and</em> the key: rotating the key later means a {@code v2} (new key) read next to {@code v1} (old key)
 * while the stored values are re-encrypted. A value without such a prefix is a secret from before encryption
 * (webhook secrets are base64url: never a colon), see {@link #isEncrypted(String)}.
 */
public final class SecretCipher {
    public static final String VERSION = "v1";
    private static final String PREFIX = VERSION + ":";
    private static final Pattern VERSIONED = Pattern.compile("^v[0-9]+:");
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private SecretCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * @param base64Key the standard base64 of 32 bytes ({@code openssl rand -base64 32})
     * @param setting   how the operator sets it, named in the error (the key itself never is)
     * @throws IllegalArgumentException if the key is missing, not base64, or not 32 bytes long
     */
    public static SecretCipher fromBase64Key(String base64Key, String setting) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException(setting + " is empty: it must be the base64 of 32 random bytes"
                    + " (openssl rand -base64 32)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not valid base64: it must be the base64 of 32 random bytes"
                    + " (openssl rand -base64 32)");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(setting + " decodes to " + key.length + " bytes instead of " + KEY_BYTES
                    + " (an AES-256 key): generate one with openssl rand -base64 32");
        }
        return new SecretCipher(key);
    }

    /** True for a value in a versioned encrypted form (any version); false for a secret stored in clear. */
    public static boolean isEncrypted(String stored) {
        return stored != null && VERSIONED.matcher(stored).find();
    }

    /** True for a value encrypted in the current form (nothing to do for it at start-up). */
    public static boolean isCurrent(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public String encrypt(String clear, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable in this JVM", e);
        }
    }

    /**
     * @throws UndecryptableSecret if the value is not in the {@code v1} form, or was not encrypted with this
     *                             key and context (GCM's tag does not match: wrong key, or tampered value)
     */
    public String decrypt(String stored, String context) {
        if (!isCurrent(stored)) {
            throw new UndecryptableSecret("not in the " + VERSION + " form");
        }
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new UndecryptableSecret("not base64 after " + PREFIX);
        }
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UndecryptableSecret("too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UndecryptableSecret("authentication failed (another key, or an altered value)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable in this JVM", e);
        }
    }

    /** A stored value this cipher cannot open; the message never contains the value. */
    public static class UndecryptableSecret extends RuntimeException {
        public UndecryptableSecret(String message) {
            super(message);
        }
    }
}
