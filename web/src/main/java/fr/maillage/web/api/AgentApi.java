package fr.maillage.web.api;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The public API as the signed-in agent (same gateway and settings as {@link MaillageApi}: config key
 * {@code maillage-api}), with the agent's own access token ({@link AgentToken}): the desk's bookings, attendance,
 * cancellations, self-service links and referrals (orientations). Bookings and referrals carry the form's
 * {@code Idempotency-Key} ({@link fr.maillage.web.agent.Desk#formKey}): a double submit replays the first answer.
 * Since issue 19: the structure's permanences, their staff, candidates and staffing requests, the directory's people,
 * and absences/closures (preview, declare, list, withdraw) — {@link StaffDto}.
 */
@RegisterRestClient(configKey = "maillage-api")
@RegisterClientHeaders(AgentToken.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface AgentApi {

    @GET
    @Path("/bookings")
    Dto.Page<Dto.Booking> bookings(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("/bookings/{id}")
    Dto.Booking booking(@PathParam("id") String id);

    @POST
    @Path("/bookings")
    @Consumes(MediaType.APPLICATION_JSON)
    Dto.Booking book(@HeaderParam("Idempotency-Key") String idempotencyKey, Dto.DeskBooking booking);

    @POST
    @Path("/bookings/{id}/attendance")
    @Consumes(MediaType.APPLICATION_JSON)
    Dto.Booking attendance(@PathParam("id") String id, Dto.Attendance attendance);

    @POST
    @Path("/bookings/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    Dto.Booking cancel(@PathParam("id") String id, Dto.Cancel cancel);

    @POST
    @Path("/bookings/{id}/self-service-link")
    Dto.LinkSent resendLink(@PathParam("id") String id);

    @GET
    @Path("/referrals")
    Dto.Page<Dto.Referral> referrals(@QueryParam("direction") String direction, @QueryParam("page") int page,
            @QueryParam("size") int size);

    @GET
    @Path("/referrals/{id}")
    Dto.Referral referral(@PathParam("id") String id);

    @POST
    @Path("/referrals")
    @Consumes(MediaType.APPLICATION_JSON)
    Dto.Referral refer(@HeaderParam("Idempotency-Key") String idempotencyKey, Dto.NewReferral referral);

    @POST
    @Path("/referrals/{id}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    Dto.Referral outcome(@PathParam("id") String id, Dto.Outcome outcome);

    // ------------------------------------------------------------------ issue 19: permanences, staff, absences

    @GET
    @Path("/permanences")
    Dto.Page<StaffDto.Permanence> permanences(@QueryParam("understaffed") Boolean understaffed, @QueryParam("page") int page,
            @QueryParam("size") int size);

    @GET
    @Path("/permanences/{id}")
    StaffDto.Permanence permanence(@PathParam("id") String id);

    @GET
    @Path("/permanences/{id}/candidates")
    List<StaffDto.Candidate> candidates(@PathParam("id") String id);

    @POST
    @Path("/permanences/{id}/shifts")
    @Consumes(MediaType.APPLICATION_JSON)
    StaffDto.Shift assign(@PathParam("id") String id, StaffDto.NewShift shift);

    @DELETE
    @Path("/permanences/{id}/shifts/{shiftId}")
    void unassign(@PathParam("id") String id, @PathParam("shiftId") String shiftId);

    @POST
    @Path("/permanences/{id}/staffing-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    StaffDto.StaffingRequests askVolunteers(@PathParam("id") String id, StaffDto.NewStaffingRequests request);

    @GET
    @Path("/people/{id}")
    StaffDto.Person person(@PathParam("id") String id);

    @GET
    @Path("/people")
    Dto.Page<StaffDto.Person> people(@QueryParam("partnerId") String partnerId, @QueryParam("page") int page,
            @QueryParam("size") int size);

    @GET
    @Path("/places")
    Dto.Page<Dto.Place> placesOf(@QueryParam("partnerId") String partnerId, @QueryParam("size") int size);

    @POST
    @Path("/absences/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    StaffDto.Effects previewAbsence(StaffDto.NewAbsence absence);

    @POST
    @Path("/absences")
    @Consumes(MediaType.APPLICATION_JSON)
    StaffDto.Absence declareAbsence(@HeaderParam("Idempotency-Key") String idempotencyKey, StaffDto.NewAbsence absence);

    @GET
    @Path("/absences")
    Dto.Page<StaffDto.Absence> absences(@QueryParam("from") String from, @QueryParam("page") int page,
            @QueryParam("size") int size);

    @GET
    @Path("/absences/{id}")
    StaffDto.Absence absence(@PathParam("id") String id);

    @DELETE
    @Path("/absences/{id}")
    void withdrawAbsence(@PathParam("id") String id);
}
