package fr.maillage.platform.json;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TextsTest {
    @Test
    void ordinaryTextsPass() {
        for (String ok : new String[] { null, "", "   ", "Élodie", "l'Hermitage", "ligne 1\nligne 2\ttab\r", "👩‍👧 famille",
                "نص", "N\u00b0 12" }) {
            assertNull(Texts.refusal(ok), ok);
        }
    }

    @Test
    void hostileTextsAreRefused() {
        for (String bad : new String[] { "\u0000", "a\u0000", "\u001b[31m", "\u007f", "\u0085", "\ud800", "a\udfff",
                "\u200b", "\u200b \u200c\u2060\ufeff", "\u00ad" }) {
            assertNotNull(Texts.refusal(bad), bad);
        }
    }
}
