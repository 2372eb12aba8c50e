package fr.maillage.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Personal data that must travel in an event but be read only by the services holding the key (issue 16, item 7): the
 * contact of a booking on {@code booking.bookings.v1} is readable by notification-service, not by offers-service, a
 * partner feed or anyone with a Kafka client. AES-256-GCM (the JDK's), a fresh 96-bit nonce per value, the key id in
 * the text so keys can be rotated: {@code s1.<keyId>.<base64url(nonce || ciphertext || tag)>}.
 *
 * <p>Configuration: {@code maillage.sealing.key} (base64 of 32 bytes; MAILLAGE_SEALING_KEY — no default outside tests,
 * so a service that seals or opens does not start without it), {@code maillage.sealing.key-id} (default {@code 1}),
 * {@code maillage.sealing.previous-keys} ({@code id:base64,id:base64}: keys that still open values sealed before a
 * rotation, until the topics' retention has dropped them).
 */
@ApplicationScoped
public class SealedData {
    private static final String VERSION = "s1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String keyId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final ObjectMapper mapper;
    private final SecureRandom random = new SecureRandom();

    SealedData(@ConfigProperty(name = "maillage.sealing.key") String key,
            @ConfigProperty(name = "maillage.sealing.key-id", defaultValue = "1") String keyId,
            @ConfigProperty(name = "maillage.sealing.previous-keys") Optional<String> previous, ObjectMapper mapper) {
        this.keyId = keyId.strip();
        this.mapper = mapper;
        if (this.keyId.isEmpty() || this.keyId.contains(".") || this.keyId.contains(":")) {
            throw new IllegalStateException("maillage.sealing.key-id must be a short name without '.' or ':'");
        }
        keys.put(this.keyId, key(key, "maillage.sealing.key"));
        previous.ifPresent(list -> {
            for (String entry : list.split(",")) {
                String[] parts = entry.strip().split(":", 2);
                if (parts.length != 2) {
                    throw new IllegalStateException("maillage.sealing.previous-keys: expected id:base64 entries");
                }
                keys.putIfAbsent(parts[0].strip(), key(parts[1], "maillage.sealing.previous-keys"));
            }
        });
    }

    /** {@code plaintext} sealed with the current key; null stays null. */
    public String seal(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(keyId));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return VERSION + "." + keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** The plaintext of a value {@link #seal sealed} with the current or a previous key; null stays null. */
    public String open(String sealed) {
        if (sealed == null) {
            return null;
        }
        String[] parts = sealed.split("\\.", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new Unreadable("not a sealed value");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new Unreadable("sealed with an unknown key id " + parts[1]);
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(parts[2]);
            if (in.length <= NONCE_BYTES) {
                throw new Unreadable("sealed value too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(parts[1]));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // Never the value itself: it is personal data.
            throw new Unreadable("sealed value cannot be opened (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@code value} as JSON, sealed. */
    public String sealJson(Object value) {
        try {
            return value == null ? null : seal(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the value to seal: " + e.getClass().getSimpleName());
        }
    }

    /** The JSON value sealed by {@link #sealJson}, read as {@code type}. */
    public <T> T openJson(String sealed, Class<T> type) {
        String json = open(sealed);
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new Unreadable("sealed value is not a " + type.getSimpleName());
        }
    }

    private static byte[] aad(String keyId) {
        return (VERSION + "." + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static SecretKey key(String base64, String property) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (AES-256), base64-encoded: openssl rand -base64 32");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** A value that no configured key opens, or that was altered: the event carrying it is unusable. */
    public static class Unreadable extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public Unreadable(String message) {
            super(message);
        }
    }
}
