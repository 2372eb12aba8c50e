package fr.maillage.platform.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The départements (and collectivités d'outre-mer) of the Code officiel géographique, read from
 * {@code fr/maillage/platform/geo/departements.csv} (source and year in its header).
 */
public final class Departements {
    public record Departement(String code, String nom, String region) {
    }

    private static final Map<String, Departement> ALL = load();

    private Departements() {
    }

    /** All of them, in the COG's order (01 ... 95, 971 ... 989). */
    public static List<Departement> all() {
        return List.copyOf(ALL.values());
    }

    /** The département with that code ("01", "2A", "974"), or null. */
    public static Departement of(String code) {
        return code == null ? null : ALL.get(code.strip().toUpperCase());
    }

    /** Its name, or null when the code is unknown. */
    public static String nameOf(String code) {
        Departement d = of(code);
        return d == null ? null : d.nom();
    }

    private static Map<String, Departement> load() {
        Map<String, Departement> map = new LinkedHashMap<>();
        try (InputStream in = Departements.class.getResourceAsStream("departements.csv")) {
            if (in == null) {
                throw new IllegalStateException("departements.csv is missing from the platform jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                List<String> cells = Csv.parseLine(line);
                map.put(cells.get(0), new Departement(cells.get(0), cells.get(1), cells.get(2).isEmpty() ? null : cells.get(2)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(map);
    }
}
