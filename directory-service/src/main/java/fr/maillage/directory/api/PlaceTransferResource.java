package fr.maillage.directory.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.directory.config.DirectoryConfig;
import fr.maillage.directory.service.DataInclusionExport;
import fr.maillage.directory.service.ExportService;
import fr.maillage.directory.service.PlaceImporter;
import fr.maillage.directory.service.StandardReader;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/places")
@Tag(name = "Places import/export", description = "Standard des lieux de médiation numérique v1.0 (CSV/JSON) and data·inclusion")
public class PlaceTransferResource {
    static final String REPORT_EXAMPLE = "{\"format\":\"csv\",\"rows\":1,\"created\":1,\"updated\":0,\"unchanged\":0,\"rejected\":0,\"fileWarnings\":[{\"field\":\"Itinerance\",\"message\":\"colonne « Itinerance » lue comme « itinerance » (nom exact du standard)\"}],\"results\":[{\"line\":2,\"id\":\"structure-1\",\"status\":\"créé\",\"placeId\":\"…\",\"errors\":[],\"warnings\":[{\"field\":\"prise_en_charge_specifique\",\"message\":\"valeur inconnue « Illetrisme » … — valeur ignorée\"}]}]}";

    static final String DATA_INCLUSION_EXAMPLE = "{\"schema_version\":\"1.0.8\",\"structures\":[{\"source\":\"maillage\",\"id\":\"00000000-0000-4000-8000-000000000101\",\"nom\":\"Pôle socioculturel de Romagné\",\"date_maj\":\"2026-11-01\",\"siret\":\"21350243000019\",\"reseaux_porteurs\":[\"communes\",\"conseillers-numeriques\"],\"code_insee\":\"35243\",\"commune\":\"Romagné\"}],\"services\":[{\"source\":\"maillage\",\"id\":\"00000000-0000-4000-8000-000000000101--1\",\"structure_id\":\"00000000-0000-4000-8000-000000000101\",\"nom\":\"Aide aux démarches administratives\",\"type\":\"atelier\",\"thematiques\":[\"difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives\",\"numerique--acceder-a-des-services-en-ligne\"],\"frais\":\"gratuit\",\"publics\":[\"seniors\"],\"publics_precisions\":\"Seniors\",\"modes_accueil\":[\"en-presentiel\"],\"modes_mobilisation\":[\"se-presenter\",\"telephoner\",\"utiliser-lien-mobilisation\"],\"mobilisable_par\":[\"usagers\",\"professionnels\"],\"zone_eligibilite\":[\"35\"]}],\"generated\":\"2026-12-06\"}";

    private final PlaceImporter importer;
    private final ExportService exporter;
    private final DataInclusionExport dataInclusion;
    private final DirectoryConfig config;

    PlaceTransferResource(PlaceImporter importer, ExportService exporter, DataInclusionExport dataInclusion, DirectoryConfig config) {
        this.importer = importer;
        this.exporter = exporter;
        this.dataInclusion = dataInclusion;
        this.config = config;
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "importPlaces", summary = "Import places in the standard des lieux de médiation numérique v1.0",
            description = "Role: admin (a national file creates and changes the places of many partners). Body: a CSV (text/csv, exact column names, `|`-separated lists) or JSON (application/json, array of objects with the same keys) file. Each row is upserted by the standard `id` in its own transaction; the report says for each row créé / mis à jour / inchangé / rejeté with the column and the reason in French. Importing the same file twice changes nothing.")
    @RequestBody(content = { @Content(mediaType = "text/csv"), @Content(mediaType = MediaType.APPLICATION_JSON) })
    @APIResponse(responseCode = "200", description = "Per-row report (rows may be rejected)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlaceImporter.Report.class), examples = @ExampleObject(value = REPORT_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Empty or unreadable file, or a required column (id, nom) missing")
    @APIResponse(responseCode = "413", description = "File larger than the limit or too many rows")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or wrongly signed one")
    @APIResponse(responseCode = "403", description = "Not the administrator")
    @APIResponse(responseCode = "415", description = "Neither CSV nor JSON")
    public Response importPlaces(@HeaderParam("Content-Type") String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.toLowerCase();
        StandardReader.Format format;
        if (type.startsWith("text/csv") || type.startsWith("application/csv") || type.startsWith("text/comma-separated-values")) {
            format = StandardReader.Format.CSV;
        } else if (type.startsWith("application/json")) {
            format = StandardReader.Format.JSON;
        } else {
            throw new Problem(Problem.Kind.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
                    "envoyez un fichier CSV (text/csv) ou JSON (application/json) au format du standard des lieux de médiation numérique (reçu « " + contentType + " »)");
        }
        if (body == null || body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw Problem.badRequest("fichier", "le fichier est vide");
        }
        if (body.length > config.importing().maxBytes()) {
            throw tooLarge("le fichier fait " + body.length / 1024 + " Kio ; la limite est de " + config.importing().maxBytes() / 1024
                    + " Kio : découpez-le en plusieurs fichiers");
        }
        try {
            return Response.ok(importer.importFile(body, format, config.importing().maxRows())).build();
        } catch (StandardReader.UnreadableFile e) {
            throw Problem.badRequest("fichier", e.getMessage());
        } catch (StandardReader.TooManyRows e) {
            throw tooLarge("le fichier contient plus de " + e.max + " lignes : découpez-le en plusieurs fichiers");
        }
    }

    private static Problem tooLarge(String detail) {
        return new Problem(Problem.Kind.PAYLOAD_TOO_LARGE, "fichier", detail);
    }

    @GET
    @Path("/export")
    @Produces({ "text/csv", MediaType.APPLICATION_JSON })
    @PermitAll
    @Operation(operationId = "exportPlaces", summary = "Export all places in the standard des lieux de médiation numérique v1.0", description = "Public (open data). format=csv (default) or json; same columns and `|` lists as the standard.")
    @APIResponse(responseCode = "200", description = "The places", content = { @Content(mediaType = "text/csv"), @Content(mediaType = MediaType.APPLICATION_JSON) })
    @APIResponse(responseCode = "400", description = "Unknown format")
    public Response export(@Parameter(description = "csv or json") @QueryParam("format") String format) {
        String f = format == null ? "csv" : format.strip().toLowerCase();
        return switch (f) {
            case "csv" -> Response.ok(exporter.standardCsv(), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"lieux-de-mediation-numerique.csv\"").build();
            case "json" -> Response.ok(exporter.standardRows(), MediaType.APPLICATION_JSON).build();
            default -> throw Problem.badRequest("format", "format inconnu « " + format + " » : csv ou json");
        };
    }

    @GET
    @Path("/export/data-inclusion")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(operationId = "exportPlacesDataInclusion", summary = "Export places as data·inclusion structures and services (schema v1)",
            description = "Public (open data). data·inclusion's schema v1 (version in `schema_version`): one structure per place, one service per standard service it offers. Every coded field carries data·inclusion's own codes (thematiques, frais, publics, modes_accueil, modes_mobilisation, mobilisable_par, type, reseaux_porteurs), mapped from the standard's values in one place (directory-service/README.md, « Export data·inclusion »).")
    @APIResponse(responseCode = "200", description = "{schema_version, structures: [...], services: [...], generated}", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(value = DATA_INCLUSION_EXAMPLE)))
    public Map<String, Object> dataInclusion() {
        return dataInclusion.export();
    }
}
