package fr.maillage.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * acts for) in {@code org}; a volunteer's directory person id in {@code person}.
 */
public final class DevToken {
    static final Set<String> ROLES = Set.of("partner-app", "agent", "volunteer", "admin");

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
     * Mints a token from the same options as the command line, without the dashes: role, org, person, sub, ttl,
     * issuer, key (path of the PEM private key, default deploy/.run/jwt/private.pem).
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
        JwtClaimsBuilder claims = Jwt.issuer(options.getOrDefault("issuer", "https://maillage.local/dev"))
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
        return claims.jws().keyId("maillage-dev").sign(KeyUtils.decodePrivateKey(Files.readString(key)));
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                fail("usage: token --role partner-app|agent|volunteer|admin [--org <partner id>] [--person <person id>] [--sub <name>] [--ttl PT8H]");
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
