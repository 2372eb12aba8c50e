package fr.maillage.web.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The widget's allowed origins as web reads them at start (maillage.web.widget.allowed-origins). */
class WidgetFramingTest {

    @Test
    void httpsOriginsAndLocalHttpAreNormalisedOnce() {
        assertEquals(List.of("https://www.romagne.fr", "https://mairie.example.fr:8443", "http://localhost:8097", "http://127.0.0.1"),
                WidgetFraming.parse(List.of(" https://www.romagne.fr/ ", "HTTPS://Mairie.Example.FR:8443", "http://localhost:8097",
                        "http://127.0.0.1", "https://www.romagne.fr", "")));
    }

    @Test
    void anythingElseStopsTheStartNamingTheValue() {
        for (String wrong : new String[] { "http://www.romagne.fr", "https://www.romagne.fr/accueil", "https://*.romagne.fr",
                "www.romagne.fr", "'self'", "*", "https://user@romagne.fr", "https://www.romagne.fr?x=1", "ftp://romagne.fr",
                "https://", "http://localhost.evil.fr" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WidgetFraming.parse(List.of(wrong)),
                    wrong);
            assertTrue(e.getMessage().contains("« " + wrong + " »") && e.getMessage().contains("MAILLAGE_WEB_WIDGET_ALLOWED_ORIGINS"),
                    e.getMessage());
        }
    }

    @Test
    void noOriginMeansNobodyMayFrame() {
        assertEquals(List.of(), WidgetFraming.parse(Arrays.asList(" ", null)));
        assertEquals(SecurityHeaders.CSP, WidgetFraming.csp(List.of()));
        assertTrue(WidgetFraming.csp(List.of("https://a.fr", "https://b.fr")).contains("; frame-ancestors https://a.fr https://b.fr;"));
    }
}
