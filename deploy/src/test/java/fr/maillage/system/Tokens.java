package fr.maillage.system;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import fr.maillage.deploy.DevToken;

/**
 * Signed tokens for the system tests, minted like {@code deploy/maillage token} with the development key of
 * the running stack ($MAILLAGE_RUN/jwt/private.pem, the key the services verify against).
 */
public final class Tokens {
    private Tokens() {
    }

    public static String admin() {
        return admin("system-test-admin");
    }

    /** An administrator's token with its own subject (the gateway counts each token as one client). */
    public static String admin(String subject) {
        return mint(Map.of("role", "admin", "sub", subject));
    }

    public static String agent(String org) {
        return mint(Map.of("role", "agent", "org", org, "sub", "system-test-agent@" + org));
    }

    public static String partnerApp(String org) {
        return mint(Map.of("role", "partner-app", "org", org, "sub", "system-test-app@" + org));
    }

    public static String volunteer(String person) {
        return mint(Map.of("role", "volunteer", "person", person, "sub", "system-test-volunteer@" + person));
    }

    /** A token of {@code role} for {@code org} (may be null) with its own subject: a caller of its own for the rate limits. */
    public static String withSubject(String role, String org, String subject) {
        Map<String, String> options = new HashMap<>(Map.of("role", role, "sub", subject));
        if (org != null) {
            options.put("org", org);
        }
        return mint(options);
    }

    /** A token of {@code role} for {@code org} under its own subject, issued now for {@code ttl} (ISO-8601, e.g. P30D). */
    public static String withLifetime(String role, String org, String subject, String ttl) {
        return mint(Map.of("role", role, "org", org, "sub", subject, "ttl", ttl));
    }

    static String mint(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.put("key", Path.of(System.getenv().getOrDefault("MAILLAGE_RUN", "./.run"), "jwt", "private.pem").toString());
        try {
            return DevToken.mint(all);
        } catch (Exception e) {
            throw new IllegalStateException("could not mint a test token: " + e.getMessage(), e);
        }
    }
}
