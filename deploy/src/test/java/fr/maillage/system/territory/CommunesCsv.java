package fr.maillage.system.territory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The communes as the project ships them (shared/data/communes.csv, what the services load into commune_ref), read by the
 * territory tests to compute their expected figures by hand: populations, centres, great-circle distances.
 */
final class CommunesCsv {
    /** The test runs from deploy/; the shared data sits beside the repository (as the services' COMMUNES_FILE). */
    static final Path FILE = Path.of(System.getProperty("maillage.communes.file", "../../shared/data/communes.csv"));
    private static final Map<String, Commune> ALL = load();

    private CommunesCsv() {
    }

    record Commune(String code, String name, String departement, String epci, String epciName, int population,
            double latitude, double longitude) {
        double kmTo(double lat, double lon) {
            return CommunesCsv.km(latitude, longitude, lat, lon);
        }
    }

    static Commune get(String code) {
        Commune c = ALL.get(code);
        if (c == null) {
            throw new IllegalArgumentException("no commune " + code + " in " + FILE);
        }
        return c;
    }

    /** The communes of an EPCI, by code. */
    static List<Commune> ofEpci(String siren) {
        List<Commune> communes = new ArrayList<>(ALL.values().stream().filter(c -> siren.equals(c.epci())).toList());
        communes.sort(Comparator.comparing(Commune::code));
        if (communes.isEmpty()) {
            throw new IllegalArgumentException("no commune of EPCI " + siren + " in " + FILE);
        }
        return communes;
    }

    /** How many communes match. */
    static int count(java.util.function.Predicate<Commune> which) {
        return (int) ALL.values().stream().filter(which).count();
    }

    /** Great-circle distance in km (haversine, mean Earth radius 6371 km). */
    static double km(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * 6371.0 * Math.asin(Math.sqrt(h));
    }

    private static Map<String, Commune> load() {
        Map<String, Commune> communes = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
            List<String> header = split(lines.get(0));
            int code = header.indexOf("code_insee");
            int name = header.indexOf("nom");
            int dep = header.indexOf("code_departement");
            int epci = header.indexOf("code_epci");
            int epciName = header.indexOf("nom_epci");
            int population = header.indexOf("population");
            int lat = header.indexOf("latitude");
            int lon = header.indexOf("longitude");
            for (String line : lines.subList(1, lines.size())) {
                List<String> f = split(line);
                if (f.size() < header.size() || f.get(lat).isEmpty() || f.get(lon).isEmpty()) {
                    continue;
                }
                communes.put(f.get(code), new Commune(f.get(code), f.get(name), f.get(dep), f.get(epci), f.get(epciName),
                        f.get(population).isEmpty() ? 0 : Integer.parseInt(f.get(population)),
                        Double.parseDouble(f.get(lat)), Double.parseDouble(f.get(lon))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(FILE + " not readable (tests run from deploy/; -Dmaillage.communes.file=…)", e);
        }
        return communes;
    }

    /** One CSV line (commas; fields may be double-quoted, as « CC de l'Aubrac, … » could be). */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
