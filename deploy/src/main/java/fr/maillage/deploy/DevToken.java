package fr.maillage.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Mints signed development tokens so a newcomer can call the API through the gateway:
 * <pre>deploy/maillage token --role agent --org 00000000-0000-4000-8000-000000000003</pre>
 * Roles travel in the MicroProfile JWT {@code groups} claim; the organisation (the partner the caller
 * acts for) in {@code org}; a volunteer's directory person id in {@code person}; a coordinator's territories in the
 * array {@code territory} ({@code --territory epci:248000499,dep:80}, comma-separated, as Keycloak's multivalued user
 * attribute).
 * <p>
 * The tokens look like the local Keycloak's (deploy/infra/keycloak.sh): its realm's issuer ({@link #ISSUER}, or
 * {@code $MAILLAGE_ISSUER}) and, in the header, the key id Keycloak gives the run's development key, which
 * keycloak.sh imports as the realm's active RS256 key — so the services, which trust the realm's JWKS only, accept
 * them for any ad-hoc organisation.
 */
public final class DevToken {
    static final Set<String> ROLES = Set.of("partner-app", "agent", "volunteer", "admin", "coordinator");
    /** The issuer of the local Keycloak's realm {@code maillage} (deploy/infra/keycloak.sh). */
    public static final String ISSUER = "http://127.0.0.1:8180/realms/maillage";

    private DevToken() {
    }

    public static void main(String[] args) throws Exception {
        try {
            System.out.println(mint(parse(args)));
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    /**
     * Mints a token from the same options as the command line, without the dashes: role, org, person, territory
     * (comma-separated, becomes a JSON array), sub, ttl, issuer, key (path of the PEM private key, default deploy/.run/jwt/private.pem).
     *
     * @throws IllegalArgumentException when an option is missing or wrong, with the reason
     */
    public static String mint(Map<String, String> options) throws Exception {
        String role = options.getOrDefault("role", "");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("--role must be one of " + ROLES);
        }
        String org = options.get("org");
        if ((role.equals("partner-app") || role.equals("agent")) && org == null) {
            throw new IllegalArgumentException("--org <partner id> is required for the role " + role
                    + " (whose organisation does it act for?)");
        }
        String person = options.get("person");
        if (role.equals("volunteer") && person == null) {
            throw new IllegalArgumentException("--person <directory person id> is required for the role volunteer");
        }
        Path key = Path.of(options.getOrDefault("key", "deploy/.run/jwt/private.pem"));
        if (!Files.isReadable(key)) {
            throw new IllegalArgumentException("signing key " + key
                    + " not found: run deploy/infra/dev-keys.sh (deploy/maillage up does)");
        }
        JwtClaimsBuilder claims = Jwt.issuer(options.getOrDefault("issuer", issuer()))
                .audience("maillage")
                .subject(options.getOrDefault("sub", role + (org != null ? "@" + org : "") + (person != null ? "@" + person : "")))
                .groups(Set.of(role))
                .expiresIn(Duration.parse(options.getOrDefault("ttl", "PT8H")));
        if (org != null) {
            claims.claim("org", org);
        }
        if (person != null) {
            claims.claim("person", person);
        }
        String territory = options.get("territory");
        if (territory != null) {
            claims.claim("territory", java.util.Arrays.stream(territory.split(",")).map(String::strip)
                    .filter(t -> !t.isEmpty()).toList());
        }
        PrivateKey privateKey = KeyUtils.decodePrivateKey(Files.readString(key));
        return claims.jws().keyId(keycloakKeyId(privateKey)).sign(privateKey);
    }

    /** The issuer the services of this run trust: $MAILLAGE_ISSUER (set by deploy/lib/common.sh), else {@link #ISSUER}. */
    public static String issuer() {
        String fromEnv = System.getenv("MAILLAGE_ISSUER");
        return fromEnv == null || fromEnv.isBlank() ? ISSUER : fromEnv;
    }

    /**
     * The key id Keycloak gives an imported RSA key (its {@code KeyUtils.createKeyId}): the base64url SHA-256 of the
     * public key's X.509 (SubjectPublicKeyInfo) encoding — the {@code kid} of that key in the realm's JWKS.
     */
    static String keycloakKeyId(PrivateKey privateKey) throws Exception {
        if (!(privateKey instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalArgumentException("the signing key must be an RSA private key");
        }
        byte[] publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())).getEncoded();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(publicKey));
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                fail("usage: token --role partner-app|agent|volunteer|admin|coordinator [--org <partner id>] [--person <person id>] [--territory epci:<SIREN>,dep:<code>] [--sub <name>] [--ttl PT8H] [--issuer <url>]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static void fail(String message) {
        System.err.println("[maillage] ERROR: " + message);
        System.exit(2);
    }
}
