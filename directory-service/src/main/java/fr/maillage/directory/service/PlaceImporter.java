package fr.maillage.directory.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import fr.maillage.directory.domain.Checks;
import fr.maillage.directory.domain.Commune;
import fr.maillage.directory.domain.Identifiers;
import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.domain.Place;
import fr.maillage.directory.domain.Standard;
import fr.maillage.directory.domain.StandardColumns;
import fr.maillage.directory.service.StandardReader.Format;
import fr.maillage.directory.service.StandardReader.Issue;
import fr.maillage.directory.service.StandardReader.StandardPlace;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.problem.Violation;
import fr.maillage.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Imports the places {@link StandardReader} read from a file of the standard des lieux de médiation numérique:
 * the upsert policy. Each row is upserted by the standard's {@code id} in its own transaction, so one bad row
 * never blocks or half-writes the others, and importing the same file twice changes nothing the second time.
 * <ul>
 * <li>the place is the one imported before with the same standard id, else (our own export read back) the place
 * whose UUID is that id; else it is created, with an id derived from the standard id (a re-import after a
 * deletion finds the same id);
 * <li>its structure porteuse is the partner with the row's SIRET or RNA ({@code pivot}), created when first seen;
 * without a pivot, an existing place keeps its partner;
 * <li>the commune is the row's INSEE code, else the one deduced from its postal code and name;
 * <li>the communes a place serves are not in the standard: an update keeps ours;
 * <li>a problem with an essential column ({@link StandardColumns#BLOCKING}) rejects the row; a faulty optional
 * value is left out and reported; a row that changes nothing is « inchangé » and publishes nothing.
 * </ul>
 */
@ApplicationScoped
public class PlaceImporter {
    private static final Logger LOG = Logger.getLogger(PlaceImporter.class);

    static final String CREATED = "créé";
    static final String UPDATED = "mis à jour";
    static final String UNCHANGED = "inchangé";
    static final String REJECTED = "rejeté";

    private final StandardReader reader;
    private final PlaceService places;
    private final PartnerService partners;
    private final CommuneService communes;
    private final Caller caller;

    PlaceImporter(StandardReader reader, PlaceService places, PartnerService partners, CommuneService communes, Caller caller) {
        this.reader = reader;
        this.places = places;
        this.partners = partners;
        this.communes = communes;
        this.caller = caller;
    }

    public record RowResult(int line, String id, String status, UUID placeId, List<Issue> errors, List<Issue> warnings) {
    }

    public record Report(String format, int rows, int created, int updated, int unchanged, int rejected,
            List<Issue> fileWarnings, List<RowResult> results) {
    }

    /**
     * @throws StandardReader.UnreadableFile when the file cannot be read at all
     * @throws StandardReader.TooManyRows    when it has more than {@code maxRows} rows
     */
    public Report importFile(byte[] body, Format format, int maxRows) {
        // a national file creates and changes places of many partners at once
        if (!caller.isAdmin()) {
            throw Problem.forbidden("importer un fichier du standard est réservé à l'administrateur du territoire (rôle admin)");
        }
        List<Issue> fileWarnings = new ArrayList<>();
        List<StandardPlace> rows = reader.read(body, format, fileWarnings, maxRows);
        List<RowResult> results = new ArrayList<>();
        int created = 0, updated = 0, unchanged = 0, rejected = 0;
        for (StandardPlace row : rows) {
            RowResult result = importRow(row);
            results.add(result);
            switch (result.status()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                default -> rejected++;
            }
        }
        return new Report(format.name().toLowerCase(), rows.size(), created, updated, unchanged, rejected, fileWarnings, results);
    }

    RowResult importRow(StandardPlace row) {
        List<Issue> warnings = new ArrayList<>(row.rowWarnings());
        if (!row.errors().isEmpty()) {
            return rejected(row, row.errors(), warnings);
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> upsert(row, warnings));
        } catch (RowRejected e) {
            return rejected(row, e.errors, warnings);
        } catch (Problem e) {
            if (e.kind() == Problem.Kind.RULE_BROKEN) {
                return rejected(row, e.violations().stream().map(f -> new Issue(column(f.field()), f.message())).toList(), warnings);
            }
            return failed(row, e, warnings);
        } catch (RuntimeException e) {
            return failed(row, e, warnings);
        }
    }

    /** A row that could not be stored for another reason than its content (the database, a race…). */
    private static RowResult failed(StandardPlace row, RuntimeException e, List<Issue> warnings) {
        // the exception's message may quote the row's values (an e-mail, a phone): the class and where it was thrown only
        StackTraceElement where = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
        LOG.warnf("Import: row %d failed: %s at %s", row.line(), e.getClass().getName(), where);
        return rejected(row, List.of(new Issue("ligne", "enregistrement impossible : " + rootMessage(e))), warnings);
    }

    private RowResult upsert(StandardPlace row, List<Issue> warnings) {
        List<Issue> errors = new ArrayList<>();
        PlaceCommand read = row.place();

        // the commune: by INSEE code, else by postal code + name
        String insee = read.address().inseeCode();
        String postalCode = read.address().postalCode();
        if (insee == null && postalCode != null && row.commune() != null && !row.commune().isBlank()) {
            Commune found = communes.byPostalCodeAndName(postalCode, row.commune());
            if (found != null) {
                insee = found.codeInsee;
                warnings.add(new Issue("code_insee", "code INSEE absent, déduit du code postal et du nom : " + insee));
            }
        }
        if (insee == null) {
            errors.add(new Issue("code_insee", "le code INSEE est absent et la commune n'a pas pu être déduite du code postal et du nom"));
        }

        // the place: by the standard id it was imported with, else (our own export) by its UUID
        Place existing = Place.find("sourceId", row.id()).firstResult();
        if (existing == null) {
            Place own = ownPlace(row.id());
            if (own != null && own.sourceId == null) {
                existing = own;
            }
        }

        // the partner (structure porteuse): by its SIRET or RNA, created when first seen
        UUID partnerId;
        if (row.pivot() == null && existing != null) {
            partnerId = existing.partnerId;
            warnings.add(new Issue("pivot", "pivot absent : la structure porteuse actuelle du lieu est conservée"));
        } else {
            partnerId = partnerFor(row, errors, warnings);
        }
        if (!errors.isEmpty()) {
            throw new RowRejected(errors);
        }
        warnings.addAll(row.valueWarnings());

        // the standard has no column for the communes a place serves: an update keeps ours
        PlaceCommand command = read.resolved(partnerId, insee,
                existing == null ? null : List.copyOf(existing.servedCommunes), existing == null ? null : existing.servedEpci);
        Checks checks = new Checks();
        Place place = places.validate(command, checks);
        for (Violation problem : checks.errors()) {
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
        boolean ownId = existing != null && existing.sourceId == null && existing.id.toString().equals(row.id());
        place.sourceId = ownId ? null : row.id();
        UUID placeId = existing != null ? existing.id
                : UUID.nameUUIDFromBytes(("maillage:place:" + row.id()).getBytes(StandardCharsets.UTF_8));
        Long versionBefore = existing == null ? null : existing.version;
        Written<Place> written = places.write(placeId, place, null);
        String status = written.created() ? CREATED : written.entity().version != versionBefore ? UPDATED : UNCHANGED;
        return new RowResult(row.line(), row.id(), status, placeId, List.of(), warnings);
    }

    private static Place ownPlace(String id) {
        try {
            return Place.findById(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private UUID partnerFor(StandardPlace row, List<Issue> errors, List<Issue> warnings) {
        String pivot = row.pivot();
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
        List<String> typologies = row.place().typologies().stream()
                .filter(t -> Standard.canonical(Standard.TYPOLOGIES, t) != null).toList();
        String name = row.partnerName();
        partners.put(id, new PartnerCommand(name == null ? pivot : name, typologies, rna ? null : pivot, rna ? pivot : null,
                List.of(), null, null, null), null);
        warnings.add(new Issue("pivot", "structure porteuse " + pivot + " créée à partir de cette ligne"));
        return id;
    }

    /** The standard's column for a field of the place command, so the report speaks the file's language. */
    private static String column(String field) {
        return StandardColumns.FROM_FIELD.getOrDefault(field, field);
    }

    private static RowResult rejected(StandardPlace row, List<Issue> errors, List<Issue> warnings) {
        return new RowResult(row.line(), row.id(), REJECTED, null, errors, warnings);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Ends the row's transaction (rolling back a partner created for it) with the essential columns at fault. */
    static class RowRejected extends RuntimeException {
        final List<Issue> errors;

        RowRejected(List<Issue> errors) {
            super("rejected");
            this.errors = errors;
        }
    }
}
