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

@Path("/api/v1/epcis")
@Tag(name = "Communes", description = "Référentiel des communes françaises (INSEE, Etalab)")
@Produces(MediaType.APPLICATION_JSON)
public class EpciResource {
    private final TerritoryListService territories;
    private final DirectoryConfig config;

    EpciResource(TerritoryListService territories, DirectoryConfig config) {
        this.territories = territories;
        this.config = config;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listEpcis", summary = "List EPCI", description = "Établissements publics de coopération intercommunale à fiscalité propre of the"
            + " communes reference, by name; `q` filters by SIREN (exact) or name (accent- and case-insensitive, anywhere in the"
            + " name). Communes and population leave the arrondissements municipaux out (Paris, Lyon, Marseille counted once).")
    @APIResponse(responseCode = "200", description = "A page of EPCI", headers = @Header(name = "X-Total-Count"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PageResponse.class),
                    examples = @ExampleObject(value = "{\"items\":[{\"code\":\"248000531\",\"nom\":\"CC du Val de Somme\",\"departements\":[\"80\"],\"nombreCommunes\":33,\"population\":25000}],\"page\":0,\"size\":20,\"total\":1}")))
    @APIResponse(responseCode = "400", description = "Bad paging or `q` too long")
    public Response list(@Parameter(description = "SIREN or part of the name", example = "val de somme") @QueryParam("q") String q,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = Paging.of(page, size, config);
        TerritoryListService.Page<TerritoryListService.Epci> found = territories.epcis(DepartementResource.query(q),
                paging.offset(), paging.size());
        PageResponse<TerritoryResponses.EpciResponse> body = new PageResponse<>(
                found.items().stream().map(TerritoryResponses.EpciResponse::of).toList(), paging.page(), paging.size(), found.total());
        return Response.ok(body).header("X-Total-Count", found.total()).build();
    }

    @GET
    @PermitAll
    @Path("/{siren}")
    @Operation(operationId = "getEpci", summary = "Get an EPCI with its communes", description = "The EPCI and one page (page/size) of its communes, by name;"
            + " X-Total-Count is its number of communes.")
    @APIResponse(responseCode = "200", description = "The EPCI", headers = @Header(name = "X-Total-Count"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TerritoryResponses.EpciDetail.class)))
    @APIResponse(responseCode = "400", description = "The SIREN is not 9 digits, bad paging")
    @APIResponse(responseCode = "404", description = "No EPCI with that SIREN in the communes reference")
    public Response get(@PathParam("siren") String siren, @QueryParam("page") String page, @QueryParam("size") String size) {
        if (siren == null || !siren.matches("\\d{9}")) {
            throw Problem.badRequest("siren", "le SIREN d'un EPCI s'écrit avec 9 chiffres");
        }
        PageRequest paging = Paging.of(page, size, config);
        TerritoryListService.Epci epci = territories.epci(siren);
        if (epci == null) {
            throw Problem.notFound("siren", "Aucun EPCI avec le SIREN « " + siren + " » dans le référentiel des communes");
        }
        var communes = territories.communes(true, siren, paging.offset(), paging.size());
        var body = new TerritoryResponses.EpciDetail(epci.code(), epci.nom(), epci.departements(), epci.communes(),
                epci.population(), new PageResponse<>(communes.items().stream().map(CommuneResponse::of).toList(),
                        paging.page(), paging.size(), communes.total()));
        return Response.ok(body).header("X-Total-Count", communes.total()).build();
    }
}
