package fr.maillage.directory.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.directory.config.DirectoryConfig;
import fr.maillage.directory.service.TerritoryListService;
import fr.maillage.platform.api.PageRequest;
import fr.maillage.platform.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/departements")
@Tag(name = "Communes", description = "Référentiel des communes françaises (INSEE, Etalab)")
@Produces(MediaType.APPLICATION_JSON)
public class DepartementResource {
    private final TerritoryListService territories;
    private final DirectoryConfig config;

    DepartementResource(TerritoryListService territories, DirectoryConfig config) {
        this.territories = territories;
        this.config = config;
    }

    /** The optional text filter: blank is no filter, more than 100 characters is refused. */
    static String query(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.length() > 100) {
            throw Problem.badRequest("q", "la recherche ne doit pas dépasser 100 caractères");
        }
        return q.strip();
    }

    @GET
    @PermitAll
    @Operation(operationId = "listDepartements", summary = "List départements", description = "Départements and collectivités d'outre-mer of the Code officiel"
            + " géographique 2026, in the COG's order; `q` filters by code (exact) or name (accent- and case-insensitive). Communes"
            + " and population are those of the communes reference (arrondissements municipaux left out).")
    @APIResponse(responseCode = "200", description = "A page of départements", headers = @Header(name = "X-Total-Count"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PageResponse.class),
                    examples = @ExampleObject(value = "{\"items\":[{\"code\":\"80\",\"nom\":\"Somme\",\"region\":\"32\",\"nombreCommunes\":772,\"population\":568000}],\"page\":0,\"size\":20,\"total\":1}")))
    @APIResponse(responseCode = "400", description = "Bad paging or `q` too long")
    public Response list(@Parameter(description = "Code or part of the name", example = "somme") @QueryParam("q") String q,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = Paging.of(page, size, config);
        TerritoryListService.Page<TerritoryListService.Departement> found = territories.departements(query(q), paging.offset(),
                paging.size());
        PageResponse<TerritoryResponses.DepartementResponse> body = new PageResponse<>(
                found.items().stream().map(TerritoryResponses.DepartementResponse::of).toList(), paging.page(), paging.size(),
                found.total());
        return Response.ok(body).header("X-Total-Count", found.total()).build();
    }

    @GET
    @PermitAll
    @Path("/{code}")
    @Operation(operationId = "getDepartement", summary = "Get a département with its communes", description = "The département and one page (page/size) of its"
            + " communes, by name; X-Total-Count is its number of communes.")
    @APIResponse(responseCode = "200", description = "The département", headers = @Header(name = "X-Total-Count"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TerritoryResponses.DepartementDetail.class)))
    @APIResponse(responseCode = "400", description = "Not a département code (01-95, 2A, 2B, 971-989), bad paging")
    @APIResponse(responseCode = "404", description = "No such département in the COG")
    public Response get(@PathParam("code") String code, @QueryParam("page") String page, @QueryParam("size") String size) {
        if (code == null || !code.strip().toUpperCase().matches("\\d{2}|2[AB]|9[78]\\d")) {
            throw Problem.badRequest("code", "un code de département s'écrit 01 à 95, 2A, 2B ou 971 à 989");
        }
        PageRequest paging = Paging.of(page, size, config);
        TerritoryListService.Departement d = territories.departement(code);
        if (d == null) {
            throw Problem.notFound("code", "Aucun département avec le code « " + code + " » dans le code officiel géographique");
        }
        var communes = territories.communes(false, d.code(), paging.offset(), paging.size());
        var body = new TerritoryResponses.DepartementDetail(d.code(), d.nom(), d.region(), d.communes(), d.population(),
                new PageResponse<>(communes.items().stream().map(CommuneResponse::of).toList(), paging.page(), paging.size(),
                        communes.total()));
        return Response.ok(body).header("X-Total-Count", communes.total()).build();
    }
}
