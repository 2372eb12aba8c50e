package fr.maillage.offers;

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
 * Bearer tokens as deploy/maillage token mints them (same claims, same development key, created by
 * deploy/infra/dev-keys.sh), plus broken ones: expired, foreign issuer, signed by another key.
 */
public final class Tokens {
    public static final String ISSUER = "https://maillage.local/dev";
    private static final Path DEV_KEY = Path.of("../deploy/.run/jwt/private.pem");
    private static PrivateKey devKey;
    private static PrivateKey foreignKey;

    private Tokens() {
    }

    public static String admin() {
        return sign(claims("admin", null, null), devKey());
    }

    public static String partnerApp(UUID org) {
        return sign(claims("partner-app", org, null), devKey());
    }

    public static String agent(UUID org) {
        return sign(claims("agent", org, null), devKey());
    }

    public static String volunteer(UUID person) {
        return sign(claims("volunteer", null, person), devKey());
    }

    /** A partner app whose token carries no organisation (a misconfigured identity provider). */
    public static String partnerAppWithoutOrg() {
        return sign(claims("partner-app", null, null), devKey());
    }

    public static String expired(UUID org) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(Jwt.issuer(ISSUER).audience("maillage").subject("partner-app@" + org).groups(Set.of("partner-app"))
                .claim("org", org.toString()).issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(30))), devKey());
    }

    public static String otherIssuer(UUID org) {
        return sign(Jwt.issuer("https://idp.example.org/realms/other").audience("maillage").subject("x").groups(Set.of("admin"))
                .claim("org", org.toString()).expiresIn(Duration.ofHours(1)), devKey());
    }

    public static String otherAudience() {
        return sign(Jwt.issuer(ISSUER).audience("another-api").subject("x").groups(Set.of("admin")).expiresIn(Duration.ofHours(1)),
                devKey());
    }

    /** Right claims, right kid, but signed by a key the service does not know. */
    public static String signedByAnotherKey() {
        return sign(claims("admin", null, null), foreignKey());
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    public static RequestSpecification asAdmin() {
        return as(admin());
    }

    public static RequestSpecification asPartnerApp(UUID org) {
        return as(partnerApp(org));
    }

    private static JwtClaimsBuilder claims(String role, UUID org, UUID person) {
        JwtClaimsBuilder b = Jwt.issuer(ISSUER).audience("maillage").subject(role + (org == null ? "" : "@" + org))
                .groups(Set.of(role)).expiresIn(Duration.ofHours(1));
        if (org != null) {
            b.claim("org", org.toString());
        }
        if (person != null) {
            b.claim("person", person.toString());
        }
        return b;
    }

    private static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().keyId("maillage-dev").sign(key);
    }

    private static synchronized PrivateKey devKey() {
        if (devKey == null) {
            try {
                devKey = KeyUtils.decodePrivateKey(Files.readString(DEV_KEY));
            } catch (Exception e) {
                throw new IllegalStateException("Development signing key " + DEV_KEY.toAbsolutePath()
                        + " unreadable: run deploy/infra/dev-keys.sh", e);
            }
        }
        return devKey;
    }

    private static synchronized PrivateKey foreignKey() {
        if (foreignKey == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                foreignKey = generator.generateKeyPair().getPrivate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return foreignKey;
    }
}
