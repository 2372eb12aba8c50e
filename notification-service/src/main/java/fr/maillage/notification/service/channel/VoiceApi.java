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
 * The HTTP voice (text-to-speech) API (REST client), shaped like the SMS one: POST /calls with an Idempotency-Key header,
 * GET /calls/by-reference/{reference} to reconcile after a crash. {@code repeat} is 1: the text itself says the
 * message twice, with « Je répète » between, which a listener follows better than a provider's loop.
 */
@Path("/calls")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface VoiceApi {

    record CallRequest(String to, String text, String language, int repeat, String reference, String callbackUrl) {
    }

    record CallResponse(String id, String status) {
    }

    @POST
    CallResponse call(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, CallRequest request);

    @GET
    @Path("/by-reference/{reference}")
    CallResponse byReference(@HeaderParam("Authorization") String authorization,
            @PathParam("reference") String reference);
}
