package fr.maillage.notification.support;

import static io.restassured.RestAssured.given;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Development tokens as deploy/maillage token mints them (RS256, kid maillage-dev, iss/aud of the dev
 * setup), signed with deploy/.run/jwt/private.pem (created by deploy/infra/dev-keys.sh), plus the broken
 * kinds the service must refuse.
 */
public final class Tokens {
    public static final String ISSUER = "https://maillage.local/dev";
    private static PrivateKey devKey;

    private Tokens() {
    }

    public static String admin() {
        return sign(claims("admin", null, null), key());
    }

    public static String partnerApp(UUID org) {
        return sign(claims("partner-app", org, null), key());
    }

    public static String agent(UUID org) {
        return sign(claims("agent", org, null), key());
    }

    public static String volunteer(UUID person) {
        return sign(claims("volunteer", null, person), key());
    }

    /** A partner app whose token lacks the organisation claim. */
    public static String partnerAppWithoutOrg() {
        return sign(claims("partner-app", null, null), key());
    }

    public static String expired(String role, UUID org) {
        long now = Instant.now().getEpochSecond();
        return sign(claims(role, org, null).issuedAt(now - 7200).expiresAt(now - 3600), key());
    }

    public static String signedByAnotherKey(String role, UUID org) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(claims(role, org, null), generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String otherIssuer(String role, UUID org) {
        return sign(claims(role, org, null).issuer("https://intrus.example.org"), key());
    }

    /** REST Assured with {@code Authorization: Bearer <token>}. */
    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static JwtClaimsBuilder claims(String role, UUID org, UUID person) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).audience("maillage").subject(role + "-" + UUID.randomUUID())
                .groups(Set.of(role)).expiresIn(3600);
        if (org != null) {
            claims.claim("org", org.toString());
        }
        if (person != null) {
            claims.claim("person", person.toString());
        }
        return claims;
    }

    private static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().keyId("maillage-dev").sign(key);
    }

    private static synchronized PrivateKey key() {
        if (devKey == null) {
            Path pem = Path.of("../deploy/.run/jwt/private.pem");
            try {
                devKey = KeyUtils.decodePrivateKey(Files.readString(pem));
            } catch (Exception e) {
                throw new IllegalStateException("Development signing key " + pem.toAbsolutePath()
                        + " unreadable: run deploy/infra/dev-keys.sh", e);
            }
        }
        return devKey;
    }
}
