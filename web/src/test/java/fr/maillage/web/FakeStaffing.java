package fr.maillage.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

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
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * booking-service's permanences, staff, candidates, staffing requests and absences (issue 19, contract A and B) and the
 * directory's people, for the desk's /agent/permanences and /agent/absences pages: one understaffed permanence (two
 * candidates), one staffed by Claude; an absence preview that moves one booking, cancels another and removes a shift.
 * Every call needs the agent's token ({@link FakeDesk#agent}); refusals are problem+json naming the field as the
 * contract says (409 {@code personId} for a person assigned twice, 422 {@code personIds} for someone not available, 409
 * {@code id} when the permanence is already staffed, 422 {@code to} for dates in the wrong order). /api/v1/absences also
 * serves a volunteer's token for their own absences (claim {@code person} = the absence's personId): the /benevole pages.
 */
@Path("/api/v1/permanences")
@Produces(MediaType.APPLICATION_JSON)
public class FakeStaffing {
    static final String EMPTY = "50000000-0000-4000-8000-000000000001";
    static final String STAFFED = "50000000-0000-4000-8000-000000000002";
    static final String CLAUDE = "60000000-0000-4000-8000-000000000001";
    static final String SACHA = "60000000-0000-4000-8000-000000000002";
    static final String DOMINIQUE = "60000000-0000-4000-8000-000000000003";
    static final String SHIFT = "70000000-0000-4000-8000-000000000001";
    static final String NEW_SHIFT = "70000000-0000-4000-8000-000000000002";
    static final String ABSENCE = "80000000-0000-4000-8000-000000000001";
    static final String NEW_ABSENCE = "80000000-0000-4000-8000-000000000002";
    static final String MOVED_BOOKING = "90000000-0000-4000-8000-000000000001";
    /** Staff per permanence: shift id → person id. */
    static final Map<String, Map<String, String>> STAFF = new ConcurrentHashMap<>();
    static final Map<String, String> ABSENCE_STATUS = new ConcurrentHashMap<>();
    /** Bodies received (staffing requests, shifts, absences), for the tests' checks. */
    static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    /** The Idempotency-Key of every POST /absences ("null" when absent). */
    static final List<String> KEYS = new CopyOnWriteArrayList<>();
    static volatile int previews;
    /** People with a pending request per permanence: no longer candidates (as booking-service). */
    static final Map<String, java.util.Set<String>> ASKED = new ConcurrentHashMap<>();

