package fr.maillage.directory.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.directory.config.DirectoryConfig;
import fr.maillage.directory.domain.Commune;
import fr.maillage.directory.domain.Standard;
import fr.maillage.directory.service.CoverageService;
import fr.maillage.platform.api.PageRequest;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/coverage")
@Tag(name = "Coverage", description = "Communes rurales sans lieu de médiation à portée : les trous du maillage")
@Produces(MediaType.APPLICATION_JSON)
public class CoverageResource {
    private final CoverageService coverage;
    private final DirectoryConfig config;

    CoverageResource(CoverageService coverage, DirectoryConfig config) {
        this.coverage = coverage;
        this.config = config;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listUncoveredCommunes", summary = "Rural communes left without a place offering a service",
            description = "For a département or an EPCI: rural communes (INSEE density grid when supplied, else density < 200 inhabitants/km²) with no place offering `service` (any service if omitted) within `radiusKm` of their centre nor listing them among the communes it serves; most populated first, with the share of the territory's population they hold.")
    @APIResponse(responseCode = "200", description = "The gaps", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CoverageService.Coverage.class),
            examples = @ExampleObject(value = "{\"territoryType\":\"epci\",\"territoryCode\":\"248000531\",\"service\":\"Aide aux démarches administratives\",\"radiusKm\":5.0,\"communes\":33,\"population\":26000,\"ruralCommunes\":30,\"ruralPopulation\":15000,\"uncoveredCommunes\":12,\"uncoveredPopulation\":4100,\"uncoveredShareOfPopulation\":0.1577,\"items\":[{\"code\":\"80338\",\"nom\":\"…\",\"population\":900,\"densite\":60.2,\"nearestPlaceKm\":7.4}],\"page\":0,\"size\":50}")))
    @APIResponse(responseCode = "400", description = "Neither or both of departement/epci, unknown service, radius out of range, bad paging")
    @APIResponse(responseCode = "404", description = "Unknown département or EPCI")
    public CoverageService.Coverage get(
            @Parameter(description = "Département code", example = "80") @QueryParam("departement") String departement,
            @Parameter(description = "EPCI SIREN", example = "248000531") @QueryParam("epci") String epci,
            @Parameter(example = "Aide aux démarches administratives") @QueryParam("service") String service,
            @Parameter(description = "km, default 10, max 100") @QueryParam("radiusKm") String radiusParam,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        Double radiusKm = QueryParams.decimal("radiusKm", radiusParam);
        boolean hasDep = departement != null && !departement.isBlank();
        boolean hasEpci = epci != null && !epci.isBlank();
        if (hasDep == hasEpci) {
            throw Problem.badRequest("departement", "indiquez soit departement (ex. 80), soit epci (SIREN à 9 chiffres)");
        }
        double radius = radiusKm == null ? 10.0 : radiusKm;
        if (radius <= 0 || radius > 100) {
            throw Problem.badRequest("radiusKm", "le rayon doit être compris entre 0 et 100 km");
        }
        String dep = hasDep ? departement.strip().toUpperCase() : null;
        String e = hasEpci ? epci.strip() : null;
        if (hasDep && !dep.matches("\\d{2,3}|2[AB]")) {
            throw Problem.badRequest("departement", "code de département attendu (ex. 35, 2A, 974), reçu « " + departement + " »");
        }
        if (hasEpci && !e.matches("\\d{9}")) {
            throw Problem.badRequest("epci", "SIREN d'EPCI attendu (9 chiffres), reçu « " + epci + " »");
        }
        if (Commune.count(hasDep ? "codeDepartement" : "codeEpci", hasDep ? dep : e) == 0) {
            throw Problem.notFound(hasDep ? "departement" : "epci", hasDep ? "Aucune commune dans le département « " + dep + " »" : "Aucun EPCI avec le SIREN « " + e + " »");
        }
        PageRequest paging = Paging.of(QueryParams.integer("page", page), size == null ? Integer.valueOf(50) : QueryParams.integer("size", size), config);
        return coverage.compute(dep, e, PlaceResource.filter("service", service, Standard.SERVICES), radius, paging.page(),
                paging.size());
    }
}
