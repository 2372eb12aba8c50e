package fr.maillage.directory.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import fr.maillage.directory.domain.Checks;
import fr.maillage.directory.domain.Identifiers;
import fr.maillage.directory.domain.Standard;
import fr.maillage.directory.domain.StandardColumns;
import fr.maillage.platform.csv.CsvCells;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads a file of the standard des lieux de médiation numérique v1.0 (CSV or JSON) into one
 * {@link StandardPlace} per row: the place command the row describes, with what it says of its structure
 * porteuse and commune. It only reads: what to create, replace or skip is {@link PlaceImporter}'s business.
 *
 * <p>Real files are imperfect: values that can be read without guessing (a list separated by commas instead of
 * "|", an old wording of an enumeration such as "Gratuit : Je peux…", a header differing by case or a typo) are
 * read and reported as warnings; values that cannot be read (a number, a date) are left out and reported.
 */
@ApplicationScoped
public class StandardReader {
    private final ObjectMapper json;

    StandardReader(ObjectMapper json) {
        this.json = json;
    }

    public enum Format {
        CSV, JSON
    }

    /** A file that cannot be read at all (not CSV/JSON, no id column…): the whole import is refused. */
    public static class UnreadableFile extends RuntimeException {
        public UnreadableFile(String message) {
            super(message);
        }
    }

    /** More data rows than an import accepts: the whole import is refused. */
    public static class TooManyRows extends RuntimeException {
        public final int max;

        TooManyRows(int max) {
            super("trop de lignes");
            this.max = max;
        }
    }

    /** A problem or a remark about a column (or the row, or the file), in French, named as in the file. */
    public record Issue(String field, String message) {
    }

    /** One data row: its line (CSV) or position (JSON) and its values by standard column. */
    record Row(int line, Map<String, String> values) {
    }

    /**
     * One row read: {@code errors} non-empty when it cannot be imported at all (no id); {@code rowWarnings} about the
     * row's shape, {@code valueWarnings} about values read leniently or left out of {@code place}. The place's
     * partner, served communes and (when the row has none) INSEE code are not in the row: the importer resolves them,
     * the INSEE code from the postal code and {@code commune} (as written in the file).
     */
    public record StandardPlace(int line, String id, List<Issue> errors, List<Issue> rowWarnings, String pivot,
            String partnerName, String commune, PlaceCommand place, List<Issue> valueWarnings) {
    }

    /** The file's rows, in order; header remarks go to {@code fileWarnings}. */
    public List<StandardPlace> read(byte[] body, Format format, List<Issue> fileWarnings, int maxRows) {
        List<Row> rows = format == Format.CSV ? readCsv(body, fileWarnings, maxRows) : readJson(body, fileWarnings, maxRows);
        return rows.stream().map(StandardReader::place).toList();
    }

    // ------------------------------------------------------------------------------------------ the file

