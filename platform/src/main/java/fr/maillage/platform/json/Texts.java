package fr.maillage.platform.json;

/**
 * What a stored text may contain. Texts come from partners' forms, imports and the public site; some are printed on
 * SMS, e-mails, CSV files and PDF. Refused: NUL and the other control characters (tab, line feed and carriage return
 * excepted), unpaired UTF-16 surrogates (not a character at all, they break every encoder downstream) and texts made
 * only of invisible characters (spaces, zero-width and other format characters), which look empty to a person but
 * are not blank to a validator.
 */
public final class Texts {
    private Texts() {
    }

    /** Why {@code text} may not be stored, in French (« elle contient le caractère nul (U+0000) »), or null when it may. */
    public static String refusal(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        boolean visible = false;
        boolean invisibleFormat = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    visible = true;
                    continue;
                }
                return "elle contient un caractère Unicode incomplet (demi-paire de substitution)";
            }
            if (Character.isLowSurrogate(c)) {
                return "elle contient un caractère Unicode incomplet (demi-paire de substitution)";
            }
            if (c == 0) {
                return "elle contient le caractère nul (U+0000)";
            }
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return String.format("elle contient un caractère de contrôle (U+%04X)", (int) c);
            }
            int type = Character.getType(c);
            if (type == Character.FORMAT) {
                invisibleFormat = true;
            } else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isISOControl(c)) {
                visible = true;
            }
        }
        if (!visible && invisibleFormat) {
            return "elle ne contient que des caractères invisibles";
        }
        return null;
    }
}
