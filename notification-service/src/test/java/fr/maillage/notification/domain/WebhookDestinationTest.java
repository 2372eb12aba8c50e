package fr.maillage.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Issue 16 item 10: the one check of webhook destinations, every spelling of an internal address refused. */
class WebhookDestinationTest {

    private static WebhookDestination.Refused refused(String url, boolean allowLocalhost) {
        return assertThrows(WebhookDestination.Refused.class, () -> WebhookDestination.check(url, allowLocalhost), url);
    }

    @Test
    void everySpellingOfAnInternalAddressIsRefusedEvenWhenLocalReceiversAreAllowed() {
        for (String url : List.of("https://2130706433/", "https://0x7f000001/", "https://0177.0.0.1/", "https://127.1/",
                "https://0x7f.0.0.1/", "https://017700000001/", "https://localhost./", "https://LOCALHOST../x",
                "https://127.0.0.2/", "https://0/", "https://0.0.0.0/", "https://[::]/", "https://169.254.169.254/latest",
                "https://[::127.0.0.1]/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:10.0.0.1]/",
                "https://[::ffff:0:10.0.0.1]/", "https://[64:ff9b::169.254.169.254]/", "https://[64:ff9b::a9fe:a9fe]/",
                "https://[2002:7f00:1::]/", "https://[2002:a00:1::1]/", "https://[fe80::1%25eth0]/", "https://[fe80::1]/",
                "https://[fd00::1]/", "https://[ff02::1]/", "https://[::1]:8443/", "https://100.64.0.1/",
                "https://100.127.255.254/", "https://10.1.2.3/", "https://172.16.0.1/", "https://172.31.255.255/",
                "https://192.168.1.1/", "https://224.0.0.1/", "https://255.255.255.255/", "https://198.18.0.1/",
                "https://[64:ff9b:1::1]/", "https://[2001::1]/", "https://intranet/", "https://booking-service:8082/",
                "https://postgres.default.svc/", "https://kafka.cluster.local/", "https://metadata.google.internal/",
                "https://printer.local/", "https://a.localhost/", "https://1.2.3.4.5/", "https://1-2.3.4.5/",
                "https://example.fr.0x10/")) {
            // the flag lets "localhost", "127.0.0.1", "[::1]" through, not other spellings
            boolean allowed = url.equals("https://[::1]:8443/");
            if (!allowed) {
                WebhookDestination.Refused e = refused(url, true);
                assertFalse(e.malformed(), url + " is a forbidden destination, not a malformed URL");
            }
            refused(url, false);
        }
    }

    @Test
    void portsOutsideTheTcpRangeAndOtherSchemesAreRefused() {
        assertTrue(refused("https://partenaire.example.fr:99999/hooks", false).getMessage().contains("65535"));
        refused("https://partenaire.example.fr:0/hooks", false);
        refused("http://partenaire.example.fr/hooks", false);
        refused("ftp://partenaire.example.fr/hooks", false);
        refused("https://user:pw@partenaire.example.fr/hooks", false);
        refused("https://partenaire.example.fr/hooks#x", false);
        assertTrue(refused("pas une url", false).malformed());
        assertTrue(refused("/relative", false).malformed());
        assertTrue(refused(null, false).malformed());
    }

    @Test
    void publicDestinationsPass() throws Exception {
        for (String url : List.of("https://partenaire.example.fr/hooks", "https://partenaire.example.fr.:8443/x?y=1",
                "https://8.8.8.8/", "https://193.51.24.1/", "https://[2001:4860:4860::8888]/", "https://100.63.255.255/",
                "https://100.128.0.1/", "https://172.32.0.1/", "https://[64:ff9b::8.8.8.8]/", "https://xn--crche-dsa.fr/")) {
            WebhookDestination.check(url, false);
        }
        assertEquals("partenaire.example.fr", WebhookDestination.check("https://Partenaire.Example.FR./x", false).host());
        assertEquals(8443, WebhookDestination.check("https://partenaire.example.fr:8443/x", false).port());
    }

    @Test
    void plainLocalReceiversOnlyWithTheDevelopmentFlag() throws Exception {
        for (String url : List.of("http://localhost:8080/x", "http://127.0.0.1:9000/x", "http://[::1]:9000/x",
                "https://localhost/x")) {
            assertTrue(WebhookDestination.check(url, true).plainLoopback(), url);
            refused(url, false);
        }
    }

    @Test
    void resolvedAddressesAreCheckedAtDelivery() throws Exception {
        WebhookDestination.Target publicName = WebhookDestination.check("https://partenaire.example.fr/x", false);
        InetAddress[] rebound = { InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.7") };
        assertEquals("10.0.0.7", WebhookDestination.firstRefused(publicName, rebound).orElseThrow().getHostAddress());
        assertTrue(WebhookDestination.firstRefused(publicName, new InetAddress[] { InetAddress.getByName("127.0.0.1") })
                .isPresent(), "a public name resolving to loopback is refused even with the development flag");
        assertTrue(WebhookDestination.firstRefused(publicName, new InetAddress[] { InetAddress.getByName("8.8.4.4"),
                InetAddress.getByName("2001:4860:4860::8888") }).isEmpty());
        WebhookDestination.Target local = WebhookDestination.check("http://localhost:9000/x", true);
        InetAddress[] loopbackThenPrivate = { InetAddress.getByName("127.0.0.1"), InetAddress.getByName("10.0.0.7") };
        assertEquals("10.0.0.7", WebhookDestination.firstRefused(local, loopbackThenPrivate).orElseThrow().getHostAddress(),
                "a developer's loopback receiver passes, a private address among its addresses does not");
        for (String internal : List.of("10.1.2.3", "169.254.169.254", "::ffff:10.0.0.1", "::1", "fe80::1", "64:ff9b::a00:1",
                "2002:a9fe:a9fe::1")) {
            assertTrue(WebhookDestination.isInternal(InetAddress.getByName(internal)), internal);
        }
    }
}
