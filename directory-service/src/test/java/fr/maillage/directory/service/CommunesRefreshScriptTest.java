package fr.maillage.directory.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import fr.maillage.platform.geo.CommunesReader;

/**
 * Issue 21 item 6 (geo): deploy/data/communes/refresh.sh rebuilds the communes file from the COG; run offline on its
 * fixture (COG 2026 extracts), it writes the columns and the very rows of shared/data/communes.csv and a sidecar
 * saying which COG year it holds, and the platform's reader takes the result.
 */
class CommunesRefreshScriptTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theRefreshCommandRebuildsTheSameColumnsAndRowsAndSaysItsCogYear() throws Exception {
        Path out = Path.of("target/communes-refresh/communes.csv").toAbsolutePath();
        Files.createDirectories(out.getParent());
        Process process = new ProcessBuilder("bash", REPO.resolve("deploy/data/communes/refresh.sh").toString(), "--offline",
                REPO.resolve("deploy/data/communes/fixture").toString(), "--out", out.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "refresh.sh did not end");
        assertEquals(0, process.exitValue(), "refresh.sh failed (node >= 18 is needed): " + output);

        List<String> written = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(String.join(",", CommunesReader.COLUMNS), written.get(0));
        List<String> environment = Files.readAllLines(Path.of("../../shared/data/communes.csv"), StandardCharsets.UTF_8);
        assertEquals(environment.get(0), written.get(0), "the columns of the environment's file");
        // communes actuelles only (the fixture's arrondissement 75108 is left to communes-plm.csv), each row as the
        // environment's file writes it
        assertEquals(6, written.size());
        for (String row : written.subList(1, written.size())) {
            assertTrue(environment.contains(row), "not a row of shared/data/communes.csv: " + row);
        }
        String source = Files.readString(Path.of(out + ".source.txt"));
        assertTrue(source.contains("cog=2026"), source);
        assertTrue(source.contains("rows=5"), source);

        CommunesReader.Communes merged = CommunesReader.read(out);
        assertEquals("48.8589", merged.cell(merged.row("75056"), "latitude"), "the supplement completes the refreshed file");
        assertEquals("35133", merged.cell(merged.row("35243"), "codes_postaux"));
    }
}
