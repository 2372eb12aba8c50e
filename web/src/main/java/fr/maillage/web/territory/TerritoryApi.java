package fr.maillage.web.territory;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import fr.maillage.web.api.AgentToken;

/**
 * offers-service's territory API (issue 20) as the signed-in coordinator or administrator: the same gateway and
 * settings as the other clients (config key {@code maillage-api}), the person's own access token ({@link AgentToken}),
 * so that offers-service applies the territory scope — web never re-checks it. The CSV answers are passed through
 * as they come ({@link Response}).
 */
@RegisterRestClient(configKey = "maillage-api")
@RegisterClientHeaders(AgentToken.class)
@Path("/api/v1/territory")
public interface TerritoryApi {

    @GET
    @Path("/coverage")
    @Produces("application/json")
    TerritoryDto.Coverage coverage(@QueryParam("departement") String departement, @QueryParam("epci") String epci,
            @QueryParam("theme") String theme, @QueryParam("radiusKm") Double radiusKm, @QueryParam("days") Integer days,
            @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("/coverage")
    @Produces("text/csv")
    Response coverageCsv(@QueryParam("departement") String departement, @QueryParam("epci") String epci,
            @QueryParam("theme") String theme, @QueryParam("radiusKm") Double radiusKm, @QueryParam("days") Integer days);

    @GET
    @Path("/indicators")
    @Produces("application/json")
    TerritoryDto.Indicators indicators(@QueryParam("departement") String departement, @QueryParam("epci") String epci,
            @QueryParam("commune") String commune, @QueryParam("theme") String theme, @QueryParam("from") String from,
            @QueryParam("to") String to);

    @GET
    @Path("/indicators")
    @Produces("text/csv")
    Response indicatorsCsv(@QueryParam("departement") String departement, @QueryParam("epci") String epci,
            @QueryParam("commune") String commune, @QueryParam("theme") String theme, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("table") String table);
}
