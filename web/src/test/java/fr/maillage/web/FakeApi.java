package fr.maillage.web;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A stand-in for the public API, served by the test application itself (the REST client points at the test port), so
 * the pages can be tested without the stack: Romagné, one place, one offer with a free and a full slot, and a booking
 * whose code is 123456. The real API is exercised by the browser journeys of deploy/ (helper D).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class FakeApi {
    static final String PLACE = "00000000-0000-4000-8000-000000000101";
    static final String PARTNER = "00000000-0000-4000-8000-000000000001";
    static final String OFFER = "00000000-0000-4000-8000-000000000301";
    static final String SLOT_FREE = "10000000-0000-4000-8000-000000000001";
    static final String SLOT_FULL = "10000000-0000-4000-8000-000000000002";
    static final String SLOT_OTHER = "10000000-0000-4000-8000-000000000003";
    static final String BOOKING = "20000000-0000-4000-8000-000000000001";
    static final String TOKEN = "tok_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefgh";
    /** Issue 21: the self-service link of a booking in Saint-Denis (974), 09:00-10:30 local time (UTC+4). */
    static final String TOKEN_REUNION = "tok_REUNIONREUNIONREUNIONREUNION0123456789abcd";

    /** A confirmed booking in Saint-Denis, 12 January 2027 09:00-10:30 at the place's time, written in UTC (05:00Z). */
    static String reunionBooking() {
        return "{\"id\":\"20000000-0000-4000-8000-000000000974\",\"status\":\"confirmed\",\"slotId\":\"" + SLOT_FREE
                + "\",\"offerId\":\"" + OFFER + "\",\"placeId\":\"" + PLACE + "\",\"start\":\"2027-01-12T05:00:00Z\","
                + "\"end\":\"2027-01-12T06:30:00Z\",\"timeZone\":\"Indian/Reunion\",\"cancelUntil\":\"2027-01-12T01:00:00Z\","
                + "\"rescheduleUntil\":null,\"person\":{\"firstName\":\"Camille\"},"
                + "\"offer\":{\"title\":\"Permanence France Services\",\"type\":\"permanence_individuelle\"},"
                + "\"place\":{\"name\":\"Maison France Services\",\"street\":\"1 rue de Paris\",\"postalCode\":\"97400\","
                + "\"commune\":\"Saint-Denis\",\"inseeCode\":\"97411\"},\"selfServiceUrl\":\"http://127.0.0.1:8080/rdv/"
                + TOKEN_REUNION + "\"}";
    }
    static final Map<String, String> STATUS = new ConcurrentHashMap<>();
    static volatile boolean down;
    /** {@code codeSentTo} of the pending booking (null: an older booking-service that does not say it). */
    static volatile String codeSentTo;
    /** How many times the pages read GET /offers/{id} (the search caches it). */
    static final java.util.concurrent.atomic.AtomicInteger OFFER_READS = new java.util.concurrent.atomic.AtomicInteger();

    static String start(int days, int hour) {
        return OffsetDateTime.now(ZoneId.of("Europe/Paris")).plusDays(days).truncatedTo(ChronoUnit.DAYS).withHour(hour)
                .toString();
    }

    static String romagne() {
        return """
                {"code":"35243","nom":"Romagné","departement":"35","codesPostaux":["35133"]}""";
    }

    static void checkUp() {
        if (down) {
            throw new jakarta.ws.rs.WebApplicationException(Response.status(503).build());
        }
    }

    @GET
    @Path("communes")
    public String communes(@QueryParam("q") String q) {
        checkUp();
        if (q != null && (q.toLowerCase().startsWith("rom") || q.startsWith("3513"))) {
            return "{\"items\":[" + romagne() + "],\"page\":0,\"size\":10,\"total\":1}";
        }
        if (q != null && q.toLowerCase().startsWith("saint")) {
            return """
                    {"items":[{"code":"35001","nom":"Saint-Aubin","departement":"35","codesPostaux":["35140"]},
                    {"code":"45001","nom":"Saint-Aubin","departement":"45","codesPostaux":["45000"]}],"page":0,"size":10,"total":2}""";
        }
        return "{\"items\":[],\"page\":0,\"size\":10,\"total\":0}";
    }

    @GET
    @Path("communes/{code}")
    public Response commune(@PathParam("code") String code) {
        checkUp();
        return code.equals("35243") ? Response.ok(romagne()).build() : Response.status(404).build();
    }

    @GET
    @Path("offers/themes")
    public String themes() {
        checkUp();
        return """
                [{"code":"aide_demarches","label":"Aide aux démarches administratives","parent":null},
                 {"code":"impots","label":"Impôts en ligne","parent":"aide_demarches"}]""";
    }

    @GET
    @Path("offers")
    public String offers(@QueryParam("near") String near) {
        return "{\"items\":[{\"id\":\"" + OFFER + "\",\"title\":\"Permanence conseiller numérique\",\"type\":\"permanence_individuelle\","
                + "\"themes\":[\"aide_demarches\"],\"status\":\"published\",\"place\":{\"id\":\"" + PLACE
                + "\",\"name\":\"Pôle socioculturel\",\"commune\":\"Romagné\",\"inseeCode\":\"35243\",\"postalCode\":\"35133\"},"
                + "\"distanceKm\":0.4,\"nextSession\":{\"id\":\"" + SLOT_FREE + "\",\"start\":\"" + start(3, 9) + "\",\"end\":\""
                + start(3, 10) + "\",\"remaining\":1}}],\"page\":0,\"size\":20,\"total\":1}";
    }

    @GET
    @Path("offers/{id}")
    public Response offer(@PathParam("id") String id) {
        OFFER_READS.incrementAndGet();
        if (!id.equals(OFFER)) {
            return Response.status(404).build();
        }
        return Response.ok("{\"id\":\"" + OFFER + "\",\"partnerId\":\"" + PARTNER + "\",\"placeId\":\"" + PLACE
                + "\",\"title\":\"Permanence conseiller numérique\",\"description\":\"Un conseiller vous aide.\","
                + "\"type\":\"permanence_individuelle\",\"themes\":[\"aide_demarches\"],\"fees\":{\"kind\":\"gratuit\"},"
                + "\"capacity\":1,\"sessionDurationMinutes\":60,\"bookingRules\":{\"allowedBookers\":[\"citizen\",\"agent\"],"
                + "\"minDelayMinutes\":120,\"maxDelayDays\":60,\"cancelUntilMinutes\":240,\"rescheduleUntilMinutes\":1440,"
                + "\"waitingList\":true},\"status\":\"published\"}").build();
    }

    static String place() {
        return "{\"id\":\"" + PLACE + "\",\"partnerId\":\"" + PARTNER + "\",\"name\":\"Pôle socioculturel\","
                + "\"address\":{\"street\":\"2 rue de la Mairie\",\"postalCode\":\"35133\",\"inseeCode\":\"35243\",\"commune\":\"Romagné\"},"
                + "\"latitude\":48.34,\"longitude\":-1.27,\"openingHours\":\"Mo-Fr 09:00-12:00; Sa 10:00-12:00; PH off\","
                + "\"phone\":\"+33299000000\",\"website\":\"javascript:alert(1)\",\"services\":[\"Aide aux démarches administratives\"],\"distanceKm\":0.4}";
    }

    @GET
    @Path("places")
    public String places() {
        return "{\"items\":[" + place() + "],\"page\":0,\"size\":20,\"total\":1}";
    }

    @GET
    @Path("places/{id}")
    public Response placeById(@PathParam("id") String id) {
        return id.equals(PLACE) ? Response.ok(place()).build() : Response.status(404).build();
    }

    @GET
    @Path("partners")
    public String partners() {
        return "{\"items\":[{\"id\":\"" + PARTNER + "\",\"name\":\"Commune de Romagné\"},{\"id\":\"" + FakeDesk.FRANCE_SERVICES
                + "\",\"name\":\"France Services de Fougères\"}],\"page\":0,\"size\":100,\"total\":2}";
    }

    @GET
    @Path("bookings")
    public Response bookings(@QueryParam("from") String from, @QueryParam("to") String to,
            @jakarta.ws.rs.HeaderParam("Authorization") String authorization) {
        return FakeDesk.list(from, to, authorization);
    }

    @POST
    @Path("bookings/{id}/attendance")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response attendance(@PathParam("id") String id, String raw, @jakarta.ws.rs.HeaderParam("Authorization") String authorization)
            throws Exception {
        return FakeDesk.attendance(id, new ObjectMapper().readTree(raw), authorization);
    }

    @POST
    @Path("bookings/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response cancelByAgent(@PathParam("id") String id, String raw, @jakarta.ws.rs.HeaderParam("Authorization") String authorization)
            throws Exception {
        return FakeDesk.cancel(id, new ObjectMapper().readTree(raw), authorization);
    }

    @POST
    @Path("bookings/{id}/self-service-link")
    public Response resendLink(@PathParam("id") String id, @jakarta.ws.rs.HeaderParam("Authorization") String authorization) {
        return FakeDesk.resend(id, authorization);
    }

    @GET
    @Path("partners/{id}")
    public String partner(@PathParam("id") String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + (id.equals(FakeDesk.FRANCE_SERVICES) ? "France Services de Fougères"
                : "Commune de Romagné") + "\"}";
    }

    static String slot(String id, int days, int remaining) {
        return "{\"id\":\"" + id + "\",\"offerId\":\"" + OFFER + "\",\"placeId\":\"" + PLACE + "\",\"start\":\"" + start(days, 9)
                + "\",\"end\":\"" + start(days, 10) + "\",\"capacity\":1,\"confirmed\":" + (1 - remaining) + ",\"remaining\":"
                + remaining + ",\"waitlisted\":0,\"status\":\"planned\",\"offer\":{\"title\":\"Permanence conseiller numérique\","
                + "\"type\":\"permanence_individuelle\",\"themes\":[\"aide_demarches\"]},\"place\":{\"name\":\"Pôle socioculturel\","
                + "\"street\":\"2 rue de la Mairie\",\"postalCode\":\"35133\",\"commune\":\"Romagné\",\"inseeCode\":\"35243\","
                + "\"phone\":\"+33299000000\"},\"bookingRules\":{\"allowedBookers\":[\"citizen\",\"agent\"],\"minDelayMinutes\":120,"
                + "\"maxDelayDays\":60,\"cancelUntilMinutes\":240,\"rescheduleUntilMinutes\":1440,\"waitingList\":true}}";
    }

    @GET
    @Path("slots")
    public String slots() {
        return "{\"items\":[" + slot(SLOT_FREE, 3, 1) + "," + slot(SLOT_FULL, 4, 0) + "," + slot(SLOT_OTHER, 5, 1)
                + "],\"page\":0,\"size\":100,\"total\":3}";
    }

    @GET
    @Path("slots/{id}")
    public Response slotById(@PathParam("id") String id) {
        return switch (id) {
            case SLOT_FREE -> Response.ok(slot(SLOT_FREE, 3, 1)).build();
            case SLOT_FULL -> Response.ok(slot(SLOT_FULL, 4, 0)).build();
            case SLOT_OTHER -> Response.ok(slot(SLOT_OTHER, 5, 1)).build();
            default -> Response.status(404).build();
        };
    }

    static Response problem(int status, String field, String detail) {
        return Response.status(status).type("application/problem+json").entity("{\"type\":\"https://maillage.fr/problemes/x\","
                + "\"title\":\"Règle non respectée\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"field\":"
                + (field == null ? "null" : "\"" + field + "\"") + ",\"violations\":" + (field == null ? "[]"
                        : "[{\"field\":\"" + field + "\",\"message\":\"" + detail + "\"}]") + "}").build();
    }

    /** booking-service's deadlines: cancel until 4 h before (confirmed or waiting), move until 24 h before (confirmed). */
    static String deadlines(String status) {
        OffsetDateTime start = OffsetDateTime.parse(start(3, 9));
        boolean active = status.equals("confirmed") || status.equals("waitlisted");
        return "\"cancelUntil\":" + (active ? "\"" + start.minusHours(4) + "\"" : "null") + ",\"rescheduleUntil\":"
                + (status.equals("confirmed") ? "\"" + start.minusHours(24) + "\"" : "null") + ",\"codeSentTo\":"
                + (status.equals("pending") && codeSentTo != null ? "\"" + codeSentTo + "\"" : "null") + ",";
    }

    static String booking(String status, boolean withLink) {
        return "{" + deadlines(status) + "\"id\":\"" + BOOKING + "\",\"status\":\"" + status + "\",\"slotId\":\"" + SLOT_FREE + "\",\"offerId\":\"" + OFFER
                + "\",\"placeId\":\"" + PLACE + "\",\"start\":\"" + start(3, 9) + "\",\"end\":\"" + start(3, 10) + "\","
                + "\"holdExpiresAt\":\"" + OffsetDateTime.now().plusMinutes(10) + "\",\"codeAttemptsLeft\":3,"
                + "\"person\":{\"firstName\":\"Camille\",\"phone\":\"+33612345678\",\"email\":\"camille@exemple.fr\"},"
                + "\"offer\":{\"title\":\"Permanence conseiller numérique\",\"type\":\"permanence_individuelle\"},"
                + "\"place\":{\"name\":\"Pôle socioculturel\",\"street\":\"2 rue de la Mairie\",\"postalCode\":\"35133\","
                + "\"commune\":\"Romagné\",\"phone\":\"+33299000000\"},\"selfServiceUrl\":"
                + (withLink ? "\"http://127.0.0.1:8080/rdv/" + TOKEN + "\"" : "null") + "}";
    }

    @POST
    @Path("bookings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response book(String raw, @jakarta.ws.rs.HeaderParam("Authorization") String authorization,
            @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey) throws Exception {
        JsonNode body = new ObjectMapper().readTree(raw);
        if (body.path("verification").isMissingNode()) {
            FakeDesk.KEYS.add(String.valueOf(idempotencyKey));
            return FakeDesk.deskBooking(body, authorization);
        }
        if (!("Bearer " + FakeOidc.WEB_TOKEN).equals(authorization)) {
            return problem(401, null, "Jeton absent ou invalide.");
        }
        String phone = body.path("person").path("phone").asText("");
        if (phone.equals("123")) {
            return problem(422, "person.phone", "Numéro de téléphone invalide : tapez un numéro de portable.");
        }
        if (phone.startsWith("02") && body.path("person").path("email").isMissingNode()) {
            return problem(422, "person.phone", "Ce numéro ne reçoit pas de SMS : donnez un numéro de portable (06 ou 07) ou une"
                    + " adresse e-mail.");
        }
        if (!body.path("verification").asText().equals("code") || !body.path("bookedBy").asText().equals("citizen")) {
            return problem(400, "verification", "verification attendue");
        }
        STATUS.put(BOOKING, "pending");
        return Response.status(201).entity(booking("pending", false)).build();
    }

    @GET
    @Path("bookings/{id}")
    public Response booking(@PathParam("id") String id, @jakarta.ws.rs.HeaderParam("Authorization") String authorization) {
        if (FakeDesk.BOOKINGS.containsKey(id)) {
            return FakeDesk.agent(authorization) == null ? problem(401, null, "Jeton absent ou invalide.")
                    : Response.ok(FakeDesk.BOOKINGS.get(id)).build();
        }
        return id.equals(BOOKING) ? Response.ok(booking(STATUS.getOrDefault(BOOKING, "pending"), false)).build()
                : Response.status(404).build();
    }

    @POST
    @Path("bookings/{id}/verification")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response verify(@PathParam("id") String id, String raw) throws Exception {
        JsonNode body = new ObjectMapper().readTree(raw);
        if (!"pending".equals(STATUS.getOrDefault(BOOKING, "pending"))) {
            return problem(409, "code", "Ce rendez-vous est déjà confirmé.");
        }
        if (!body.path("code").asText().equals("123456")) {
            return problem(422, "code", "Ce code ne correspond pas. Il vous reste 2 essai(s).");
        }
        STATUS.put(BOOKING, "confirmed");
        return Response.ok(booking("confirmed", true)).build();
    }

    @POST
    @Path("bookings/{id}/verification/code")
    public Response newCode(@PathParam("id") String id) {
        if (!"pending".equals(STATUS.getOrDefault(BOOKING, "pending"))) {
            return problem(409, null, "Ce rendez-vous est déjà confirmé.");
        }
        return Response.status(202).build();
    }

    @GET
    @Path("bookings/self/{token}")
    public Response self(@PathParam("token") String token) {
        if (token.equals(TOKEN_REUNION)) {
            return Response.ok(reunionBooking()).build();
        }
        return token.equals(TOKEN) ? Response.ok(booking(STATUS.getOrDefault(BOOKING, "confirmed"), true)).build()
                : problem(404, null, "Lien inconnu ou expiré.");
    }

    @DELETE
    @Path("bookings/self/{token}")
    public Response cancel(@PathParam("token") String token) {
        STATUS.put(BOOKING, "cancelled_by_citizen");
        return Response.ok(booking("cancelled_by_citizen", false)).build();
    }

    @POST
    @Path("bookings/self/{token}/reschedule")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reschedule(@PathParam("token") String token, String raw) throws Exception {
        JsonNode body = new ObjectMapper().readTree(raw);
        if (body.path("slotId").asText().equals(SLOT_FULL)) {
            return problem(409, null, "Ce créneau est complet.");
        }
        return Response.ok(booking("confirmed", false)).build();
    }

    @GET
    @Path("bookings/self/{token}.ics")
    @Produces("text/calendar")
    public String ics(@PathParam("token") String token) {
        return "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
    }

    // --- volunteer (web-benevole): the volunteer's shifts; the rest of the volunteer API is FakeVolunteer's.
    @GET
    @Path("bookings/shifts")
    public Response volunteerShifts(@QueryParam("personId") String personId,
            @jakarta.ws.rs.HeaderParam("Authorization") String authorization) {
        return FakeVolunteer.shifts(personId, authorization);
    }

    static List<String> ids() {
        return List.of(PLACE, OFFER);
    }
}
