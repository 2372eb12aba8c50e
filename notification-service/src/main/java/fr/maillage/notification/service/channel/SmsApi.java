package fr.maillage.notification.service.channel;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The HTTP SMS API (REST client). Shape of the generic provider contract: POST /messages with an
 * Idempotency-Key header, GET /messages/by-reference/{reference} to reconcile after a crash.
 */
@Path("/messages")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface SmsApi {

    record SendRequest(String from, String to, String text, String reference) {
    }

    record SendResponse(String id, String status) {
    }

    @POST
    SendResponse send(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, SendRequest request);

    @GET
    @Path("/by-reference/{reference}")
    SendResponse byReference(@HeaderParam("Authorization") String authorization,
            @PathParam("reference") String reference);
}
