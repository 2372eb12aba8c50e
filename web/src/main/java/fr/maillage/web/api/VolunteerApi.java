package fr.maillage.web.api;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The public API as the signed-in volunteer (the /benevole pages), with the volunteer's own access token
 * ({@link AgentToken}: the token of whoever is signed in; its {@code person} claim is the volunteer's directory id, so
 * booking-service scopes shifts and requests to that person). Same gateway and settings as {@link MaillageApi}.
 */
@RegisterRestClient(configKey = "maillage-api")
@RegisterClientHeaders(AgentToken.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface VolunteerApi {

    /** The person's shifts ending after {@code from} (permanence bounds); personId = the token's person. */
    @GET
    @Path("/bookings/shifts")
    Dto.Page<VolunteerDto.Shift> shifts(@QueryParam("personId") String personId, @QueryParam("from") String from,
            @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("/staffing-requests")
    Dto.Page<VolunteerDto.StaffingRequest> requests(@QueryParam("status") String status,
            @QueryParam("personId") String personId, @QueryParam("page") int page, @QueryParam("size") int size);

    @POST
    @Path("/staffing-requests/{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    VolunteerDto.StaffingRequest answer(@PathParam("id") String id, VolunteerDto.Answer answer);

    @GET
    @Path("/staff/{personId}/availability")
    VolunteerDto.Availability availability(@PathParam("personId") String personId);

    @PUT
    @Path("/staff/{personId}/availability")
    @Consumes(MediaType.APPLICATION_JSON)
    VolunteerDto.Availability saveAvailability(@PathParam("personId") String personId, VolunteerDto.Availability availability);

    @GET
    @Path("/absences")
    Dto.Page<VolunteerDto.Absence> absences(@QueryParam("personId") String personId, @QueryParam("from") String from,
            @QueryParam("page") int page, @QueryParam("size") int size);

    @POST
    @Path("/absences")
    @Consumes(MediaType.APPLICATION_JSON)
    VolunteerDto.Absence declareAbsence(@HeaderParam("Idempotency-Key") String idempotencyKey, VolunteerDto.NewAbsence absence);

    @DELETE
    @Path("/absences/{id}")
    void withdrawAbsence(@PathParam("id") String id);

    @GET
    @Path("/staff/{personId}/calendar-links")
    List<VolunteerDto.CalendarLink> calendarLinks(@PathParam("personId") String personId);

    @POST
    @Path("/staff/{personId}/calendar-links")
    VolunteerDto.CalendarLink createCalendarLink(@PathParam("personId") String personId);

    @DELETE
    @Path("/staff/{personId}/calendar-links/{id}")
    void revokeCalendarLink(@PathParam("personId") String personId, @PathParam("id") String id);
}