    static void reset() {
        STAFF.clear();
        ASKED.clear();
        STAFF.put(EMPTY, new ConcurrentHashMap<>());
        STAFF.put(STAFFED, new ConcurrentHashMap<>(Map.of(SHIFT, CLAUDE)));
        ABSENCE_STATUS.clear();
        ABSENCE_STATUS.put(ABSENCE, "active");
        RECEIVED.clear();
        KEYS.clear();
        Absences.STORED.clear();
        Absences.BY_KEY.clear();
        try {
            Absences.STORED.put(ABSENCE, FakeDesk.JSON.readTree("{\"personId\":\"" + CLAUDE + "\",\"from\":\""
                    + LocalDate.now().plusDays(2) + "\",\"to\":\"" + LocalDate.now().plusDays(4) + "\",\"reason\":\"Congés\"}"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        previews = 0;
    }

    static OffsetDateTime at(int days, int hour) {
        return OffsetDateTime.parse(FakeApi.start(days, hour));
    }

    static String permanence(String id) {
        int days = id.equals(EMPTY) ? 1 : 2;
        Map<String, String> staff = STAFF.getOrDefault(id, Map.of());
        List<String> members = new ArrayList<>();
        staff.forEach((shift, person) -> members.add("{\"shiftId\":\"" + shift + "\",\"personId\":\"" + person + "\"}"));
        return "{\"id\":\"" + id + "\",\"offerId\":\"" + FakeApi.OFFER + "\",\"offerTitle\":\"Permanence conseiller numérique\","
                + "\"offerThemes\":[\"aide_demarches\"],\"partnerId\":\"" + FakeApi.PARTNER + "\",\"placeId\":\"" + FakeApi.PLACE
                + "\",\"placeName\":\"Pôle socioculturel\",\"placeCommune\":\"Romagné\",\"start\":\"" + at(days, 9) + "\",\"end\":\""
                + at(days, 11) + "\",\"slotIds\":[\"" + FakeApi.SLOT_FREE + "\"],\"capacity\":4,\"confirmed\":1,\"status\":\"planned\","
                + "\"staff\":[" + String.join(",", members) + "],\"requiredStaff\":1,\"understaffed\":" + staff.isEmpty()
                + ",\"pendingRequests\":" + (id.equals(STAFFED) ? 0 : 2 + ASKED.getOrDefault(id, java.util.Set.of()).size()) + "}";
    }

    @GET
    public Response list(@QueryParam("understaffed") String understaffed, @HeaderParam("Authorization") String authorization) {
        if (FakeDesk.agent(authorization) == null) {
            return FakeDesk.unauthorized();
        }
        List<String> items = new ArrayList<>();
        for (String id : List.of(EMPTY, STAFFED)) {
            if (!"true".equals(understaffed) || STAFF.get(id).isEmpty()) {
                items.add(permanence(id));
            }
        }
        return Response.ok("{\"items\":[" + String.join(",", items) + "],\"page\":0,\"size\":50,\"total\":" + items.size() + "}")
                .header("X-Total-Count", items.size()).build();
    }

    @GET
    @Path("{id}")
    public Response one(@PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
        if (FakeDesk.agent(authorization) == null) {
            return FakeDesk.unauthorized();
        }
        return STAFF.containsKey(id) ? Response.ok(permanence(id)).build() : FakeApi.problem(404, "id", "Permanence inconnue.");
    }

    @GET
    @Path("{id}/candidates")
    public Response candidates(@PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
        if (FakeDesk.agent(authorization) == null) {
            return FakeDesk.unauthorized();
        }
        if (!STAFF.containsKey(id)) {
            return FakeApi.problem(404, "id", "Permanence inconnue.");
        }
        java.util.Set<String> asked = ASKED.getOrDefault(id, java.util.Set.of());
        List<String> candidates = new ArrayList<>();
        if (id.equals(EMPTY) && !asked.contains(CLAUDE)) {
            candidates.add("{\"personId\":\"" + CLAUDE + "\",\"themes\":[\"aide_demarches\"]}");
        }
        if (id.equals(EMPTY) && !asked.contains(SACHA)) {
            candidates.add("{\"personId\":\"" + SACHA + "\",\"themes\":[]}");
        }
        return Response.ok("[" + String.join(",", candidates) + "]").build();
    }

    @POST
    @Path("{id}/staffing-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ask(@PathParam("id") String id, String raw, @HeaderParam("Authorization") String authorization)
            throws Exception {
        if (FakeDesk.agent(authorization) == null) {
            return FakeDesk.unauthorized();
        }
        JsonNode body = FakeDesk.JSON.readTree(raw);
        RECEIVED.add(body);
        if (!STAFF.getOrDefault(id, Map.of()).isEmpty()) {
            return FakeApi.problem(409, "id", "Cette permanence est déjà assurée.");
        }
        List<String> requests = new ArrayList<>();
        int i = 0;
        for (JsonNode p : body.path("personIds")) {
            if (!p.asText().equals(CLAUDE) && !p.asText().equals(SACHA)
                    || ASKED.getOrDefault(id, java.util.Set.of()).contains(p.asText())) {
                return FakeApi.problem(422, "personIds", "Cette personne n'est pas disponible pour cette permanence.");
            }
            requests.add("{\"id\":\"a0000000-0000-4000-8000-00000000000" + (++i) + "\",\"personId\":\"" + p.asText()
                    + "\",\"status\":\"pending\"}");
        }
        body.path("personIds").forEach(p -> ASKED.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(p.asText()));
        return Response.status(201).entity("{\"permanenceId\":\"" + id + "\",\"requests\":[" + String.join(",", requests) + "]}")
                .build();
    }

    @POST
    @Path("{id}/shifts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response assign(@PathParam("id") String id, String raw, @HeaderParam("Authorization") String authorization)
            throws Exception {
        if (FakeDesk.agent(authorization) == null) {
            return FakeDesk.unauthorized();
        }
        JsonNode body = FakeDesk.JSON.readTree(raw);
        RECEIVED.add(body);
        String person = body.path("personId").asText();
        if (!List.of(CLAUDE, SACHA, DOMINIQUE).contains(person)) {
            return FakeApi.problem(422, "personId", "Cette personne n'est pas dans l'annuaire de votre structure.");
        }
        if (STAFF.get(id).containsValue(person)) {
            return FakeApi.problem(409, "personId", "Cette personne assure déjà cette permanence.");
        }
        STAFF.get(id).put(NEW_SHIFT, person);
        return Response.status(201).entity("{\"id\":\"" + NEW_SHIFT + "\",\"personId\":\"" + person + "\",\"permanenceId\":\""
                + id + "\",\"status\":\"assigned\"}").build();
    }

    @DELETE
    @Path("{id}/shifts/{shiftId}")
    public Response unassign(@PathParam("id") String id, @PathParam("shiftId") String shiftId,
            @HeaderParam("Authorization") String authorization) {
        if (FakeDesk.agent(authorization) == null) {
            return FakeDesk.unauthorized();
        }
        if (STAFF.getOrDefault(id, Map.of()).remove(shiftId) == null) {
            return FakeApi.problem(404, "shiftId", "Cette personne n'assure plus cette permanence.");
        }
        return Response.noContent().build();
    }

    /** The directory's people of the agent's structure. */
    @Path("/api/v1/people")
    @Produces(MediaType.APPLICATION_JSON)
    public static class People {
        static String person(String id, String first, String last) {
            return "{\"id\":\"" + id + "\",\"role\":\"benevole\",\"firstName\":\"" + first + "\",\"lastName\":\"" + last
                    + "\",\"partnerId\":\"" + FakeApi.PARTNER + "\"}";
        }

        static String byId(String id) {
            return switch (id) {
                case CLAUDE -> person(CLAUDE, "Claude", "Bénévole");
                case SACHA -> person(SACHA, "Sacha", "Martin");
                case DOMINIQUE -> person(DOMINIQUE, "Dominique", "Agent");
                default -> null;
            };
        }

        @GET
        public Response list(@QueryParam("partnerId") String partnerId, @HeaderParam("Authorization") String authorization) {
            if (FakeDesk.agent(authorization) == null) {
                return FakeDesk.unauthorized();
            }
            return Response.ok("{\"items\":[" + byId(SACHA) + "," + byId(CLAUDE) + "," + byId(DOMINIQUE)
                    + "],\"page\":0,\"size\":200,\"total\":3}").build();
        }

        @GET
        @Path("{id}")
        public Response one(@PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
            if (FakeDesk.agent(authorization) == null) {
                return FakeDesk.unauthorized();
            }
            String p = byId(id);
            return p == null ? FakeApi.problem(404, null, "Personne inconnue.") : Response.ok(p).build();
        }
    }

    /** Absences and closures: preview, declare (Idempotency-Key replayed), list, one, withdraw. */
    @Path("/api/v1/absences")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Absences {
        static String effects(JsonNode body) {
            boolean closure = body.hasNonNull("placeId");
            String shift = "{\"shiftId\":\"" + SHIFT + "\",\"personId\":\"" + CLAUDE + "\",\"start\":\"" + at(2, 9) + "\",\"end\":\""
                    + at(2, 11) + "\"}";
            if (!closure) {
                return "{\"kind\":\"person\",\"from\":\"" + body.path("from").asText() + "\",\"to\":\"" + body.path("to").asText()
                        + "\",\"sessions\":[],\"bookings\":[],\"shifts\":[" + shift + "]}";
            }
            return "{\"kind\":\"place\",\"from\":\"" + body.path("from").asText() + "\",\"to\":\"" + body.path("to").asText()
                    + "\",\"sessions\":[{\"slotId\":\"" + FakeApi.SLOT_FREE + "\",\"permanenceId\":\"" + STAFFED + "\",\"start\":\""
                    + at(2, 9) + "\",\"end\":\"" + at(2, 11) + "\",\"offerTitle\":\"Permanence conseiller numérique\","
                    + "\"placeName\":\"Pôle socioculturel\",\"bookings\":2}],\"bookings\":[{\"bookingId\":\"" + MOVED_BOOKING
                    + "\",\"slotId\":\"" + FakeApi.SLOT_FREE + "\",\"start\":\"" + at(2, 9) + "\",\"firstName\":\"Josette\","
                    + "\"outcome\":\"moved\",\"movedTo\":{\"slotId\":\"" + FakeApi.SLOT_OTHER + "\",\"start\":\"" + at(9, 9) + "\"}},"
                    + "{\"bookingId\":\"90000000-0000-4000-8000-000000000002\",\"slotId\":\"" + FakeApi.SLOT_FREE + "\",\"start\":\""
                    + at(2, 10) + "\",\"firstName\":\"Raymond\",\"outcome\":\"cancelled\"}],\"shifts\":[" + shift + "]}";
        }

        static Response refused(JsonNode body) {
            if (body.hasNonNull("placeId") == body.hasNonNull("personId")) {
                return FakeApi.problem(422, "placeId", "Indiquez une personne ou un lieu, pas les deux.");
            }
            if (body.hasNonNull("placeId") && !body.path("placeId").asText().equals(FakeApi.PLACE)) {
                return FakeApi.problem(403, "placeId", "Ce lieu n'accueille pas de permanence de votre structure.");
            }
            if (LocalDate.parse(body.path("to").asText()).isBefore(LocalDate.parse(body.path("from").asText()))) {
                return FakeApi.problem(422, "to", "La date de fin est avant la date de début.");
            }
            if (body.path("reason").asText().contains("refus")) {
                return FakeApi.problem(422, "reason", "Ce motif contient des caractères refusés.");
            }
            return null;
        }

        /** An absence as GET answers it: effects only in the answer to its declaration (contract change 15:01). */
        static String absence(String id, JsonNode body, String status) {
            return declared(id, body, status).replaceFirst(",\"effects\":\\{.*\\}$", ",\"effects\":null}");
        }

        static String declared(String id, JsonNode body, String status) {
            return "{\"id\":\"" + id + "\",\"kind\":\"" + (body.hasNonNull("placeId") ? "place" : "person") + "\",\"personId\":"
                    + (body.hasNonNull("personId") ? "\"" + body.path("personId").asText() + "\"" : "null") + ",\"placeId\":"
                    + (body.hasNonNull("placeId") ? "\"" + body.path("placeId").asText() + "\"" : "null") + ",\"from\":\""
                    + body.path("from").asText() + "\",\"to\":\"" + body.path("to").asText() + "\",\"reason\":"
                    + (body.hasNonNull("reason") ? "\"" + body.path("reason").asText() + "\"" : "null") + ",\"status\":\"" + status
                    + "\",\"createdAt\":\"" + OffsetDateTime.now() + "\",\"effects\":" + effects(body) + "}";
        }

        /** Every absence declared (the seeded one first), by id, in order; each POST without a known key adds one. */
        static final Map<String, JsonNode> STORED = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
        /** Idempotency-Key → the absence it created (a replay answers it again). */
        static final Map<String, String> BY_KEY = new ConcurrentHashMap<>();

        static JsonNode stored(String id) {
            return STORED.get(id);
        }

        /** The agent's token, or a volunteer's whose {@code person} claim is that person (the volunteer's own absences). */
        static boolean allowed(String authorization, String personId) {
            return FakeDesk.agent(authorization) != null || volunteerFor(authorization, personId);
        }

        static boolean volunteerFor(String authorization, String personId) {
            String person = person(authorization);
            return person != null && person.equals(personId);
        }

        /** The {@code person} claim of a volunteer's token (groups holding volunteer), else null. */
        static String person(String authorization) {
            try {
                String[] parts = authorization.substring("Bearer ".length()).split("\\.");
                JsonNode claims = FakeDesk.JSON.readTree(new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
                        java.nio.charset.StandardCharsets.UTF_8));
                for (JsonNode g : claims.path("groups")) {
                    if (g.asText().equals("volunteer") && claims.hasNonNull("person")) {
                        return claims.path("person").asText();
                    }
                }
                return null;
            } catch (RuntimeException | java.io.IOException e) {
                return null;
            }
        }

        @POST
        @Path("preview")
        @Consumes(MediaType.APPLICATION_JSON)
        public Response preview(String raw, @HeaderParam("Authorization") String authorization) throws Exception {
            JsonNode body = FakeDesk.JSON.readTree(raw);
            if (!allowed(authorization, body.path("personId").asText(null))) {
                return FakeDesk.unauthorized();
            }
            previews++;
            Response refused = refused(body);
            return refused != null ? refused : Response.ok(effects(body)).build();
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response declare(String raw, @HeaderParam("Authorization") String authorization,
                @HeaderParam("Idempotency-Key") String key) throws Exception {
            JsonNode body = FakeDesk.JSON.readTree(raw);
            if (!allowed(authorization, body.path("personId").asText(null))) {
                return FakeDesk.unauthorized();
            }
            Response refused = refused(body);
            if (refused != null) {
                return refused;
            }
            KEYS.add(String.valueOf(key));
            String id = key == null ? null : BY_KEY.get(key);
            if (id == null) {
                // the first declared is NEW_ABSENCE (…0002), then …0003, …
                id = String.format("80000000-0000-4000-8000-%012d", STORED.size() + 1);
                RECEIVED.add(body);
                STORED.put(id, body);
                ABSENCE_STATUS.put(id, "active");
                if (key != null) {
                    BY_KEY.put(key, id);
                }
            }
            return Response.status(201).header("Location", "/api/v1/absences/" + id)
                    .entity(declared(id, STORED.get(id), "active")).build();
        }

        @GET
        public Response list(@QueryParam("from") String from, @QueryParam("personId") String personId,
                @HeaderParam("Authorization") String authorization) {
            boolean agent = FakeDesk.agent(authorization) != null;
            if (!agent && !volunteerFor(authorization, personId)) {
                return FakeDesk.unauthorized();
            }
            List<String> items = new ArrayList<>();
            synchronized (STORED) {
                STORED.forEach((id, body) -> {
                    if (personId == null || personId.equals(body.path("personId").asText(null))) {
                        items.add(absence(id, body, ABSENCE_STATUS.getOrDefault(id, "active")));
                    }
                });
            }
            return Response.ok("{\"items\":[" + String.join(",", items) + "],\"page\":0,\"size\":50,\"total\":" + items.size() + "}")
                    .build();
        }

        @GET
        @Path("{id}")
        public Response one(@PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
            JsonNode body = stored(id);
            if (!allowed(authorization, body == null ? null : body.path("personId").asText(null))) {
                return body == null ? FakeApi.problem(404, null, "Déclaration inconnue.") : FakeDesk.unauthorized();
            }
            return body == null ? FakeApi.problem(404, null, "Déclaration inconnue.")
                    : Response.ok(absence(id, body, ABSENCE_STATUS.get(id))).build();
        }

        @DELETE
        @Path("{id}")
        public Response withdraw(@PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
            JsonNode body = stored(id);
            if (!allowed(authorization, body == null ? null : body.path("personId").asText(null))) {
                return body == null ? FakeApi.problem(404, null, "Déclaration inconnue.") : FakeDesk.unauthorized();
            }
            if (body == null) {
                return FakeApi.problem(404, null, "Déclaration inconnue.");
            }
            if ("withdrawn".equals(ABSENCE_STATUS.get(id))) {
                return FakeApi.problem(409, "status", "Cette déclaration est déjà retirée.");
            }
            ABSENCE_STATUS.put(id, "withdrawn");
            return Response.ok(absence(id, stored(id), "withdrawn")).build();
        }
    }
}
