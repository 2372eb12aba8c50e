package fr.maillage.platform.testing;

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
 * Shared by every service's tests (platform test-jar). Tokens as deploy/maillage token mints them (same claims, same development key, created by
 * deploy/infra/dev-keys.sh), plus the broken ones a resource server must refuse.
 */
public final class Tokens {
    public static final String ISSUER = "https://maillage.local/dev";
    private static final PrivateKey DEV_KEY = devKey();

    private Tokens() {
    }

    public static String admin() {
        return sign(claims("admin", null, null), DEV_KEY);
    }

    public static String agent(UUID org) {
        return sign(claims("agent", org, null), DEV_KEY);
    }

    public static String partnerApp(UUID org) {
        return sign(claims("partner-app", org, null), DEV_KEY);
    }

    public static String volunteer(UUID person) {
        return sign(claims("volunteer", null, person), DEV_KEY);
    }

    /** A coordinator of {@code territories} ({@code epci:<SIREN>}, {@code dep:<code>}; the claim is an array). */
    public static String coordinator(String... territories) {
        return sign(claims("coordinator", null, null).subject("coordinator@" + String.join(",", territories))
                .claim("territory", java.util.List.of(territories)), DEV_KEY);
    }

    /** Any role, organisation and person (null: claim absent). */
    public static String of(String role, UUID org, UUID person) {
        return sign(claims(role, org, person), DEV_KEY);
    }

    /** Any role, organisation and person under a subject of its own: another client of the same organisation. */
    public static String of(String role, UUID org, UUID person, String subject) {
        return sign(claims(role, org, person).subject(subject), DEV_KEY);
    }

    public static String expired(UUID org) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(claims("agent", org, null).issuedAt(past).expiresAt(past.plus(Duration.ofHours(1))), DEV_KEY);
    }

    /** An agent's token that expires {@code in} from now. */
    public static String agentExpiringIn(UUID org, Duration in) {
        return sign(claims("agent", org, null).expiresIn(in), DEV_KEY);
    }

    /** An agent's token valid now, issued {@code lifetime} before it expires (longer than 24 h: refused). */
    public static String agentWithLifetime(UUID org, Duration lifetime) {
        Instant issued = Instant.now().minus(Duration.ofMinutes(1));
        return sign(claims("agent", org, null).issuedAt(issued).expiresAt(issued.plus(lifetime)), DEV_KEY);
    }

    /** The header and claims of {@code claimsOf} with the signature of {@code signatureOf}: a forgery. */
    public static String forged(String claimsOf, String signatureOf) {
        return claimsOf.substring(0, claimsOf.lastIndexOf('.')) + signatureOf.substring(signatureOf.lastIndexOf('.'));
    }

    public static String signedByAnotherKey(UUID org) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(claims("agent", org, null), generator.generateKeyPair().getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String otherIssuer(UUID org) {
        return claims("agent", org, null).issuer("https://idp.example.org/realms/autre").jws().keyId("maillage-dev")
                .sign(DEV_KEY);
    }

    public static String otherAudience(UUID org) {
        return claims("agent", org, null).audience("autre-service").jws().keyId("maillage-dev").sign(DEV_KEY);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    public static RequestSpecification asAdmin() {
        return as(admin());
    }

    private static JwtClaimsBuilder claims(String role, UUID org, UUID person) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).audience("maillage")
                .subject(role + (org == null ? "" : "@" + org) + (person == null ? "" : "@" + person))
                .groups(Set.of(role)).expiresIn(Duration.ofHours(1));
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

    private static PrivateKey devKey() {
        Path pem = Path.of(System.getProperty("maillage.dev-key", "../deploy/.run/jwt/private.pem"));
        try {
            return KeyUtils.decodePrivateKey(Files.readString(pem));
        } catch (Exception e) {
            throw new IllegalStateException(pem + " is needed to sign test tokens: run deploy/infra/dev-keys.sh", e);
        }
    }
}
