package fr.maillage.offers.territory;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Test-only endpoint: {@link TerritoryScope} alone, with the roles of the territory endpoints. */
@Path("/test/territory-scope")
@Produces(MediaType.APPLICATION_JSON)
public class ScopeProbeResource {
    public record Probe(SelectedTerritory territory, int communes) {
    }

    private final TerritoryScope scope;

    ScopeProbeResource(TerritoryScope scope) {
        this.scope = scope;
    }

    @GET
    @RolesAllowed({ "coordinator", "admin" })
    public Probe probe(@QueryParam("departement") String departement, @QueryParam("epci") String epci,
            @QueryParam("commune") String commune, @QueryParam("communeAllowed") boolean communeAllowed) {
        SelectedTerritory t = scope.resolve(departement, epci, commune, communeAllowed);
        return new Probe(t, t.communeCodes().size());
    }
}
