package fr.maillage.directory.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.directory.service.StandardReader.Format;
import fr.maillage.directory.service.StandardReader.Issue;
import fr.maillage.directory.service.StandardReader.StandardPlace;

/** Reading the standard without a database: what a row says, read leniently, and nothing decided yet. */
class StandardReaderTest {
    final StandardReader reader = new StandardReader(new ObjectMapper());

    List<StandardPlace> read(String csv, List<Issue> fileWarnings) {
        return reader.read(csv.getBytes(StandardCharsets.UTF_8), Format.CSV, fileWarnings, 10);
    }

    @Test
    void aSemicolonSpreadsheetRowBecomesAPlaceCommandWithItsWarnings() {
        List<Issue> fileWarnings = new ArrayList<>();
        StandardPlace row = read("""
                ID;pivot;nom;commune;code_postal;adresse;latitude;services;frais_a_charge;structure_parente;itinerance;date_maj
                lieu-1;213 5024 3700015;Mairie;Romagné;35133;2 rue de la Mairie;48,34;Aide aux démarches administratives,Maîtrise des outils numériques du quotidien;Gratuit : Je peux accéder gratuitement au lieu;SIRET 21350243700015;Itinérant|Fixe;hier
                """, fileWarnings).get(0);

        assertEquals(List.of("ID"), fileWarnings.stream().map(Issue::field).toList());
        assertEquals(2, row.line());
        assertEquals("lieu-1", row.id());
        assertEquals(List.of(), row.errors());
        assertEquals("21350243700015", row.pivot());
        assertEquals("Mairie", row.partnerName(), "a structure_parente naming a SIRET is not a name");
        assertEquals("Romagné", row.commune());
        PlaceCommand place = row.place();
        assertNull(place.partnerId());
        assertNull(place.address().inseeCode(), "deduced by the importer, not the reader");
        assertEquals("35133", place.address().postalCode());
        assertEquals(48.34, place.latitude());
        assertEquals(List.of("Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"), place.services());
        assertEquals(List.of("Gratuit"), place.frais());
        assertEquals("Itinérant", place.itinerance());
        assertNull(place.dateMaj());
        assertEquals(List.of("services", "frais_a_charge", "date_maj"), row.valueWarnings().stream().map(Issue::field).toList());
    }

    @Test
    void aRowWithoutIdOrWithTheWrongNumberOfCellsSaysSo() {
        List<StandardPlace> rows = read("id,nom\n,Sans id\nlieu-2,Deux,trois\n", new ArrayList<>());
        assertEquals("id", rows.get(0).errors().get(0).field());
        assertEquals(List.of(), rows.get(1).errors());
        assertEquals("ligne", rows.get(1).rowWarnings().get(0).field());
    }

    @Test
    void unreadableFilesAndTooManyRowsAreRefusedAsAWhole() {
        assertThrows(StandardReader.UnreadableFile.class, () -> read("foo,bar\n1,2\n", new ArrayList<>()));
        assertThrows(StandardReader.UnreadableFile.class,
                () -> reader.read("{\"pas\": \"un tableau\"}".getBytes(StandardCharsets.UTF_8), Format.JSON, new ArrayList<>(), 10));
        StringBuilder many = new StringBuilder("id,nom\n");
        for (int i = 0; i < 11; i++) {
            many.append("x").append(i).append(",n\n");
        }
        StandardReader.TooManyRows e = assertThrows(StandardReader.TooManyRows.class, () -> read(many.toString(), new ArrayList<>()));
        assertEquals(10, e.max);
        assertTrue(read("id,nom\nx,n\n", new ArrayList<>()).get(0).valueWarnings().isEmpty());
    }
}
