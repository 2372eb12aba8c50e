package fr.maillage.directory.support;

import static io.restassured.RestAssured.given;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Bearer tokens as deploy/maillage token mints them (same issuer, audience, kid and claims), signed with the
 * development key that deploy/infra/dev-keys.sh generates, plus the broken ones the service must refuse.
 */
public final class Tokens {
    public static final String ISSUER = "https://maillage.local/dev";
    static final Path PRIVATE_KEY = Path.of("../deploy/.run/jwt/private.pem");

    private static PrivateKey key;
    private static String admin;

    private Tokens() {
    }

    public static synchronized String admin() {
        if (admin == null) {
            admin = sign(claims("admin", null, null));
        }
        return admin;
    }

    public static String partnerApp(UUID org) {
        return sign(claims("partner-app", org, null));
    }

    public static String agent(UUID org) {
        return sign(claims("agent", org, null));
    }

    public static String volunteer(UUID person) {
        return sign(claims("volunteer", null, person));
    }

    /** Any role, with or without organisation and person claims. */
    public static String of(String role, UUID org, UUID person) {
        return sign(claims(role, org, person));
    }

    public static String expired() {
        long now = Instant.now().getEpochSecond();
        return sign(unexpiring("admin", null, null).issuedAt(now - 7200).expiresAt(now - 3600));
    }

    public static String wrongIssuer() {
        return sign(claims("admin", null, null).issuer("https://ailleurs.example.org"));
    }

    public static String wrongAudience() {
        return sign(claims("admin", null, null).audience("autre-service"));
    }

    /** A well-formed admin token signed by a key the service does not trust. */
    public static String signedByAnotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims("admin", null, null).jws().keyId("maillage-dev").sign(generator.generateKeyPair().getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    public static RequestSpecification asAdmin() {
        return as(admin());
    }

    static JwtClaimsBuilder claims(String role, UUID org, UUID person) {
        return unexpiring(role, org, person).expiresIn(Duration.ofHours(2));
    }

    /** The claims without expiry, which the caller sets. */
    static JwtClaimsBuilder unexpiring(String role, UUID org, UUID person) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).audience("maillage")
                .subject(role + (org != null ? "@" + org : "") + (person != null ? "@" + person : ""))
                .groups(Set.of(role));
        if (org != null) {
            claims.claim("org", org.toString());
        }
        if (person != null) {
            claims.claim("person", person.toString());
        }
        return claims;
    }

    static synchronized String sign(JwtClaimsBuilder claims) {
        try {
            if (key == null) {
                if (!Files.isReadable(PRIVATE_KEY)) {
                    throw new IllegalStateException(PRIVATE_KEY.toAbsolutePath() + " missing: run deploy/infra/dev-keys.sh");
                }
                key = KeyUtils.decodePrivateKey(Files.readString(PRIVATE_KEY));
            }
            return claims.jws().keyId("maillage-dev").sign(key);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
