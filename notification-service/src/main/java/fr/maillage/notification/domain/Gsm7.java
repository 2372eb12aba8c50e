package fr.maillage.notification.domain;

import java.text.Normalizer;
import java.util.Map;

/**
 * GSM 03.38 (GSM-7) alphabet: transliterates French text so that an SMS never falls back to UCS-2
 * (70 characters per segment instead of 160), and counts segments. No maintained Java library
 * does this transliteration, hence this small table (tested in Gsm7Test).
 */
public final class Gsm7 {
    /** Basic character set, one septet each. */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** Extension table: an escape septet plus one, so two septets each. */
    private static final String EXTENDED = "^{}\\[~]|€\f";

    /** Characters French text uses that GSM-7 lacks, and their closest GSM-7 spelling. */
    private static final Map<Character, String> TABLE = Map.ofEntries(
            Map.entry('ç', "c"), Map.entry('œ', "oe"), Map.entry('Œ', "OE"),
            Map.entry('’', "'"), Map.entry('‘', "'"), Map.entry('ʼ', "'"),
            Map.entry('«', "\""), Map.entry('»', "\""), Map.entry('“', "\""), Map.entry('”', "\""),
            Map.entry('–', "-"), Map.entry('—', "-"), Map.entry('‑', "-"), Map.entry('…', "..."),
            Map.entry('\u00A0', " "), Map.entry('\u202F', " "), Map.entry('\u2009', " "), Map.entry('\t', " "),
            Map.entry('•', "-"), Map.entry('°', "o"));

    private Gsm7() {
    }

    /** @return the text with every character in GSM-7 (accents GSM-7 lacks are dropped: ê→e, À→A). */
    public static String transliterate(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isGsm(c)) {
                out.append(c);
                continue;
            }
            String mapped = TABLE.get(c);
            if (mapped != null) {
                out.append(mapped);
                continue;
            }
            // ê, â, î, ô, û, ë, ï, À, È... : drop the accent; what is still not GSM-7 becomes '?'
            String stripped = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            for (char s : stripped.toCharArray()) {
                out.append(isGsm(s) ? s : '?');
            }
        }
        return out.toString();
    }

    public static boolean isGsm(char c) {
        return BASIC.indexOf(c) >= 0 || EXTENDED.indexOf(c) >= 0;
    }

    /** Septets the (already GSM-7) text uses: extension characters count twice. */
    public static int septets(String gsmText) {
        int n = 0;
        for (int i = 0; i < gsmText.length(); i++) {
            n += EXTENDED.indexOf(gsmText.charAt(i)) >= 0 ? 2 : 1;
        }
        return n;
    }

    /** Segments billed: 160 septets fit in one; concatenated messages carry 153 each. */
    public static int segments(String gsmText) {
        int septets = septets(gsmText);
        if (septets <= 160) {
            return 1;
        }
        return (septets + 152) / 153;
    }
}
