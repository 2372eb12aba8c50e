package fr.maillage.web.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** Review §7: the one switch MAILLAGE_WEB_INSECURE_COOKIES drives the CSRF cookie and the agents' OIDC session cookie. */
class InsecureCookiesTest {

    @Test
    void theOidcSessionCookieIsForcedSecureLikeTheCsrfCookie() {
        InsecureCookies source = new InsecureCookies();
        assertTrue(source.getPropertyNames().contains("quarkus.oidc.authentication.cookie-force-secure"));
        assertTrue(source.getPropertyNames().contains("quarkus.rest-csrf.cookie-force-secure"));
        String expected = String.valueOf(!InsecureCookies.insecure());
        assertEquals(expected, source.getValue("quarkus.oidc.authentication.cookie-force-secure"));
        assertEquals(expected, source.getProperties().get("quarkus.oidc.authentication.cookie-force-secure"));
        assertEquals(expected, source.getValue("quarkus.rest-csrf.cookie-force-secure"));
    }

    @Test
    void secureUnlessTheSwitchSaysOtherwise() {
        assumeTrue(System.getenv("MAILLAGE_WEB_INSECURE_COOKIES") == null);
        String before = System.getProperty("maillage.web.insecure-cookies");
        try {
            System.clearProperty("maillage.web.insecure-cookies");
            assertEquals("true", new InsecureCookies().getValue("quarkus.oidc.authentication.cookie-force-secure"));
            System.setProperty("maillage.web.insecure-cookies", "true");
            assertEquals("false", new InsecureCookies().getValue("quarkus.oidc.authentication.cookie-force-secure"));
        } finally {
            if (before == null) {
                System.clearProperty("maillage.web.insecure-cookies");
            } else {
                System.setProperty("maillage.web.insecure-cookies", before);
            }
        }
    }
}
