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
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import fr.maillage.directory.api.PartnerRequest;
import fr.maillage.directory.api.PlaceRequest;
import fr.maillage.directory.domain.Checks;
import fr.maillage.directory.domain.Commune;
import fr.maillage.directory.domain.DomainValidationException;
import fr.maillage.directory.domain.FieldError;
import fr.maillage.directory.domain.Identifiers;
import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.domain.Place;
import fr.maillage.directory.domain.Standard;
import fr.maillage.directory.domain.StandardColumns;
import fr.maillage.directory.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Import of a file in the standard des lieux de médiation numérique v1.0 (CSV or JSON). Each row is
 * upserted by the standard's {@code id} in its own transaction, so one bad row never blocks or
 * half-writes the others, and importing the same file twice changes nothing the second time.
 *
 * <p>Real files are imperfect: values that can be read without guessing (a list separated by commas
 * instead of "|", an old wording of an enumeration such as "Gratuit : Je peux…", a header differing by
 * case or a typo) are read and reported as warnings; optional values that are wrong are left out and
 * reported; a row whose essentials (id, pivot, name, address, commune, services) are wrong is rejected.
 */
@ApplicationScoped
public class ImportService {
    private static final Logger LOG = Logger.getLogger(ImportService.class);
    static final String SOURCE = "standard-mediation-numerique";

    private final PlaceService places;
    private final PartnerService partners;
    private final CommuneService communes;
    private final ObjectMapper json;
    private final Caller caller;

    ImportService(PlaceService places, PartnerService partners, CommuneService communes, ObjectMapper json, Caller caller) {
        this.places = places;
        this.partners = partners;
        this.communes = communes;
        this.json = json;
        this.caller = caller;
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

    public record Issue(String field, String message) {
    }

    public record RowResult(int line, String id, String status, UUID placeId, List<Issue> errors, List<Issue> warnings) {
    }

    public record Report(String format, int rows, int created, int updated, int unchanged, int rejected,
            List<Issue> fileWarnings, List<RowResult> results) {
    }

    record Row(int line, Map<String, String> values) {
    }

    public Report importFile(byte[] body, Format format, int maxRows) {
        // a national file creates and changes places of many partners at once
        caller.requireAdmin("importer un fichier du standard");
        List<Issue> fileWarnings = new ArrayList<>();
        List<Row> rows = format == Format.CSV ? readCsv(body, fileWarnings, maxRows) : readJson(body, fileWarnings, maxRows);
        List<RowResult> results = new ArrayList<>();
        int created = 0, updated = 0, unchanged = 0, rejected = 0;
        for (Row row : rows) {
            RowResult result = importRow(row);
            results.add(result);
            switch (result.status()) {
                case "créé" -> created++;
                case "mis à jour" -> updated++;
                case "inchangé" -> unchanged++;
                default -> rejected++;
            }
        }
        return new Report(format.name().toLowerCase(), rows.size(), created, updated, unchanged, rejected, fileWarnings, results);
    }

    // ------------------------------------------------------------------------------------------ reading

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
                        values.put(columns.get(i), cells.get(i));
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

    public static class TooManyRows extends RuntimeException {
        public final int max;

        TooManyRows(int max) {
            super("trop de lignes");
            this.max = max;
        }
    }

    // ------------------------------------------------------------------------------------------ one row

    RowResult importRow(Row row) {
        Map<String, String> v = row.values();
        String id = blankToNull(v.get("id"));
        List<Issue> warnings = new ArrayList<>();
        if (v.containsKey("__cells")) {
            warnings.add(new Issue("ligne", "nombre de cellules différent de l'en-tête (" + v.get("__cells") + ")"));
        }
        if (id == null) {
            return rejected(row, null, List.of(new Issue("id", "l'identifiant du lieu (id) est obligatoire")), warnings);
        }
        if (id.length() > 200) {
            return rejected(row, id, List.of(new Issue("id", "l'identifiant ne doit pas dépasser 200 caractères")), warnings);
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> upsert(row, id, warnings));
        } catch (RowRejected e) {
            return rejected(row, id, e.errors, warnings);
        } catch (DomainValidationException e) {
            return rejected(row, id, e.errors().stream().map(f -> new Issue(column(f.field()), f.message())).toList(), warnings);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Import: row %d (%s) failed", row.line(), id);
            return rejected(row, id, List.of(new Issue("ligne", "enregistrement impossible : " + rootMessage(e))), warnings);
        }
    }

