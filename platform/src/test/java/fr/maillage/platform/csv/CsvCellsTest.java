package fr.maillage.platform.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvCellsTest {
    @Test
    void formulaTriggersAreNeutralised() {
        assertEquals("'=cmd|' /C calc'!A0", CsvCells.neutralise("=cmd|' /C calc'!A0"));
        assertEquals("'+33 6 12", CsvCells.neutralise("+33 6 12"));
        assertEquals("'-2+3", CsvCells.neutralise("-2+3"));
        assertEquals("'@SUM(A1)", CsvCells.neutralise("@SUM(A1)"));
        assertEquals("'\tx", CsvCells.neutralise("\tx"));
        assertEquals("'\rx", CsvCells.neutralise("\rx"));
        assertEquals("Médiathèque", CsvCells.neutralise("Médiathèque"));
        assertEquals("'ordinaire", CsvCells.neutralise("'ordinaire"));
        assertNull(CsvCells.neutralise(null));
    }

    @Test
    void importGivesBackTheOriginal() {
        for (String text : List.of("=cmd|' /C calc'!A0", "'=déjà protégé", "''=x", "'", "", "'texte", "-", "@", "a=b",
                "'''''''''''''''''''''''''''''''''''''''''''''''''''''''''+")) {
            assertEquals(text, CsvCells.restore(CsvCells.neutralise(text)), text);
        }
        assertEquals("''=déjà protégé", CsvCells.neutralise("'=déjà protégé"));
    }
}
