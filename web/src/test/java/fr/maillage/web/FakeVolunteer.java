package fr.maillage.web;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

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
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The volunteer's side of the fake public API (issue 19, section E): staffing requests (list, answer as the volunteer,
 * and by token without sign-in), the roster, calendar links, and the volunteer's shifts (served through
 * {@link FakeApi#volunteerShifts}). Signed-in calls must carry a volunteer's access token whose {@code person} claim is
 * the person concerned (403 otherwise), like booking-service. Absences are {@link FakeStaffing.Absences}'.
 */
@Path("/api/v1/staffing-requests")
@Produces(MediaType.APPLICATION_JSON)
public class FakeVolunteer {
    static final String PERSON = "60000000-0000-4000-8000-000000000001"; // FakeStaffing.CLAUDE (its absences)
    static final String REQUEST = "b0000000-0000-4000-8000-000000000001";
    /** A request someone else takes first: answering it gives 409 and it becomes covered. */
    static final String RACED = "b0000000-0000-4000-8000-000000000002";
    static final String BY_LINK = "b0000000-0000-4000-8000-000000000003";
    static final String COVERED = "b0000000-0000-4000-8000-000000000004";
    static final String TOKEN = "stf_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef";
    static final String COVERED_TOKEN = "stf_covered_ABCDEFGHIJKLMNOPQRSTUVWXYZ01234567";
    static final String SHIFT = "c0000000-0000-4000-8000-000000000001";
    static final String ACCEPTED_SHIFT = "c0000000-0000-4000-8000-000000000002";
    static final String CALENDAR_TOKEN = "cal_SECRETSECRETSECRETSECRETSECRETSECRET00";
    static final Map<String, String> STATUS = new ConcurrentHashMap<>();
    /** A colleague's request, as booking lists them to an account that is also an agent: never shown as mine. */
    static final String OTHERS_REQUEST = "{\"id\":\"b0000000-0000-4000-8000-000000000009\",\"status\":\"pending\","
            + "\"personId\":\"60000000-0000-4000-8000-000000000002\",\"permanence\":{\"id\":\"50000000-0000-4000-8000-000000000009\","
            + "\"start\":\"2099-01-05T09:00:00+01:00\",\"end\":\"2099-01-05T11:00:00+01:00\",\"offerTitle\":\"Permanence de Sacha\"}}";
    static final Map<String, String> TOKENS = Map.of(TOKEN, BY_LINK, COVERED_TOKEN, COVERED);
    /** Bodies received (answers, rosters), with the path they went to: "PUT availability", "answer REQUEST"… */
    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    static volatile String roster;
    /** Calendar links: id → revoked (true) or active. */
    static final Map<String, Boolean> LINKS = new ConcurrentHashMap<>();
    static volatile int linkCount;

    static void reset() {
        STATUS.clear();
        STATUS.putAll(Map.of(REQUEST, "pending", RACED, "pending", BY_LINK, "pending", COVERED, "covered"));
        CALLS.clear();
        RECEIVED.clear();
        roster = "{\"personId\":\"" + PERSON + "\",\"weekly\":[{\"day\":\"TU\",\"start\":\"09:00\",\"end\":\"12:00\"}],"
                + "\"excludedMonths\":[8],\"themes\":[\"aide_demarches\"],\"updatedAt\":\"2026-12-01T10:00:00+01:00\"}";
        LINKS.clear();
        linkCount = 0;
    }

    static String at(int days, int hour) {
        return OffsetDateTime.now(ZoneId.of("Europe/Paris")).plusDays(days).truncatedTo(ChronoUnit.DAYS).withHour(hour).toString();
    }

    /** The person claim of a volunteer's token, or null (no token, not a volunteer). */
    static String volunteer(String authorization) {
        try {
            String[] parts = authorization.substring("Bearer ".length()).split("\\.");
            JsonNode claims = FakeDesk.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            for (JsonNode g : claims.path("groups")) {
                if (g.asText().equals("volunteer")) {
                    return claims.path("person").isMissingNode() ? null : claims.path("person").asText();
                }
            }
            return null;
        } catch (RuntimeException | java.io.IOException e) {
            return null;
        }
    }

    static String request(String id) {
        int days = switch (id) {
            case REQUEST -> 3;
            case RACED -> 5;
            default -> 6;
        };
        String shift = "accepted".equals(STATUS.get(id)) ? ",\"shiftId\":\"" + ACCEPTED_SHIFT + "\"" : "";
        return "{\"id\":\"" + id + "\",\"status\":\"" + STATUS.get(id) + "\",\"personId\":\"" + PERSON + "\",\"permanence\":{\"id\":\""
                + "50000000-0000-4000-8000-00000000000" + days + "\",\"start\":\"" + at(days, 9) + "\",\"end\":\"" + at(days, 11)
                + "\",\"offerTitle\":\"Permanence numérique " + days + "\",\"placeName\":\"Médiathèque\",\"placeCommune\":\"Corbie\"},"
                + "\"createdAt\":\"" + OffsetDateTime.now().minusHours(1) + "\",\"answeredAt\":null" + shift + "}";
    }

    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("personId") String personId,
            @HeaderParam("Authorization") String authorization) {
        if (volunteer(authorization) == null) {
            return FakeDesk.unauthorized();
        }
        if (!PERSON.equals(personId)) {
            return FakeApi.problem(400, "personId", "La page doit demander les demandes de la personne connectée.");
        }
        List<String> items = new ArrayList<>();
        items.add(OTHERS_REQUEST);
        for (String id : List.of(REQUEST, RACED)) {
            if (status == null || status.equals(STATUS.get(id))) {
                items.add(request(id));
            }
        }
        return Response.ok("{\"items\":[" + String.join(",", items) + "],\"page\":0,\"size\":50,\"total\":" + items.size() + "}")
                .build();
    }

    static Response answer(String id, JsonNode body) {
        RECEIVED.add(body);
        CALLS.add("answer " + id);
        String answer = body.path("answer").asText();
        if (!answer.equals("accept") && !answer.equals("decline")) {
            return FakeApi.problem(400, "answer", "answer : accept ou decline");
        }
        if (id.equals(RACED) && "pending".equals(STATUS.get(id)) && answer.equals("accept")) {
            STATUS.put(id, "covered");
            return FakeApi.problem(409, "id", "Cette permanence est déjà assurée.");
        }
        if (!"pending".equals(STATUS.get(id))) {
            return FakeApi.problem(409, "status", "Cette demande a déjà une réponse.");
        }
        STATUS.put(id, answer.equals("accept") ? "accepted" : "declined");
        return Response.ok(request(id)).build();
    }

    @POST
    @Path("{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response answer(@PathParam("id") String id, String raw, @HeaderParam("Authorization") String authorization)
            throws Exception {
        if (volunteer(authorization) == null) {
            return FakeDesk.unauthorized();
        }
        if (!STATUS.containsKey(id) || !PERSON.equals(volunteer(authorization))) {
            return FakeApi.problem(404, null, "Demande inconnue.");
        }
        return answer(id, FakeDesk.JSON.readTree(raw));
    }

    @GET
    @Path("by-token/{token}")
    public Response byToken(@PathParam("token") String token) {
        String id = TOKENS.get(token);
        return id == null ? FakeApi.problem(404, null, "Lien inconnu ou expiré.") : Response.ok(request(id)).build();
    }

    @POST
    @Path("by-token/{token}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response answerByToken(@PathParam("token") String token, String raw) throws Exception {
        String id = TOKENS.get(token);
        return id == null ? FakeApi.problem(404, null, "Lien inconnu ou expiré.") : answer(id, FakeDesk.JSON.readTree(raw));
    }

    /** The volunteer's shifts: one planned, plus the one an accepted request created. */
    static Response shifts(String personId, String authorization) {
        if (volunteer(authorization) == null) {
            return FakeDesk.unauthorized();
        }
        if (!PERSON.equals(personId)) {
            return FakeApi.problem(400, "personId", "La page doit demander les permanences de la personne connectée.");
        }
        List<String> items = new ArrayList<>();
        items.add(shift(SHIFT, 2, "Atelier smartphone"));
        if ("accepted".equals(STATUS.get(REQUEST))) {
            items.add(shift(ACCEPTED_SHIFT, 3, "Permanence numérique 3"));
        }
        return Response.ok("{\"items\":[" + String.join(",", items) + "],\"page\":0,\"size\":100,\"total\":" + items.size() + "}")
                .build();
    }

    static String shift(String id, int days, String title) {
        return "{\"id\":\"" + id + "\",\"personId\":\"" + PERSON + "\",\"permanenceId\":\"50000000-0000-4000-8000-00000000009" + days
                + "\",\"status\":\"assigned\",\"start\":\"" + at(days, 14) + "\",\"end\":\"" + at(days, 16).replace("T16:00", "T16:30")
                + "\",\"offerTitle\":\"" + title + "\",\"placeName\":\"Médiathèque\",\"placeStreet\":\"1 rue Faidherbe\","
                + "\"placePostalCode\":\"80800\",\"placeCommune\":\"Corbie\"}";
    }

    /** The roster and calendar links of a person: {@code /api/v1/staff/{personId}/…}. */
    @Path("/api/v1/staff/{personId}")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Staff {
        static Response refused(String personId, String authorization) {
            String person = volunteer(authorization);
            if (person == null) {
                return FakeDesk.unauthorized();
            }
            return person.equals(personId) ? null : FakeApi.problem(403, null, "Ce n'est pas vous.");
        }

        @GET
        @Path("availability")
        public Response availability(@PathParam("personId") String personId, @HeaderParam("Authorization") String authorization) {
            Response refused = refused(personId, authorization);
            return refused != null ? refused : Response.ok(roster).build();
        }

        @PUT
        @Path("availability")
        @Consumes(MediaType.APPLICATION_JSON)
        public Response save(@PathParam("personId") String personId, String raw, @HeaderParam("Authorization") String authorization)
                throws Exception {
            Response refused = refused(personId, authorization);
            if (refused != null) {
                return refused;
            }
            JsonNode body = FakeDesk.JSON.readTree(raw);
            RECEIVED.add(body);
            CALLS.add("PUT availability");
            JsonNode weekly = body.path("weekly");
            for (int i = 0; i < weekly.size(); i++) {
                if (weekly.get(i).path("start").asText().equals("05:00")) {
                    return FakeApi.problem(422, "weekly[" + i + "].start", "Pas de permanence avant 7 heures.");
                }
            }
            JsonNode themes = body.path("themes");
            for (int i = 0; i < themes.size(); i++) {
                if (themes.get(i).asText().equals("inconnu")) {
                    return FakeApi.problem(422, "themes[" + i + "]", "Thème inconnu.");
                }
            }
            roster = raw;
            return Response.ok(raw).build();
        }

        @GET
        @Path("calendar-links")
        public Response links(@PathParam("personId") String personId, @HeaderParam("Authorization") String authorization) {
            Response refused = refused(personId, authorization);
            if (refused != null) {
                return refused;
            }
            List<String> items = new ArrayList<>();
            LINKS.forEach((id, revoked) -> items.add("{\"id\":\"" + id + "\",\"active\":" + !revoked + ",\"createdAt\":\""
                    + OffsetDateTime.now().minusMinutes(5) + "\",\"revokedAt\":" + (revoked ? "\"" + OffsetDateTime.now() + "\"" : "null")
                    + ",\"lastUsedAt\":null,\"url\":null}"));
            return Response.ok("[" + String.join(",", items) + "]").build();
        }

        @POST
        @Path("calendar-links")
        public Response create(@PathParam("personId") String personId, @HeaderParam("Authorization") String authorization) {
            Response refused = refused(personId, authorization);
            if (refused != null) {
                return refused;
            }
            LINKS.replaceAll((id, revoked) -> true);
            String id = "d0000000-0000-4000-8000-00000000000" + (++linkCount);
            LINKS.put(id, false);
            CALLS.add("POST calendar-links");
            return Response.status(201).entity("{\"id\":\"" + id + "\",\"active\":true,\"createdAt\":\"" + OffsetDateTime.now()
                    + "\",\"url\":\"http://127.0.0.1:8080/api/v1/calendars/" + CALENDAR_TOKEN + linkCount + ".ics\"}").build();
        }

        @DELETE
        @Path("calendar-links/{id}")
        public Response revoke(@PathParam("personId") String personId, @PathParam("id") String id,
                @HeaderParam("Authorization") String authorization) {
            Response refused = refused(personId, authorization);
            if (refused != null) {
                return refused;
            }
            if (!LINKS.containsKey(id)) {
                return FakeApi.problem(404, null, "Lien inconnu.");
            }
            LINKS.put(id, true);
            CALLS.add("DELETE calendar-links " + id);
            return Response.noContent().build();
        }
    }
}