    List<Row> readCsv(byte[] body, List<Issue> fileWarnings, int maxRows) {
        String text = new String(body, StandardCharsets.UTF_8).replace("\uFEFF", "");
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        char separator = detectSeparator(text);
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class)
                .with(CsvSchema.emptySchema().withColumnSeparator(separator)).readValues(text)) {
            if (!it.hasNext()) {
                throw new UnreadableFile("le fichier est vide");
            }
            List<String> header = it.next();
            List<String> columns = mapHeader(header, fileWarnings);
            int line = 1;
            while (it.hasNext()) {
                List<String> cells = it.next();
                line++;
                if (cells.size() == 1 && cells.get(0).isBlank()) {
                    continue;
                }
                if (rows.size() >= maxRows) {
                    throw new TooManyRows(maxRows);
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < Math.min(cells.size(), columns.size()); i++) {
                    if (columns.get(i) != null) {
                        // our export guards formula-like cells with an apostrophe (CsvCells.neutralise): undone here
                        values.put(columns.get(i), CsvCells.restore(cells.get(i)));
                    }
                }
                if (cells.size() != header.size()) {
                    values.put("__cells", cells.size() + "/" + header.size());
                }
                rows.add(new Row(line, values));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableFile || e instanceof TooManyRows) {
                throw (RuntimeException) e;
            }
            throw new UnreadableFile("le fichier n'est pas un CSV lisible : " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (rows.isEmpty()) {
            throw new UnreadableFile("le fichier ne contient aucune ligne de données après l'en-tête");
        }
        return rows;
    }

    /** The standard uses commas; spreadsheet exports in French often use semicolons. */
    static char detectSeparator(String text) {
        String first = text.lines().findFirst().orElse("");
        return first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count() ? ';' : ',';
    }

    List<String> mapHeader(List<String> header, List<Issue> fileWarnings) {
        List<String> columns = new ArrayList<>();
        for (String h : header) {
            String column = StandardColumns.match(h);
            if (column == null) {
                fileWarnings.add(new Issue(h, "colonne « " + h + " » inconnue du standard : ignorée"));
            } else if (columns.contains(column)) {
                fileWarnings.add(new Issue(h, "colonne « " + h + " » en double (« " + column + " ») : ignorée"));
                column = null;
            } else if (!column.equals(h.strip())) {
                fileWarnings.add(new Issue(h, "colonne « " + h + " » lue comme « " + column + " » (nom exact du standard)"));
            }
            columns.add(column);
        }
        for (String required : List.of("id", "nom")) {
            if (!columns.contains(required)) {
                throw new UnreadableFile("la colonne obligatoire « " + required + " » est absente de l'en-tête");
            }
        }
        for (String column : StandardColumns.BLOCKING) {
            if (!columns.contains(column) && !column.equals("commune") && !column.equals("code_insee")) {
                fileWarnings.add(new Issue(column, "colonne obligatoire « " + column + " » absente : chaque ligne sera rejetée"));
            }
        }
        return columns;
    }

    List<Row> readJson(byte[] body, List<Issue> fileWarnings, int maxRows) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new UnreadableFile("le fichier n'est pas un JSON lisible : " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isMissingNode()) {
            throw new UnreadableFile("le fichier est vide");
        }
        if (root.isObject() && root.size() == 1 && root.elements().next().isArray()) {
            root = root.elements().next(); // {"lieux": [...]}
        }
        if (!root.isArray()) {
            throw new UnreadableFile("le JSON doit être un tableau de lieux (objets aux noms de colonnes du standard)");
        }
        if (root.isEmpty()) {
            throw new UnreadableFile("le tableau de lieux est vide");
        }
        if (root.size() > maxRows) {
            throw new TooManyRows(maxRows);
        }
        List<Row> rows = new ArrayList<>();
        List<Issue> headerWarnings = new ArrayList<>();
        int index = 0;
        for (JsonNode item : root) {
            index++;
            Map<String, String> values = new LinkedHashMap<>();
            if (item.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = item.fields(); fields.hasNext();) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    String column = StandardColumns.match(f.getKey());
                    if (column == null || !column.equals(f.getKey())) {
                        String message = column == null ? "champ « " + f.getKey() + " » inconnu du standard : ignoré"
                                : "champ « " + f.getKey() + " » lu comme « " + column + " » (nom exact du standard)";
                        if (headerWarnings.stream().noneMatch(w -> w.field().equals(f.getKey()))) {
                            headerWarnings.add(new Issue(f.getKey(), message));
                        }
                    }
                    if (column != null) {
                        values.put(column, text(f.getValue()));
                    }
                }
            }
            rows.add(new Row(index, values));
        }
        fileWarnings.addAll(headerWarnings);
        return rows;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> parts.add(n.asText()));
            return String.join("|", parts);
        }
        return node.asText();
    }

    // ------------------------------------------------------------------------------------------ one row

    static StandardPlace place(Row row) {
        Map<String, String> v = row.values();
        String id = blankToNull(v.get("id"));
        List<Issue> errors = new ArrayList<>();
        if (id == null) {
            errors.add(new Issue("id", "l'identifiant du lieu (id) est obligatoire"));
        } else if (id.length() > 200) {
            errors.add(new Issue("id", "l'identifiant ne doit pas dépasser 200 caractères"));
        }
        v.forEach((column, value) -> {
            String problem = column.startsWith("__") ? null : hostile(value);
            if (problem != null) {
                errors.add(new Issue(column, problem));
            }
        });
        List<Issue> rowWarnings = new ArrayList<>();
        if (v.containsKey("__cells")) {
            rowWarnings.add(new Issue("ligne", "nombre de cellules différent de l'en-tête (" + v.get("__cells") + ")"));
        }
        List<Issue> warnings = new ArrayList<>();
        List<String> typologies = list("typologie", v.get("typologie"), Standard.TYPOLOGIES, warnings);
        PlaceCommand place = new PlaceCommand(null, v.get("nom"),
                new PlaceCommand.Address(v.get("adresse"), v.get("complement_adresse"), blankToNull(v.get("code_postal")),
                        blankToNull(v.get("code_insee"))),
                number("latitude", v.get("latitude"), warnings), number("longitude", v.get("longitude"), warnings),
                blankToNull(v.get("horaires")), blankToNull(v.get("telephone")),
                first("courriels", v.get("courriels"), warnings), first("site_web", v.get("site_web"), warnings),
                presentation(v), typologies,
                list("services", v.get("services"), Standard.SERVICES, warnings),
                list("publics_specifiquement_adresses", v.get("publics_specifiquement_adresses"), Standard.PUBLICS, warnings),
                list("prise_en_charge_specifique", v.get("prise_en_charge_specifique"), Standard.PRISE_EN_CHARGE, warnings),
                list("frais_a_charge", v.get("frais_a_charge"), Standard.FRAIS, warnings),
                list("dispositif_programmes_nationaux", v.get("dispositif_programmes_nationaux"), Standard.PROGRAMMES, warnings),
                list("formations_labels", v.get("formations_labels"), Standard.FORMATIONS_LABELS, warnings),
                list("modalites_acces", v.get("modalites_acces"), Standard.MODALITES_ACCES, warnings),
                list("modalites_accompagnement", v.get("modalites_accompagnement"), Standard.MODALITES_ACCOMPAGNEMENT, warnings),
                itinerance(v.get("itinerance")), blankToNull(v.get("fiche_acces_libre")), blankToNull(v.get("prise_rdv")),
                date(v.get("date_maj"), warnings), null, null);
        return new StandardPlace(row.line(), id, errors, rowWarnings, Identifiers.compact(v.get("pivot")), partnerName(v),
                v.get("commune"), place, warnings);
    }

    /** The structure porteuse's name: structure_parente, unless it holds a SIRET or is too long, else the place's. */
    private static String partnerName(Map<String, String> v) {
        String name = blankToNull(v.get("structure_parente"));
        if (name == null || name.toUpperCase().contains("SIRET") || name.length() > 200) {
            name = v.get("nom");
        }
        return name;
    }

    // ------------------------------------------------------------------------------------------ lenient values

    /**
     * Splits a standard list ("|"); a piece that is not a valid value but reads as several valid ones
     * separated by commas, or as the old "Valeur : explication" wording, is read with a warning. Values
     * still unknown are passed on, so the validator reports them with the allowed values.
     */
    static List<String> list(String column, String raw, List<String> allowed, List<Issue> warnings) {
        List<String> values = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return values;
        }
        boolean commaWarned = false;
        for (String piece : raw.split("\\|")) {
            String p = piece.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (Standard.canonical(allowed, p) != null) {
                values.add(p);
                continue;
            }
            if (p.contains(",")) {
                if (!commaWarned) {
                    warnings.add(new Issue(column, "valeurs séparées par « , » : le standard sépare les valeurs par « | » ; lues quand même"));
                    commaWarned = true;
                }
                for (String sub : p.split(",")) {
                    if (!sub.isBlank()) {
                        values.add(oldWording(column, sub.strip(), allowed, warnings));
                    }
                }
                continue;
            }
            values.add(oldWording(column, p, allowed, warnings));
        }
        return values;
    }

    private static String oldWording(String column, String value, List<String> allowed, List<Issue> warnings) {
        int colon = value.indexOf(" : ");
        if (Standard.canonical(allowed, value) == null && colon > 0) {
            String head = value.substring(0, colon).strip();
            if (Standard.canonical(allowed, head) != null) {
                warnings.add(new Issue(column, "ancienne formulation « " + value + " » lue comme « " + head + " »"));
                return head;
            }
        }
        return value;
    }

    private static String first(String column, String raw, List<Issue> warnings) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String[] parts = raw.split("[|,;]");
        String first = parts[0].strip();
        if (parts.length > 1) {
            warnings.add(new Issue(column, "plusieurs valeurs : seule la première (« " + first + " ») est conservée"));
        }
        return first;
    }

    private static Double number(String column, String raw, List<Issue> warnings) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(raw.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            warnings.add(new Issue(column, "« " + raw + " » n'est pas un nombre — valeur ignorée"));
            return null;
        }
    }

    private static LocalDate date(String raw, List<Issue> warnings) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            warnings.add(new Issue("date_maj", "« " + raw + " » n'est pas une date AAAA-MM-JJ — valeur ignorée"));
            return null;
        }
        String problem = Checks.dateMajProblem(date);
        if (problem != null) {
            warnings.add(new Issue("date_maj", problem + " — valeur ignorée"));
            return null;
        }
        return date;
    }

    private static String itinerance(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        // the standard allows "Itinérant|Fixe": a place that also moves is itinerant for our searches
        return raw.contains("Itinérant") ? "Itinérant" : raw.split("[|;,]")[0].strip();
    }

    private static String presentation(Map<String, String> v) {
        String resume = blankToNull(v.get("presentation_resume"));
        String detail = blankToNull(v.get("presentation_detail"));
        String stem = resume == null ? null : resume.endsWith("…") ? resume.substring(0, resume.length() - 1) : resume;
        // our own export cuts a long presentation into a summary that starts the detail: no doubling
        String text = resume == null ? detail : detail == null ? resume : detail.startsWith(stem) ? detail : resume + "\n\n" + detail;
        return text == null ? null : text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    /**
     * Why a cell cannot be stored as text (the row is then rejected, naming the column), or null: a NUL or another
     * control character (tab, CR and LF are text), half of a surrogate pair, or only invisible characters (zero-width
     * spaces, joiners, BOMs…) where a value is expected. PostgreSQL refuses NUL in text; the others would be stored and
     * shown as an empty or corrupt value.
     */
    static String hostile(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        boolean visible = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                visible = true;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return "caractère invalide (moitié de paire de substitution UTF-16) en position " + (i + 1);
            }
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c >= 0x7F && c <= 0x9F) {
                return "caractère de contrôle interdit (U+" + String.format("%04X", (int) c) + ") en position " + (i + 1);
            }
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && Character.getType(c) != Character.FORMAT) {
                visible = true;
            }
        }
        return visible || value.isBlank() ? null : "la valeur n'est faite que de caractères invisibles";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
