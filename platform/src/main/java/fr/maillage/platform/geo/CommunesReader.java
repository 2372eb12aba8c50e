package fr.maillage.platform.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads the communes reference: the environment's file ({@code maillage.communes.file}, columns below) completed by
 * {@code fr/maillage/platform/geo/communes-plm.csv} shipped in this jar (Paris, Lyon, Marseille with coordinates and
 * their 45 arrondissements municipaux; sources and year in its header).
 *
 * <p>Merge rule: a supplement row whose code is already in the file only fills that row's empty cells (the file
 * wins wherever it has a value); a code the file lacks is appended. Lines starting with {@code #} are comments.
 */
public final class CommunesReader {
    /** Columns every communes file has, in this order in the files the refresh command writes. */
    public static final List<String> COLUMNS = List.of("code_insee", "nom", "code_departement", "code_region",
            "code_epci", "nom_epci", "codes_postaux", "population", "superficie_km2", "latitude", "longitude");
    static final String SUPPLEMENT = "communes-plm.csv";

    /**
     * The merged reference.
     *
     * @param columns  the file's columns (the required ones, plus optional ones such as grille_densite)
     * @param rows     one list of cells per commune, in {@code columns}' order
     * @param checksum SHA-256 of the file and the supplement, so a new release of either reloads
     */
    public record Communes(List<String> columns, List<List<String>> rows, String checksum) {
        /** The merged reference as CSV with a header line (what COPY ... WITH (FORMAT csv, HEADER true) reads). */
        public String toCsv() {
            StringBuilder out = new StringBuilder(rows.size() * 100);
            out.append(String.join(",", columns)).append('\n');
            for (List<String> row : rows) {
                out.append(Csv.format(row)).append('\n');
            }
            return out.toString();
        }

        /** The cell of a column for a row (empty string when blank). */
        public String cell(List<String> row, String column) {
            int i = columns.indexOf(column);
            return i < 0 || i >= row.size() ? "" : row.get(i);
        }

        public List<String> row(String code) {
            int i = columns.indexOf("code_insee");
            return rows.stream().filter(r -> r.get(i).equals(code)).findFirst().orElse(null);
        }
    }

    private CommunesReader() {
    }

    /** The environment's file completed by the shipped supplement. */
    public static Communes read(Path file) throws IOException {
        byte[] main = Files.readAllBytes(file);
        byte[] supplement = supplement();
        return merge(new String(main, StandardCharsets.UTF_8), new String(supplement, StandardCharsets.UTF_8),
                sha256(main, supplement));
    }

    /**
     * The checksum {@link #read} gives the reference, without parsing it: a service starting with the reference it
     * already loaded only hashes the file (milliseconds) instead of parsing its ~35,000 communes.
     */
    public static String checksum(Path file) throws IOException {
        return sha256(Files.readAllBytes(file), supplement());
    }

    private static byte[] supplement() throws IOException {
        try (InputStream in = CommunesReader.class.getResourceAsStream(SUPPLEMENT)) {
            if (in == null) {
                throw new IOException(SUPPLEMENT + " is missing from the platform jar");
            }
            return in.readAllBytes();
        }
    }

    static Communes merge(String mainText, String supplementText, String checksum) throws IOException {
        Table main = table(mainText, "communes file");
        Table extra = table(supplementText, SUPPLEMENT);
        for (String required : COLUMNS) {
            if (!main.columns.contains(required)) {
                throw new IOException("column " + required + " is missing (header: " + main.columns + ")");
            }
        }
        for (String column : main.columns) {
            if (!column.matches("[a-z_0-9]+")) {
                throw new IOException("unexpected column name " + column);
            }
        }
        int code = main.columns.indexOf("code_insee");
        Map<String, List<String>> byCode = new HashMap<>();
        for (List<String> row : main.rows) {
            byCode.put(row.get(code), row);
        }
        List<List<String>> rows = new ArrayList<>(main.rows);
        for (List<String> supplied : extra.rows) {
            String insee = supplied.get(extra.columns.indexOf("code_insee"));
            List<String> existing = byCode.get(insee);
            if (existing == null) {
                List<String> row = new ArrayList<>();
                for (String column : main.columns) {
                    int i = extra.columns.indexOf(column);
                    row.add(i < 0 ? "" : supplied.get(i));
                }
                rows.add(row);
                byCode.put(insee, row);
            } else {
                for (int i = 0; i < main.columns.size(); i++) {
                    int j = extra.columns.indexOf(main.columns.get(i));
                    if (j >= 0 && existing.get(i).isBlank() && !supplied.get(j).isBlank()) {
                        existing.set(i, supplied.get(j));
                    }
                }
            }
        }
        return new Communes(List.copyOf(main.columns), rows, checksum);
    }

    private record Table(List<String> columns, List<List<String>> rows) {
    }

    private static Table table(String text, String name) throws IOException {
        List<String> columns = null;
        List<List<String>> rows = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new StringReader(text.replace("\uFEFF", "")));
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = Csv.parseLine(line);
            if (columns == null) {
                columns = cells.stream().map(String::strip).toList();
                continue;
            }
            if (cells.size() != columns.size()) {
                throw new IOException(name + " line " + lineNumber + ": " + cells.size() + " cells, " + columns.size()
                        + " expected");
            }
            rows.add(new ArrayList<>(cells));
        }
        if (columns == null) {
            throw new IOException(name + " is empty");
        }
        return new Table(columns, rows);
    }

    static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
