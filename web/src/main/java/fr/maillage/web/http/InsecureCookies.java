package fr.maillage.web.http;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Cookies are {@code Secure} unless {@code MAILLAGE_WEB_INSECURE_COOKIES=true} (the local run over plain HTTP, where a
 * browser would not send a Secure cookie back to a host other than localhost). The CSRF extension's switch is
 * "force Secure", and so is quarkus-oidc's for the agents' session cookie; configuration expressions cannot negate a
 * value, so this source turns the one variable into both.
 * Its ordinal is above the environment's: MAILLAGE_WEB_INSECURE_COOKIES is the only switch.
 */
public class InsecureCookies implements ConfigSource {
    static final String FORCE_SECURE = "quarkus.rest-csrf.cookie-force-secure";
    /** The agents' OIDC session and state cookies ({@code q_session}, {@code q_auth}): Secure even if one proxy hop
     *  forgets {@code X-Forwarded-Proto} (otherwise quarkus-oidc sets Secure only when the request looks like HTTPS). */
    static final String OIDC_FORCE_SECURE = "quarkus.oidc.authentication.cookie-force-secure";
    static final Set<String> NAMES = Set.of(FORCE_SECURE, OIDC_FORCE_SECURE);

    public static boolean insecure() {
        String value = System.getenv("MAILLAGE_WEB_INSECURE_COOKIES");
        if (value == null) {
            value = System.getProperty("maillage.web.insecure-cookies");
        }
        return "true".equalsIgnoreCase(value == null ? null : value.trim());
    }

    @Override
    public Set<String> getPropertyNames() {
        return NAMES;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(FORCE_SECURE, String.valueOf(!insecure()), OIDC_FORCE_SECURE, String.valueOf(!insecure()));
    }

    @Override
    public String getValue(String propertyName) {
        return NAMES.contains(propertyName) ? String.valueOf(!insecure()) : null;
    }

    @Override
    public String getName() {
        return "maillage-web-insecure-cookies";
    }

    @Override
    public int getOrdinal() {
        return 400;
    }
}
