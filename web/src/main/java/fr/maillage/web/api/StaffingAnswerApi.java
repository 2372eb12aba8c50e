package fr.maillage.web.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * A staffing request answered from the link of its SMS or e-mail (/benevole/reponse/{token}), without signing in: the
 * token is the capability. Called as web's own partner-app ({@link WebToken}), like the citizens' self-service links;
 * the token is never logged (exceptions built by web carry no URL).
 */
@RegisterRestClient(configKey = "maillage-api")
@RegisterClientHeaders(WebToken.class)
@Path("/api/v1/staffing-requests/by-token")
@Produces(MediaType.APPLICATION_JSON)
public interface StaffingAnswerApi {

    @GET
    @Path("/{token}")
    VolunteerDto.StaffingRequest request(@PathParam("token") String token);

    @POST
    @Path("/{token}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    VolunteerDto.StaffingRequest answer(@PathParam("token") String token, VolunteerDto.Answer answer);
}
