package fr.maillage.web.api;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The public API through the gateway ({@code MAILLAGE_API_URL}): the only way web reads and writes. Every call carries
 * web's partner-app token ({@link WebToken}, client credentials), so the services count web's traffic against its own
 * caller allowance. The /agent pages write with the agent's own token instead ({@link AgentApi}).
 * A 4xx/5xx answer is thrown as a {@code WebApplicationException} whose response still holds the problem+json body;
 * {@link Api} turns those into page outcomes.
 */
@RegisterRestClient(configKey = "maillage-api")
@RegisterClientHeaders(WebToken.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface MaillageApi {

    @GET
    @Path("/communes")
    Dto.Page<Dto.Commune> communes(@QueryParam("q") String q, @QueryParam("size") int size);

    @GET
    @Path("/communes/{code}")
    Dto.Commune commune(@PathParam("code") String code);

    @GET
    @Path("/offers/themes")
    List<Dto.Theme> themes();

    @GET
    @Path("/offers")
    Dto.Page<Dto.OfferHit> offersNear(@QueryParam("near") String near, @QueryParam("radiusKm") int radiusKm,
            @QueryParam("theme") String theme, @QueryParam("size") int size);

    @GET
    @Path("/offers")
    Dto.Page<Dto.OfferHit> offersAtPlace(@QueryParam("placeId") String placeId, @QueryParam("status") String status,
            @QueryParam("size") int size);

    @GET
    @Path("/offers/{id}")
    Dto.Offer offer(@PathParam("id") String id);

    @GET
    @Path("/places")
    Dto.Page<Dto.Place> placesNear(@QueryParam("insee") String insee, @QueryParam("radiusKm") Integer radiusKm,
            @QueryParam("service") String service, @QueryParam("openAt") String openAt, @QueryParam("size") int size);

    @GET
    @Path("/places/{id}")
    Dto.Place place(@PathParam("id") String id);

    @GET
    @Path("/partners")
    Dto.Page<Dto.Partner> partners(@QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("/partners/{id}")
    Dto.Partner partner(@PathParam("id") String id);

    @GET
    @Path("/slots")
    Dto.Page<Dto.Slot> slots(@QueryParam("offerId") String offerId, @QueryParam("from") String from,
            @QueryParam("available") Boolean available, @QueryParam("size") int size);

    @GET
    @Path("/slots/{id}")
    Dto.Slot slot(@PathParam("id") String id);

    @POST
    @Path("/bookings")
    @Consumes(MediaType.APPLICATION_JSON)
    Dto.Booking book(Dto.NewBooking booking);

    @GET
    @Path("/bookings/{id}")
    Dto.Booking booking(@PathParam("id") String id);

    @POST
    @Path("/bookings/{id}/verification")
    @Consumes(MediaType.APPLICATION_JSON)
    Dto.Booking verify(@PathParam("id") String id, Dto.Code code);

    @POST
    @Path("/bookings/{id}/verification/code")
    void newCode(@PathParam("id") String id);

    @GET
    @Path("/bookings/self/{token}")
    Dto.Booking self(@PathParam("token") String token);

    @DELETE
    @Path("/bookings/self/{token}")
    Dto.Booking cancelSelf(@PathParam("token") String token);

    @POST
    @Path("/bookings/self/{token}/reschedule")
    @Consumes(MediaType.APPLICATION_JSON)
    Dto.Booking rescheduleSelf(@PathParam("token") String token, Dto.SlotChoice choice);

    @GET
    @Path("/bookings/self/{token}.ics")
    @Produces("text/calendar")
    byte[] selfIcs(@PathParam("token") String token);

    @GET
    @Path("/bookings/{id}.ics")
    @Produces("text/calendar")
    byte[] ics(@PathParam("id") String id);
}
