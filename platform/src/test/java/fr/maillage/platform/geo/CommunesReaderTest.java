package fr.maillage.platform.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommunesReaderTest {
    private static final String HEADER = String.join(",", CommunesReader.COLUMNS);

    @Test
    void the_supplement_fills_paris_lyon_marseille_and_adds_the_45_arrondissements(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("communes.csv");
        Files.writeString(file, HEADER + "\n"
                + "35243,Romagné,35,53,200072452,CA Fougères Agglomération,35133,2438,26.93,48.34456,-1.25896\n"
                + "75056,Paris,75,11,200054781,Métropole du Grand Paris,75001|75002,2103778,,,\n"
                + "69123,Lyon,69,84,200046977,Métropole de Lyon,69001,519127,47.87,45.7,\n");
        CommunesReader.Communes communes = CommunesReader.read(file);
        assertEquals(3 + 1 + 45, communes.rows().size(), "Marseille and the 45 arrondissements added");
        List<String> paris = communes.row("75056");
        assertEquals("48.8589", communes.cell(paris, "latitude"));
        assertEquals("2.347", communes.cell(paris, "longitude"));
        assertEquals("75001|75002", communes.cell(paris, "codes_postaux"), "the file wins where it has a value");
        List<String> lyon = communes.row("69123");
        assertEquals("45.7", communes.cell(lyon, "latitude"), "a value of the file is never replaced");
        assertEquals("4.8351", communes.cell(lyon, "longitude"));
        assertEquals("47.87", communes.cell(lyon, "superficie_km2"));
        List<String> eighth = communes.row("75108");
        assertEquals("Paris 8e Arrondissement", communes.cell(eighth, "nom"));
        assertEquals("75008", communes.cell(eighth, "codes_postaux"));
        assertEquals("200054781", communes.cell(eighth, "code_epci"));
        assertEquals("48.8732", communes.cell(eighth, "latitude"));
        assertTrue(communes.row("13055") != null, "Marseille, absent from this file, is added");
        assertTrue(communes.toCsv().startsWith(HEADER + "\n"));
        assertTrue(communes.toCsv().contains("\"Métropole d'Aix-Marseille-Provence\"") || communes.toCsv().contains("Métropole d'Aix-Marseille-Provence,"));
        for (String code : Plm.arrondissementsOf(Plm.PARIS)) {
            assertTrue(communes.row(code) != null, code);
        }
        // what a start-up compares with the last load, without parsing: the same checksum, changed by any byte
        assertEquals(communes.checksum(), CommunesReader.checksum(file));
        Files.writeString(file, Files.readString(file).replace("2438", "2439"));
        assertTrue(!communes.checksum().equals(CommunesReader.checksum(file)), "a changed file reloads");
        assertEquals(CommunesReader.read(file).checksum(), CommunesReader.checksum(file));
    }

    @Test
    void every_supplement_row_has_coordinates_postal_codes_and_population() throws Exception {
        CommunesReader.Communes alone = CommunesReader.merge(HEADER + "\n",
                new String(CommunesReader.class.getResourceAsStream(CommunesReader.SUPPLEMENT).readAllBytes()), "x");
        assertEquals(48, alone.rows().size());
        for (List<String> row : alone.rows()) {
            double lat = Double.parseDouble(alone.cell(row, "latitude"));
            double lon = Double.parseDouble(alone.cell(row, "longitude"));
            assertTrue(lat > 43 && lat < 49 && lon > 2 && lon < 6, row.toString());
            assertTrue(alone.cell(row, "codes_postaux").matches("\\d{5}(\\|\\d{5})*"), row.toString());
            assertTrue(Integer.parseInt(alone.cell(row, "population")) > 0, row.toString());
        }
    }

    @Test
    void a_file_without_a_required_column_is_refused() {
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> CommunesReader.merge("code_insee,nom\n01001,X\n", "", "x"));
    }

    @Test
    void plm_arrondissements_belong_to_their_commune() {
        assertEquals(20, Plm.arrondissementsOf("75056").size());
        assertEquals(9, Plm.arrondissementsOf("69123").size());
        assertEquals(16, Plm.arrondissementsOf("13055").size());
        assertEquals("69123", Plm.parentOf("69381"));
        assertEquals("13055", Plm.parentOf("13216"));
        assertNull(Plm.parentOf("75121"));
        assertNull(Plm.parentOf("2A004"));
        assertEquals(List.of("35243"), Plm.withArrondissements("35243"));
        assertEquals(10, Plm.withArrondissements("69123").size());
        assertEquals(List.of("69381"), Plm.withArrondissements("69381"));
    }

    @Test
    void departements_of_the_cog() {
        assertEquals("Ille-et-Vilaine", Departements.nameOf("35"));
        assertEquals("Corse-du-Sud", Departements.nameOf("2a"));
        assertEquals("La Réunion", Departements.nameOf("974"));
        assertNull(Departements.of("20"));
        assertEquals("01", Departements.all().get(0).code());
    }
}
