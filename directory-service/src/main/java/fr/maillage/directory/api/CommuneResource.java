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
import fr.maillage.directory.service.CommuneService;
import fr.maillage.platform.api.PageRequest;
import fr.maillage.platform.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/communes")
@Tag(name = "Communes", description = "Référentiel des communes françaises (INSEE, Etalab)")
@Produces(MediaType.APPLICATION_JSON)
public class CommuneResource {
    private final CommuneService communes;
    private final DirectoryConfig config;

    CommuneResource(CommuneService communes, DirectoryConfig config) {
        this.communes = communes;
        this.config = config;
    }

    @GET
    @PermitAll
    @Operation(operationId = "searchCommunes", summary = "Autocomplete communes", description = "By name (accent- and case-insensitive prefix, then typo-tolerant) or by postal code prefix; most populated first.")
    @APIResponse(responseCode = "200", description = "A page of communes", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PageResponse.class),
            examples = @ExampleObject(value = "{\"items\":[{\"code\":\"80212\",\"nom\":\"Corbie\",\"departement\":\"80\",\"region\":\"32\",\"epci\":{\"code\":\"248000531\",\"nom\":\"CC du Val de Somme\"},\"codesPostaux\":[\"80800\"],\"population\":6300,\"rural\":false}],\"page\":0,\"size\":20,\"total\":1}")))
    @APIResponse(responseCode = "400", description = "Missing or too short query, bad paging")
    public PageResponse<CommuneResponse> search(
            @Parameter(description = "Name or postal code (at least 2 characters)", example = "villers bret") @QueryParam("q") String q,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        if (q == null || q.strip().length() < 2) {
            throw Problem.badRequest("q", "saisissez au moins 2 caractères du nom ou du code postal");
        }
        if (q.length() > 100) {
            throw Problem.badRequest("q", "la recherche ne doit pas dépasser 100 caractères");
        }
        PageRequest paging = Paging.of(page, size, config);
        CommuneService.Found found = communes.search(q, paging.offset(), paging.size());
        return new PageResponse<>(found.communes().stream().map(CommuneResponse::of).toList(), paging.page(), paging.size(),
                found.total());
    }

    @GET
    @PermitAll
    @Path("/{code}")
    @Operation(operationId = "getCommune", summary = "Get a commune by INSEE code", description = "Public. A current commune of the Code officiel géographique (5 characters, e.g. 80001; Corsica 2A/2B), with its postal codes, département and EPCI.")
    @APIResponse(responseCode = "200", description = "The commune", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CommuneResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown INSEE code")
    public CommuneResponse get(@PathParam("code") String code) {
        Commune commune = communes.find(code);
        if (commune == null) {
            throw Problem.notFound("code", "Aucune commune actuelle avec le code INSEE « " + code + " »");
        }
        return CommuneResponse.of(commune);
    }
}
