package fr.maillage.web.api;

import jakarta.ws.rs.Consumes;
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
}
