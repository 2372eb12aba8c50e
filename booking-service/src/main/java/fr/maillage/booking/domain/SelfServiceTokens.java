package fr.maillage.booking.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret of a citizen's self-service link: 256 random bits (base64url), of which only the SHA-256 (hex) is stored
 * (column {@code booking.token_hash}, migration V5 hashed the tokens stored before). The token itself exists only in
 * the request that creates the booking (its answer and the events of that moment) and in the link the person holds.
 */
public final class SelfServiceTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A token is 43 characters; anything much longer is not one (and is not hashed). */
    public static final int MAX_LENGTH = 100;

    private SelfServiceTokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a token: lower-case hex SHA-256 of its UTF-8 bytes (PostgreSQL's encode(sha256(...), 'hex')). */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