    private RowResult upsert(Row row, String id, List<Issue> warnings) {
        Map<String, String> v = row.values();
        List<Issue> errors = new ArrayList<>();

        // the commune: by INSEE code, else by postal code + name
        String insee = blankToNull(v.get("code_insee"));
        String postalCode = blankToNull(v.get("code_postal"));
        if (insee == null && postalCode != null && blankToNull(v.get("commune")) != null) {
            Commune found = communes.byPostalCodeAndName(postalCode, v.get("commune"));
            if (found != null) {
                insee = found.codeInsee;
                warnings.add(new Issue("code_insee", "code INSEE absent, déduit du code postal et du nom : " + insee));
            }
        }
        if (insee == null) {
            errors.add(new Issue("code_insee", "le code INSEE est absent et la commune n'a pas pu être déduite du code postal et du nom"));
        }

        // the place: by the standard id it was imported with, else (our own export) by its UUID
        Place existing = Place.find("sourceId", id).firstResult();
        if (existing == null) {
            Place own = ownPlace(id);
            if (own != null && own.sourceId == null) {
                existing = own;
            }
        }

        // the partner (structure porteuse): by its SIRET or RNA, created when first seen
        UUID partnerId;
        if (blankToNull(v.get("pivot")) == null && existing != null) {
            partnerId = existing.partnerId;
            warnings.add(new Issue("pivot", "pivot absent : la structure porteuse actuelle du lieu est conservée"));
        } else {
            partnerId = partnerFor(v, errors, warnings);
        }
        if (!errors.isEmpty()) {
            throw new RowRejected(errors);
        }

        List<String> typologies = list("typologie", v.get("typologie"), Standard.TYPOLOGIES, warnings);
        PlaceRequest request = new PlaceRequest(partnerId, v.get("nom"),
                new PlaceRequest.Address(v.get("adresse"), v.get("complement_adresse"), postalCode, insee),
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
                date(v.get("date_maj"), warnings),
                // the standard has no column for the communes a place serves: an update keeps ours
                existing == null ? null : List.copyOf(existing.servedCommunes), existing == null ? null : existing.servedEpci);

        Checks checks = new Checks();
        Place place = places.validate(request, checks);
        for (FieldError problem : checks.errors()) {
            String column = column(problem.field());
            if (StandardColumns.BLOCKING.contains(column)) {
                errors.add(new Issue(column, problem.message()));
            } else {
                warnings.add(new Issue(column, problem.message() + " — valeur ignorée"));
            }
        }
        if (!errors.isEmpty()) {
            throw new RowRejected(errors);
        }
        if (place.latitude == null) {
            Commune commune = communes.find(place.inseeCode);
            if (commune != null && commune.latitude != null) {
                place.latitude = commune.latitude;
                place.longitude = commune.longitude;
                warnings.add(new Issue("latitude", "position absente ou ignorée : centre de " + commune.nom + " utilisé"));
            }
        }
        boolean ownId = existing != null && existing.sourceId == null && existing.id.toString().equals(id);
        place.sourceId = ownId ? null : id;
        UUID placeId = existing != null ? existing.id : UUID.nameUUIDFromBytes(("maillage:place:" + id).getBytes(StandardCharsets.UTF_8));
        Long versionBefore = existing == null ? null : existing.version;
        Written<Place> written = places.write(placeId, place, null);
        String status = written.created() ? "créé" : written.entity().version != versionBefore ? "mis à jour" : "inchangé";
        return new RowResult(row.line(), id, status, placeId, List.of(), warnings);
    }

    private static Place ownPlace(String id) {
        try {
            return Place.findById(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private UUID partnerFor(Map<String, String> v, List<Issue> errors, List<Issue> warnings) {
        String pivot = Identifiers.compact(v.get("pivot"));
        if (pivot == null) {
            errors.add(new Issue("pivot", "le SIRET ou RNA de la structure (pivot) est obligatoire"));
            return null;
        }
        boolean rna = pivot.startsWith("W");
        String problem = rna ? Identifiers.rnaProblem(pivot) : Identifiers.siretProblem(pivot);
        if (problem != null) {
            errors.add(new Issue("pivot", problem));
            return null;
        }
        Partner existing = Partner.find(rna ? "rna" : "siret", pivot).firstResult();
        if (existing != null) {
            return existing.id;
        }
        UUID id = UUID.nameUUIDFromBytes(("maillage:partner:" + pivot).getBytes(StandardCharsets.UTF_8));
        String name = blankToNull(v.get("structure_parente"));
        if (name == null || name.toUpperCase().contains("SIRET") || name.length() > 200) {
            name = v.get("nom");
        }
        List<String> typologies = list("typologie", v.get("typologie"), Standard.TYPOLOGIES, new ArrayList<>()).stream()
                .filter(t -> Standard.canonical(Standard.TYPOLOGIES, t) != null).toList();
        partners.put(id, new PartnerRequest(name == null ? pivot : name, typologies, rna ? null : pivot, rna ? pivot : null,
                List.of(), null, null, null), null);
        warnings.add(new Issue("pivot", "structure porteuse " + pivot + " créée à partir de cette ligne"));
        return id;
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
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            warnings.add(new Issue("date_maj", "« " + raw + " » n'est pas une date AAAA-MM-JJ — valeur ignorée"));
            return null;
        }
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

    private static String column(String field) {
        return StandardColumns.FROM_FIELD.getOrDefault(field, field);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static RowResult rejected(Row row, String id, List<Issue> errors, List<Issue> warnings) {
        return new RowResult(row.line(), id, "rejeté", null, errors, warnings);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    static class RowRejected extends RuntimeException {
        final List<Issue> errors;

        RowRejected(List<Issue> errors) {
            super("rejected");
            this.errors = errors;
        }
    }
}
