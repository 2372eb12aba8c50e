package fr.maillage.platform.csv;

/**
 * CSV formula injection (OWASP « CSV Injection »): a spreadsheet opening a CSV runs a text cell that starts with
 * {@code = + - @}, a tab or a carriage return as a formula ({@code =cmd|' /C calc'!A0}). Every CSV Maillage writes
 * passes its text cells through {@link #neutralise}, which puts an apostrophe in front of such a cell (shown as text,
 * never run); every CSV import passes them through {@link #restore}, which removes exactly that apostrophe, so
 * export then import gives back the original text. The mapping is a bijection: a text that really starts with an
 * apostrophe followed by one of those characters gets one more apostrophe. Numbers are not text cells: write them
 * as numbers (a negative longitude stays {@code -1.68}).
 */
public final class CsvCells {
    private CsvCells() {
    }

    /** The text as a CSV cell that no spreadsheet runs as a formula; null stays null. */
    public static String neutralise(String text) {
        return text != null && guarded(text) ? "'" + text : text;
    }

    /** The text {@link #neutralise} was given; a cell it did not change is returned as is. */
    public static String restore(String cell) {
        return cell != null && cell.startsWith("'") && guarded(cell.substring(1)) ? cell.substring(1) : cell;
    }

    /** Starts with a formula trigger, or is an already-guarded text (so that guarding stays reversible). */
    private static boolean guarded(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) == '\'') {
            i++;
        }
        if (i == text.length()) {
            return false;
        }
        char first = text.charAt(i);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
