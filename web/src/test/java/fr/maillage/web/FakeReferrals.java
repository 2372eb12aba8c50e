package fr.maillage.web;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * booking-service's referrals API as the contract (ISSUE18 B.3) describes it, for the /agent/orientations pages: one
 * orientation sent by the agent's structure (already attended) and one received (no outcome yet). Only the target
 * structure may record an outcome (403 otherwise); an unknown target partner is 422 {@code targetPartnerId}.
 */
@Path("/api/v1/referrals")
@Produces(MediaType.APPLICATION_JSON)
public class FakeReferrals {
    static final String SENT = "40000000-0000-4000-8000-000000000001";
    static final String RECEIVED = "40000000-0000-4000-8000-000000000002";
    static final String NEW = "40000000-0000-4000-8000-000000000003";
    static final String UNKNOWN_PARTNER = "00000000-0000-4000-8000-000000000099";
    static final Map<String, String> REFERRALS = new ConcurrentHashMap<>();
    static final Map<String, String> DIRECTION = new ConcurrentHashMap<>();

    static void reset() {
        REFERRALS.clear();
        DIRECTION.clear();
        put(SENT, "outgoing", referral(SENT, "attended", "Lucienne", FakeApi.PARTNER, FakeDesk.FRANCE_SERVICES,
                "[{\"outcome\":\"received\",\"note\":null,\"at\":\"" + OffsetDateTime.now().minusDays(2) + "\"},"
                        + "{\"outcome\":\"attended\",\"note\":\"Dossier CAF fait\",\"at\":\"" + OffsetDateTime.now().minusDays(1) + "\"}]",
                "Aide pour la CAF"));
        put(RECEIVED, "incoming", referral(RECEIVED, "sent", "Gérard", FakeDesk.FRANCE_SERVICES, FakeApi.PARTNER, "[]",
                "Il n'a pas d'ordinateur"));
    }

    static void put(String id, String direction, String json) {
        REFERRALS.put(id, json);
        DIRECTION.put(id, direction);
    }

    static String referral(String id, String status, String firstName, String from, String to, String outcomes, String note) {
        return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"need\":\"aide_demarches\",\"fromPartnerId\":\"" + from
                + "\",\"targetPartnerId\":\"" + to + "\",\"targetOfferId\":null,\"bookingId\":null,\"person\":{\"firstName\":\""
                + firstName + "\",\"lastName\":null,\"phone\":\"+33612345679\",\"email\":null,\"residenceInsee\":\"35243\"},"
                + "\"note\":" + (note == null ? "null" : "\"" + note + "\"") + ",\"createdAt\":\"" + OffsetDateTime.now().minusDays(3)
                + "\",\"outcomes\":" + outcomes + "}";
    }

    @GET
    public Response list(@QueryParam("direction") String direction, @HeaderParam("Authorization") String authorization) {
        if (FakeDesk.agent(authorization) == null) {
            return FakeDesk.unauthorized();
        }
        StringBuilder items = new StringBuilder();
        REFERRALS.forEach((id, json) -> {
            if (DIRECTION.get(id).equals(direction)) {
                items.append(items.length() == 0 ? "" : ",").append(json);
            }
        });
        return Response.ok("{\"items\":[" + items + "],\"page\":0,\"size\":50,\"total\":0}").build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String raw, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey) throws Exception {
        if (FakeDesk.agent(authorization) == null) {
            return FakeDesk.unauthorized();
        }
        FakeDesk.KEYS.add(String.valueOf(idempotencyKey));
        JsonNode body = FakeDesk.JSON.readTree(raw);
        FakeDesk.RECEIVED.add(body);
        if (body.path("targetPartnerId").asText().equals(UNKNOWN_PARTNER)) {
            return FakeApi.problem(422, "targetPartnerId", "Cette structure est inconnue de l'annuaire.");
        }
        if (body.path("person").path("phone").asText("").equals("123")) {
            return FakeApi.problem(422, "person.phone", "Ce numéro de téléphone n'est pas valide.");
        }
        put(NEW, "outgoing", referral(NEW, "sent", body.path("person").path("firstName").asText(), FakeApi.PARTNER,
                body.path("targetPartnerId").asText(), "[]", body.path("note").asText(null)));
        return Response.status(201).header("Location", "/api/v1/referrals/" + NEW).entity(REFERRALS.get(NEW)).build();
    }

    @POST
    @Path("{id}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response outcome(@PathParam("id") String id, String raw, @HeaderParam("Authorization") String authorization)
            throws Exception {
        if (FakeDesk.agent(authorization) == null) {
            return FakeDesk.unauthorized();
        }
        if (!REFERRALS.containsKey(id)) {
            return FakeApi.problem(404, null, "Orientation inconnue.");
        }
        if (!"incoming".equals(DIRECTION.get(id))) {
            return FakeApi.problem(403, null, "Seule la structure qui a reçu l'orientation peut indiquer sa suite.");
        }
        JsonNode body = FakeDesk.JSON.readTree(raw);
        FakeDesk.RECEIVED.add(body);
        String outcome = body.path("outcome").asText();
        REFERRALS.put(id, referral(id, outcome, "Gérard", FakeDesk.FRANCE_SERVICES, FakeApi.PARTNER,
                "[{\"outcome\":\"" + outcome + "\",\"note\":" + (body.hasNonNull("note") ? "\"" + body.path("note").asText() + "\"" : "null")
                        + ",\"at\":\"" + OffsetDateTime.now() + "\"}]", "Il n'a pas d'ordinateur"));
        return Response.ok(REFERRALS.get(id)).build();
    }
}
